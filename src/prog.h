/* SPDX-License-Identifier: GPL-2.0-only */
/* prog commands live in several files; prog.c holds the table. */
#ifndef BPFKIT_PROG_H
#define BPFKIT_PROG_H

struct bpf_prog_info;
/* prog.c: the show header of one program, full name already resolved */
void prog_print_header(const struct bpf_prog_info *i, const char *name);

int do_prog_dump(int argc, char **argv);	/* prog_dump.c */
int do_prog_pin(int argc, char **argv);		/* prog_load.c */
int do_prog_load(int argc, char **argv);	/* prog_load.c */
int do_prog_loadall(int argc, char **argv);	/* prog_load.c */
int do_prog_attach(int argc, char **argv);	/* prog_attach.c */
int do_prog_detach(int argc, char **argv);	/* prog_attach.c */
int do_prog_tracelog(int argc, char **argv);	/* prog_tracelog.c */
int do_prog_run(int argc, char **argv);		/* prog_run.c */
int do_prog_profile(int argc, char **argv);	/* prog_run.c */

#endif
