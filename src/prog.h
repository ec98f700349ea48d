/* SPDX-License-Identifier: GPL-2.0-only */
/* prog commands live in several files; prog.c holds the table. */
#ifndef BPFKIT_PROG_H
#define BPFKIT_PROG_H

struct bpf_prog_info;
/* prog.c: the show header of one program, full name already resolved */
void prog_print_header(const struct bpf_prog_info *i, const char *name);

/*
 * prog_load.c: read an object file whole and check it (obj_check.c) before
 * libbpf may parse it; gen reads its objects the same way. 0, or -1 after
 * one error line.
 */
struct btf_bytes;
struct obj_facts;
int read_object(const char *file, struct btf_bytes *b, struct obj_facts *f);

int do_prog_dump(int argc, char **argv);	/* prog_dump.c */
int do_prog_pin(int argc, char **argv);		/* prog_load.c, through pin.c */
int do_prog_load(int argc, char **argv);	/* prog_load.c */
int do_prog_loadall(int argc, char **argv);	/* prog_load.c */
int do_prog_attach(int argc, char **argv);	/* prog_attach.c */
int do_prog_detach(int argc, char **argv);	/* prog_attach.c */
int do_prog_tracelog(int argc, char **argv);	/* prog_tracelog.c */
int do_prog_run(int argc, char **argv);		/* prog_run.c */
int do_prog_profile(int argc, char **argv);	/* prog_run.c */

#endif
