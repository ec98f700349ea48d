// SPDX-License-Identifier: GPL-2.0-only
/* link object: show/list, pin, detach, help. Rendering is in link_info.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "fd_batch.h"
#include "handle.h"
#include "holders.h"
#include "link_info.h"
#include "main.h"
#include "obj_walk.h"
#include "pin.h"
#include "pinned.h"

struct link_show {
	struct holders *holders;
	struct pin_table *pins;
	struct link_ctx *lc;
};

/* perf_event links held by a process also show their bpf_cookie */
static void print_bpf_cookie(const struct link_show *s,
			     const struct link_data *d)
{
	__u64 cookie;

	if (!link_perf_cookie(d, &cookie) ||
	    !holders_has(s->holders, d->info.id))
		return;
	if (json_wtr)
		jsonw_uint_field(json_wtr, "bpf_cookie", cookie);
	else
		printf("\n\tbpf_cookie %llu", (unsigned long long)cookie);
}

/* One link: an obj_show_ops show callback (no rec). */
static int show_link(void *ctx, int fd, void *rec)
{
	struct link_data *d = malloc(sizeof(*d));
	struct link_show *s = ctx;

	(void)rec;
	if (!d)
		return p_err("out of memory");
	if (link_data_get(fd, d)) {
		link_data_release(d);
		free(d);
		return -1;
	}
	if (json_wtr)
		jsonw_start_object(json_wtr);
	link_render_header(d);
	link_render_detail(s->lc, d);
	pins_print(s->pins, d->info.id);
	print_bpf_cookie(s, d);
	holders_print(s->holders, d->info.id);
	if (json_wtr)
		jsonw_end_object(json_wtr);
	else
		printf("\n");
	link_data_release(d);
	free(d);
	return 0;
}

static const struct obj_show_ops show_ops = {
	.kind = OBJ_LINK,
	.show = show_link,
};

static int do_show(int argc, char **argv)
{
	struct fd_batch spent = FD_BATCH_INIT;
	struct link_show s = {};
	int fd = -1, err;

	if (argc != 0 && argc != 2)
		return p_err("what is '%s'?", argv[0]);
	/* a bad handle is reported before paying for the walks */
	if (argc) {
		ARGCUR(cur, argc, argv);

		fd = link_parse_fd(&cur);
		if (fd < 0)
			return fd;
	}
	s.holders = holders_start(OBJ_LINK);
	if (opts.bpffs)
		s.pins = pins_build(OBJ_LINK);
	s.lc = link_ctx_new();
	if (!s.lc || (opts.bpffs && !s.pins))
		err = p_err("out of memory");
	else if (argc)
		err = show_link(&s, fd, NULL);
	else
		err = obj_show_all(&show_ops, &s, &spent);
	fdb_flush(&spent);
	if (fd >= 0)
		close(fd);
	link_ctx_free(s.lc);
	holders_free(s.holders);
	pins_free(s.pins);
	return err;
}

static int do_pin(int argc, char **argv)
{
	return do_pin_any(argc, argv, link_parse_fd);
}

/* bpftool exits 1 on every detach failure; keep that for scripts. */
static int do_detach(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	int fd, err;

	if (argc != 2) {
		p_err("link specifier is invalid or missing");
		return 1;
	}
	fd = link_parse_fd(&cur);
	if (fd < 0)
		return 1;
	err = bpf_link_detach(fd) ? errno : 0;
	close(fd);
	if (err) {
		p_err_cap(err, "failed link detach");
		return 1;
	}
	return cmd_done(0);
}

static const char help_text[] =
	"Usage: %1$s link { show | list }   [LINK]\n"
	"       %1$s link pin        LINK  FILE\n"
	"       %1$s link detach     LINK\n"
	"       %1$s link help\n"
	"\n"
	"       " HELP_SPEC_LINK "\n"
	"       " HELP_SPEC_OPTIONS " |\n"
	"                    {-f|--bpffs} | {-n|--nomount} }\n";

CMD_OBJECT(link, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP,
	{ "pin",	do_pin },
	{ "detach",	do_detach })
