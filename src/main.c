// SPDX-License-Identifier: GPL-2.0-only
/* Entry point: global options, the object table, batch and version. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "atomic_out.h"
#include "btf_src.h"
#include "jit_disasm.h"
#include "libbpf_log.h"
#include "main.h"

struct options opts;
struct jsonw *json_wtr;
const char *bin_name = "bpfkit";

#define BATCH_ARGS_MAX	4096

static const char help_text[] =
	"Usage: %1$s [OPTIONS] OBJECT { COMMAND | help }\n"
	"       %1$s batch file FILE\n"
	"       %1$s version\n"
	"\n"
	"       OBJECT := { prog | map | link | cgroup | perf | net | feature | btf | gen | struct_ops | iter | token | core }\n"
	"       OPTIONS := { {-V|--version} | {-j|--json} [{-p|--pretty}] |\n"
	"                    {-d|--debug} | {-f|--bpffs} | {-n|--nomount} |\n"
	"                    {-m|--mapcompat} | {-B|--base-btf} |\n"
	"                    {-L|--use-loader} | {-o|--output} }\n";

/*
 * bpftool's feature keys, each true only when this bpfkit has it: llvm when
 * "prog dump jited" finds libLLVM (loaded at run time, so it is probed
 * here); skeletons (bpftool's own BPF programs, for "prog profile") and
 * libbfd never; pids always (holders come from /proc, no BPF iterator).
 */
static int do_version(int argc, char **argv)
{
	const struct { const char *name; bool on; } feat[] = {
		{ "libbfd",	false },
		{ "llvm",	jit_disasm_available() },
		{ "skeletons",	false },
		{ "bootstrap",	false },
		{ "pids",	true },
	};
	unsigned int i, n = 0;

	(void)argc;
	(void)argv;
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "version", BPFKIT_VERSION);
		jsonw_name(json_wtr, "libbpf_version");
		jsonw_printf(json_wtr, "\"%u.%u\"", libbpf_major_version(),
			     libbpf_minor_version());
		jsonw_name(json_wtr, "features");
		jsonw_start_object(json_wtr);
		for (i = 0; i < sizeof(feat) / sizeof(feat[0]); i++)
			jsonw_bool_field(json_wtr, feat[i].name, feat[i].on);
		jsonw_end_object(json_wtr);
		jsonw_end_object(json_wtr);
		return 0;
	}
	printf("%s v%s\n", bin_name, BPFKIT_VERSION);
	printf("using libbpf v%u.%u\n", libbpf_major_version(),
	       libbpf_minor_version());
	printf("features:");
	for (i = 0; i < sizeof(feat) / sizeof(feat[0]); i++)
		if (feat[i].on)
			printf("%s %s", n++ ? "," : "", feat[i].name);
	printf("\n");
	return 0;
}

static int do_batch(int argc, char **argv);

static const struct cmd top_cmds[] = {
	CMD_HELP,
	{ "batch",	do_batch },
	{ "prog",	do_prog },
	{ "map",	do_map },
	{ "link",	do_link },
	{ "cgroup",	do_cgroup },
	{ "perf",	do_perf },
	{ "net",	do_net },
	{ "feature",	do_feature },
	{ "btf",	do_btf },
	{ "gen",	do_gen },
	{ "struct_ops",	do_struct_ops },
	{ "iter",	do_iter },
	{ "token",	do_token },
	{ "core",	do_core },
	{ "version",	do_version },
	{ 0 }
};

/*
 * Split a batch line in place: words are separated by blanks; a word that
 * starts with a quote runs to the next identical quote (no escapes).
 * Returns the word count or -1.
 */
static int split_words(char *cp, char **words, int max, int lineno)
{
	static const char ws[] = " \t\r\n";
	int n = 0;

	for (;;) {
		cp += strspn(cp, ws);
		if (!*cp)
			break;
		if (n >= max - 1)
			return p_err("too many arguments to command %d", lineno);
		if (*cp == '\'' || *cp == '"') {
			char quote = *cp++;

			words[n++] = cp;
			cp = strchr(cp, quote);
			if (!cp)
				return p_err("unterminated quoted string in command %d",
					     lineno);
		} else {
			words[n++] = cp;
			cp += strcspn(cp, ws);
			if (!*cp)
				break;
		}
		*cp++ = '\0';
	}
	words[n] = NULL;
	return n;
}

static void cut_comment(char *s)
{
	s[strcspn(s, "#")] = '\0';
}

/* A batch line of any length, grown as needed. */
struct linebuf {
	char *s;
	size_t cap;
};

/*
 * Read one physical line, comment cut. There is no length limit: a line
 * read in pieces would run its tail as a command of its own, even when the
 * whole line was a comment. 1 = got one, 0 = EOF, -1 = error.
 */
static int read_phys_line(FILE *fp, struct linebuf *l)
{
	int err;

	errno = 0;
	if (getline(&l->s, &l->cap, fp) < 0) {
		err = errno ? errno : EIO;
		if (feof(fp) && !ferror(fp))
			return 0;
		return p_err("reading batch file failed: %s", strerror(err));
	}
	cut_comment(l->s);
	return 1;
}

/* Read one logical line (joined at "\\\n"); 1 = got one, 0 = EOF, -1 = error. */
static int read_batch_line(FILE *fp, struct linebuf *buf,
			   struct linebuf *cont, int lineno)
{
	size_t head, tail;
	char *bs, *tmp;
	int got;

	got = read_phys_line(fp, buf);
	if (got <= 0)
		return got;
	while ((bs = strstr(buf->s, "\\\n"))) {
		got = read_phys_line(fp, cont);
		if (got < 0)
			return got;
		if (!got)
			return p_err("missing continuation line on command %d",
				     lineno);
		head = bs - buf->s;
		tail = strlen(cont->s);
		if (head + tail + 1 > buf->cap) {
			tmp = realloc(buf->s, head + tail + 1);
			if (!tmp)
				return p_err("out of memory");
			buf->s = tmp;
			buf->cap = head + tail + 1;
		}
		memcpy(buf->s + head, cont->s, tail + 1);
	}
	return 1;
}

static int run_batch(FILE *fp)
{
	struct linebuf buf = {}, cont = {};
	char **words = calloc(BATCH_ARGS_MAX, sizeof(*words));
	int lines = 0, err = 0, n, i, got;

	if (!words) {
		err = p_err("out of memory");
		goto out;
	}
	while ((got = read_batch_line(fp, &buf, &cont, lines)) > 0) {
		n = split_words(buf.s, words, BATCH_ARGS_MAX, lines);
		if (n < 0) {
			err = n;
			break;
		}
		if (!n)
			continue;
		if (is_prefix(words[0], "batch")) {
			err = p_err("batch files cannot be nested (command %d)",
				    lines);
			break;
		}
		if (json_wtr) {
			jsonw_start_object(json_wtr);
			jsonw_name(json_wtr, "command");
			jsonw_start_array(json_wtr);
			for (i = 0; i < n; i++)
				jsonw_string(json_wtr, words[i]);
			jsonw_end_array(json_wtr);
			jsonw_name(json_wtr, "output");
		}
		err = cmd_run(top_cmds, help_text, n, words);
		if (json_wtr)
			jsonw_end_object(json_wtr);
		if (err)
			break;
		lines++;
	}
	if (got < 0)
		err = got;
	else if (!err && !json_wtr)
		printf("processed %d commands\n", lines);
out:
	free(buf.s);
	free(cont.s);
	free(words);
	return err;
}

static int do_batch(int argc, char **argv)
{
	FILE *fp;
	int err;

	if (argc < 2)
		return p_err("too few parameters for batch");
	if (argc > 2)
		return p_err("too many parameters for batch");
	if (!is_prefix(argv[0], "file"))
		return p_err("expected 'file', got: %s", argv[0]);
	if (!strcmp(argv[1], "-")) {
		fp = stdin;
	} else {
		fp = fopen(argv[1], "r");
		if (!fp)
			return p_err("can't open file (%s): %s", argv[1],
				     strerror(errno));
	}
	if (json_wtr)
		jsonw_start_array(json_wtr);
	err = run_batch(fp);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	if (fp != stdin)
		fclose(fp);
	return err;
}

static const struct option long_opts[] = {
	{ "json",	no_argument,		NULL, 'j' },
	{ "pretty",	no_argument,		NULL, 'p' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "bpffs",	no_argument,		NULL, 'f' },
	{ "nomount",	no_argument,		NULL, 'n' },
	{ "debug",	no_argument,		NULL, 'd' },
	{ "mapcompat",	no_argument,		NULL, 'm' },
	{ "base-btf",	required_argument,	NULL, 'B' },
	{ "output",	required_argument,	NULL, 'o' },
	{ "use-loader",	no_argument,		NULL, 'L' },
	{ 0 }
};

/*
 * Parse options. The first bad option is remembered and reported only once
 * all of them are read, so that "-x -j" still reports in JSON.
 */
static int parse_opts(int argc, char **argv, bool *want_version,
		      bool *want_help, char *bad, size_t badsz)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":VhpjfnmdLB:o:", long_opts,
				NULL)) >= 0) {
		switch (c) {
		case 'V': *want_version = true; break;
		case 'h': *want_help = true; break;
		case 'p': opts.pretty = true; /* fallthrough */
		case 'j': opts.json = true; break;
		case 'f': opts.bpffs = true; break;
		case 'n': opts.nomount = true; break;
		case 'd': opts.debug = true; break;
		case 'm': opts.mapcompat = true; break;
		case 'L': opts.use_loader = true; break;
		case 'B': opts.base_btf_path = optarg; break;
		case 'o': opts.output = optarg; break;
		case ':':
			if (!*bad)
				snprintf(bad, badsz, "option '%s' requires an argument",
					 argv[optind - 1]);
			break;
		default:
			if (!*bad)
				snprintf(bad, badsz, "unrecognized option '%s'",
					 argv[optind - 1]);
			break;
		}
	}
	return optind;
}

static int finish_stdout(int ret)
{
	if (json_wtr)
		jsonw_destroy(&json_wtr);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "Error: writing to stdout failed: %s\n",
			strerror(errno));
		return -1;
	}
	return ret;
}

/* Run the command line, through a temporary file when -o was given. */
static int run_top(int argc, char **argv)
{
	int ret;

	if (opts.output && atomic_out_begin(opts.output))
		return finish_stdout(-1);
	if (argc < 1)
		ret = print_help(help_text);
	else
		ret = cmd_run(top_cmds, help_text, argc, argv);
	if (!opts.output)
		return finish_stdout(ret);
	if (json_wtr)
		jsonw_destroy(&json_wtr);
	if (atomic_out_end(ret == 0) && !ret)
		ret = -1;
	return ret;
}

int main(int argc, char **argv)
{
	static char iobuf[1 << 16];
	bool want_version = false, want_help = false;
	struct btf_src base_src = {};
	struct btf_err berr;
	char bad[256] = "";
	int ret, first;

	/* full buffering even on a tty: never one write() per line */
	setvbuf(stdout, iobuf, _IOFBF, sizeof(iobuf));
	first = parse_opts(argc, argv, &want_version, &want_help, bad,
			   sizeof(bad));
	if (opts.json) {
		json_wtr = jsonw_new(stdout);
		if (!json_wtr) {
			fprintf(stderr, "Error: failed to create JSON writer\n");
			return 255;
		}
		jsonw_pretty(json_wtr, opts.pretty);
	}
	libbpf_log_init();
	if (*bad) {
		p_err("%s", bad);
		if (!json_wtr)
			print_help(help_text);
		return (unsigned char)finish_stdout(-1);
	}
	if (want_help)
		return (unsigned char)finish_stdout(print_help(help_text));
	if (want_version)
		return (unsigned char)finish_stdout(do_version(0, NULL));
	/* the base passes the same checks as any other BTF input */
	if (opts.base_btf_path) {
		ret = btf_src_load_path(opts.base_btf_path, NULL, &base_src,
					&berr);
		if (ret) {
			ret = p_err_errno(-ret, "base BTF (-B): %s", berr.msg);
			return (unsigned char)finish_stdout(ret);
		}
		opts.base_btf = base_src.btf;
	}
	argc -= first;
	argv += first;
	ret = run_top(argc, argv);
	btf_src_free(&base_src);
	return (unsigned char)ret;
}
