// SPDX-License-Identifier: GPL-2.0-only
/*
 * iter object: pin, help.
 *
 * "iter pin OBJ PATH [map MAP]" loads OBJ, attaches its first program as
 * a BPF iterator (over MAP's elements for map element iterators) and pins
 * the link at PATH; reading PATH then runs the iterator.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "handle.h"
#include "main.h"
#include "libbpf_log.h"

static int attach_and_pin(struct bpf_object *obj, const char *file,
			  const char *path, int map_fd)
{
	LIBBPF_OPTS(bpf_iter_attach_opts, io);
	union bpf_iter_link_info li = {};
	struct bpf_program *prog;
	struct bpf_link *link;
	int err;

	prog = bpf_object__next_program(obj, NULL);
	if (!prog)
		return p_err("can't find bpf program in objfile %s", file);
	if (map_fd >= 0) {
		li.map.map_fd = map_fd;
		io.link_info = &li;
		io.link_info_len = sizeof(li);
	}
	libbpf_log_hold();	/* libbpf repeats what we say below */
	link = bpf_program__attach_iter(prog, &io);
	err = link ? 0 : -errno;
	libbpf_log_release();
	if (!link) {
		p_err("attach_iter failed for program %s: %s%s",
		      bpf_program__name(prog), strerror(-err),
		      map_fd >= 0 ? "" :
		      err == -EBADF ? " (this iterator needs 'map MAP')" :
		      err == -EINVAL ? " (the first program is not an iterator)" :
		      "");
		return err;
	}
	err = pin_fd_at(bpf_link__fd(link), path);
	/* pinned, the link outlives our fd */
	bpf_link__destroy(link);
	return err;
}

static int do_pin(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	const char *file, *path;
	struct bpf_object *obj;
	struct stat st;
	int map_fd = -1, err;

	file = arg_next(&cur);
	path = arg_next(&cur);
	if (!file || !path)
		return p_err("iter pin needs OBJ and PATH");
	if (arg_take(&cur, "map")) {
		if (cur.argc < 2)
			return p_err("incorrect map spec");
		map_fd = map_parse_fd(&cur, false);
		if (map_fd < 0)
			return -1;
	}
	if (arg_done(&cur))
		goto fail;
	/* before loading anything: the path must be free */
	if (!lstat(path, &st)) {
		p_err("can't pin the iterator: path '%s' already exists", path);
		err = -EEXIST;
		goto out;
	}
	obj = bpf_object__open_file(file, NULL);
	if (!obj) {
		err = -errno;
		p_err("can't open objfile %s: %s", file, strerror(-err));
		goto out;
	}
	err = bpf_object__load(obj);
	if (err)
		p_err_cap(err, "can't load objfile %s", file);
	else
		err = attach_and_pin(obj, file, path, map_fd);
	bpf_object__close(obj);
out:
	if (map_fd >= 0)
		close(map_fd);
	return cmd_done(err);
fail:
	if (map_fd >= 0)
		close(map_fd);
	return -1;
}

static const char help_text[] =
	"Usage: %1$s iter pin OBJ PATH [map MAP]\n"
	"       %1$s iter help\n"
	"\n"
	"       " HELP_SPEC_MAP "\n"
	"       " HELP_SPEC_OPTIONS " }\n";

CMD_OBJECT(iter, help_text,
	{ "pin",	do_pin },
	CMD_HELP)
