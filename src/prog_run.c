// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog run: BPF_PROG_TEST_RUN on input read from files (or stdin), with
 * bpftool's output: raw bytes to output files, a hexdump (or JSON arrays of
 * decimal bytes) for "-", then the return value and duration.
 *
 * prog profile needs BPF skeletons (fentry/fexit programs built with
 * clang), which bpfkit does not ship; like bpftool built without them, it
 * says so and exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>

#include "args.h"
#include "atomic_out.h"
#include "btf_src.h"
#include "handle.h"
#include "main.h"
#include "prog.h"
#include "libbpf_log.h"

#define RUN_DEFAULT_OUT	(32 * 1024)

struct run_args {
	const char *data_in, *data_out;
	const char *ctx_in, *ctx_out;
	__u32 data_size_out, ctx_size_out;
	__u32 repeat;
};

/* A keyword with a file name (file) or a number (num, what) after it. */
struct run_kw {
	const char *kw;
	const char **file;
	__u32 *num;
	const char *what;
};

/*
 * A word that is a prefix of more than one of the keywords is refused
 * instead of silently meaning the first ("data" could be three things).
 */
static int ambiguous(const char *w, const struct run_kw *kws, int n)
{
	char msg[256];
	int i, hits = 0, len;

	len = snprintf(msg, sizeof(msg), "ambiguous prefix: '%s' could be", w);
	for (i = 0; i < n; i++) {
		if (!is_prefix(w, kws[i].kw))
			continue;
		len += snprintf(msg + len, sizeof(msg) - len, "%s '%s'",
				hits ? " or" : "", kws[i].kw);
		if (len >= (int)sizeof(msg))
			len = sizeof(msg) - 1;
		hits++;
	}
	if (hits < 2)
		return 0;
	return p_err("%s", msg);
}

static int take_file(struct argcur *c, const char **f, const char *kw)
{
	*f = arg_next(c);
	if (!*f)
		return p_err("file name is missing after '%s'", kw);
	return 0;
}

static int parse_run_args(struct run_args *r, struct argcur *c)
{
	/* the data_* and the ctx_* triples are each checked for ambiguity */
	const struct run_kw kws[] = {
		{ "data_in", .file = &r->data_in },
		{ "data_out", .file = &r->data_out },
		{ "data_size_out", .num = &r->data_size_out,
		  .what = "output data size" },
		{ "ctx_in", .file = &r->ctx_in },
		{ "ctx_out", .file = &r->ctx_out },
		{ "ctx_size_out", .num = &r->ctx_size_out,
		  .what = "output context size" },
		{ "repeat", .num = &r->repeat, .what = "repeat number" },
	};
	const struct run_kw *k, *end = kws + sizeof(kws) / sizeof(kws[0]);
	const char *w;
	int err;

	r->repeat = 1;
	while ((w = arg_peek(c))) {
		if (ambiguous(w, kws, 3) || ambiguous(w, kws + 3, 3))
			return -1;
		for (k = kws; k < end && !arg_take(c, k->kw); k++)
			;
		if (k == end)
			return p_err("expected no more arguments, 'data_in', 'data_out', 'data_size_out', 'ctx_in', 'ctx_out', 'ctx_size_out' or 'repeat', got: '%s'?",
				     w);
		err = k->file ? take_file(c, k->file, k->kw) :
				arg_u32(c, k->num, k->what);
		if (err)
			return -1;
	}
	if (r->data_in && r->ctx_in && !strcmp(r->data_in, "-") &&
	    !strcmp(r->ctx_in, "-"))
		return p_err("cannot use standard input for both data_in and ctx_in");
	return 0;
}

/* Whole file (or stdin for "-"), through the one whole-file reader. */
static int read_input(const char *name, struct btf_bytes *b, __u32 *size)
{
	struct btf_err e;
	int fd, err;

	*size = 0;
	if (!name)
		return 0;
	fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		return p_err("failed to open %s: %s", name, strerror(errno));
	err = btf_src_read_fd(fd, b, &e);
	if (fd)
		close(fd);
	if (err)
		return p_err("failed to read %s: %s", name, e.msg);
	*size = b->size;
	return 0;
}

/* data_out FILE, through the one output-file path (atomic_out.h). */
static int write_output(const char *name, const void *data, size_t size)
{
	bool at_open;
	int err;

	err = out_file_write(name, data, size, 0666, &at_open); /* fopen "w" */
	if (err && at_open)
		return p_err("failed to open %s: %s", name, strerror(-err));
	if (err)
		return p_err("failed to write %s: %s", name, strerror(-err));
	return 0;
}

/*
 * bpftool's hexdump: offset, TAB, 16 bytes as 4-digit groups, "| ", then
 * the printable characters with a gap after the 8th.
 */
static void hexdump(const unsigned char *d, size_t size)
{
	size_t i, j;

	for (i = 0; i < size; i += 16) {
		printf("%07zx\t", i);
		for (j = i; j < i + 16; j++) {
			if (j < size)
				printf("%02x", d[j]);
			else
				printf("  ");
			if (j % 2)
				putchar(' ');
		}
		printf("| ");
		for (j = i; j < i + 16 && j < size; j++) {
			putchar(d[j] >= ' ' && d[j] <= '~' ? d[j] : '.');
			if (j == i + 7)
				putchar(' ');
		}
		putchar('\n');
	}
}

static void print_stdout(const char *key, const unsigned char *d,
			 size_t size)
{
	size_t i;

	if (!json_wtr) {
		hexdump(d, size);
		return;
	}
	jsonw_name(json_wtr, key);
	jsonw_start_array(json_wtr);
	for (i = 0; i < size; i++)
		jsonw_uint(json_wtr, d[i]);
	jsonw_end_array(json_wtr);
}

static bool to_stdout(const char *name)
{
	return name && !strcmp(name, "-");
}

static int report_run(const struct run_args *r,
		      const struct bpf_test_run_opts *t)
{
	int err = 0;

	/* files first: an error must not land inside the JSON object */
	if (t->data_size_out && r->data_out && !to_stdout(r->data_out))
		err |= write_output(r->data_out, t->data_out, t->data_size_out);
	if (t->ctx_size_out && r->ctx_out && !to_stdout(r->ctx_out))
		err |= write_output(r->ctx_out, t->ctx_out, t->ctx_size_out);
	if (json_wtr)
		jsonw_start_object(json_wtr);
	if (t->data_size_out && to_stdout(r->data_out))
		print_stdout("data_out", t->data_out, t->data_size_out);
	if (t->ctx_size_out && to_stdout(r->ctx_out))
		print_stdout("ctx_out", t->ctx_out, t->ctx_size_out);
	if (json_wtr) {
		jsonw_uint_field(json_wtr, "retval", t->retval);
		jsonw_uint_field(json_wtr, "duration", t->duration);
		jsonw_end_object(json_wtr);
	} else {
		printf("Return value: %u, duration%s: %uns\n", t->retval,
		       r->repeat > 1 ? " (average)" : "", t->duration);
	}
	return err ? -1 : 0;
}

static int alloc_out(void **buf, __u32 *size)
{
	if (!*size)
		*size = RUN_DEFAULT_OUT;
	*buf = calloc(1, *size);
	if (!*buf)
		return p_err("out of memory for %u output bytes", *size);
	return 0;
}

int do_prog_run(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_test_run_opts, t);
	struct btf_bytes din = {}, cin = {};
	void *dout = NULL, *cout = NULL;
	struct run_args r = {};
	ARGCUR(c, argc, argv);
	int fd = -1, err = -1;

	if (argc < 4)
		return p_err("'%s' needs at least 4 arguments, %d found",
			     argv[-1], argc);
	fd = prog_parse_fd(&c);
	if (fd < 0)
		return -1;
	if (parse_run_args(&r, &c) ||
	    read_input(r.data_in, &din, &t.data_size_in) ||
	    read_input(r.ctx_in, &cin, &t.ctx_size_in))
		goto out;
	t.data_size_out = r.data_size_out;
	t.ctx_size_out = r.ctx_size_out;
	if ((din.data && alloc_out(&dout, &t.data_size_out)) ||
	    (cin.data && alloc_out(&cout, &t.ctx_size_out)))
		goto out;
	if (!dout)
		t.data_size_out = 0;
	if (!cout)
		t.ctx_size_out = 0;
	t.data_in = din.data;
	t.data_out = dout;
	t.ctx_in = cin.data;
	t.ctx_out = cout;
	t.repeat = r.repeat;
	if (bpf_prog_test_run_opts(fd, &t)) {
		int e = errno;

		/*
		 * bpftool exits with the kernel's -errno here. 524 is the
		 * kernel's ENOTSUPP, unknown to strerror().
		 */
		err = p_err_errno(e, "failed to run program: %s%s",
				  e == 524 ? "this program type can't be test-run (ENOTSUPP)" :
				  strerror(e), cap_hint(e));
		goto out;
	}
	err = report_run(&r, &t);
out:
	close(fd);
	btf_src_bytes_free(&din);
	free(dout);
	btf_src_bytes_free(&cin);
	free(cout);
	return err;
}

int do_prog_profile(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	/* bpftool without skeletons reports this and exits 0 as well */
	p_err("prog profile is not supported: bpfkit has no BPF skeletons (it needs fentry/fexit programs built with clang)");
	return 0;
}
