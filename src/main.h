/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared declarations: the command table type, global options and the
 * output context.
 *
 * Adding a command: write "static int do_foo(int argc, char **argv)" in the
 * object's file, add a row to its cmds[] and a line to its help text (row
 * order is the prefix priority, so add new rows where they steal no
 * abbreviation), document it in
 * docs/bpfkit-OBJ.rst and teach bash-completion/bpfkit about it.
 */
#ifndef BPFKIT_MAIN_H
#define BPFKIT_MAIN_H

#include <stdbool.h>
#include <linux/types.h>

#include "json_writer.h"
#include "error.h"

#define BPFKIT_VERSION "0.1.0"

/* Handlers get the words after their command word (argc may be 0). */
struct cmd {
	const char *name;
	int (*func)(int argc, char **argv);
};

struct options {
	bool json;
	bool pretty;
	bool bpffs;		/* -f: show pinned paths */
	bool nomount;		/* -n */
	bool debug;		/* -d */
	bool mapcompat;		/* -m */
	bool use_loader;	/* -L: gen skeleton -L, prog load -L */
	const char *base_btf_path;	/* -B */
	const char *output;		/* -o: write command output atomically here */
	struct btf *base_btf;		/* parsed -B, or NULL */
};

extern struct options opts;	/* set once in main() */
extern struct jsonw *json_wtr;	/* NULL unless opts.json */
extern const char *bin_name;

/*
 * An object's command table, ended by { 0 }. A row with no func is "help":
 * it prints the object's help text. Row order is the prefix priority.
 */
#define CMD_HELP	{ "help", NULL }

/*
 * Dispatch argv[0] against cmds (first prefix match wins; no word runs the
 * first row). help is the level's usage text, a printf format whose %1$s is
 * bin_name; it is printed on "help", on a word that matches nothing and by
 * usage().
 */
int cmd_run(const struct cmd *cmds, const char *help, int argc, char **argv);

/*
 * An object's entry point, do_OBJ(): its command rows (CMD_HELP among
 * them), dispatched by cmd_run() with help as the usage text.
 */
#define CMD_OBJECT(obj, help, ...)					\
	int do_##obj(int argc, char **argv)				\
	{								\
		static const struct cmd cmds[] = { __VA_ARGS__, { 0 } };\
									\
		return cmd_run(cmds, help, argc, argv);			\
	}
bool is_prefix(const char *pfx, const char *str);
/* print usage of the current level and return -1 ("null" under -j) */
int usage(void);
/* A help text on stderr, or a JSON null under -j as bpftool. Returns 0. */
int print_help(const char *help);
/*
 * The end of a command that prints nothing of its own: bpftool prints
 * "null" under -j when it succeeded. Returns err.
 */
int cmd_done(int err);

int do_prog(int argc, char **argv);
int do_map(int argc, char **argv);
int do_link(int argc, char **argv);
int do_btf(int argc, char **argv);
int do_gen(int argc, char **argv);
int do_feature(int argc, char **argv);
int do_core(int argc, char **argv);
int do_cgroup(int argc, char **argv);
int do_net(int argc, char **argv);
int do_perf(int argc, char **argv);
int do_struct_ops(int argc, char **argv);
int do_iter(int argc, char **argv);
int do_token(int argc, char **argv);

/*
 * The help spec strings shared by all objects' help texts. OPTIONS is left
 * open: each object adds its own options and the closing " }".
 */
#define HELP_SPEC_OPTIONS \
	"OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug}"
#define HELP_SPEC_PROGRAM \
	"PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }"
#define HELP_SPEC_MAP \
	"MAP := { id MAP_ID | pinned FILE | name MAP_NAME }"
#define HELP_SPEC_LINK \
	"LINK := { id LINK_ID | pinned FILE }"

#endif
