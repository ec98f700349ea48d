// SPDX-License-Identifier: GPL-2.0-only
/*
 * perf object: show/list, help.
 *
 * Programs attached through perf events (tracepoints, kprobes, uprobes)
 * and raw tracepoints are found from the fds that hold them: the /proc
 * walker hands over every fd of every process, and BPF_TASK_FD_QUERY asks
 * the kernel what each one has attached. The query answers for any fd
 * faster than a readlink of /proc/PID/fd/N would tell perf events and
 * links apart, so every fd is asked, without reading its link.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>

#include "main.h"
#include "print.h"
#include "proc_walk.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define ENOTSUPP_KERNEL 524	/* the kernel's ENOTSUPP, not in libc */

struct perf_row {
	pid_t pid;
	int fd;
	__u32 prog_id;
	__u32 fd_type;
	__u64 offset;
	__u64 addr;
	char buf[4096];
};

static const char *const fd_type_names[] = {
	[BPF_FD_TYPE_RAW_TRACEPOINT] = "raw_tracepoint",
	[BPF_FD_TYPE_TRACEPOINT] = "tracepoint",
	[BPF_FD_TYPE_KPROBE] = "kprobe",
	[BPF_FD_TYPE_KRETPROBE] = "kretprobe",
	[BPF_FD_TYPE_UPROBE] = "uprobe",
	[BPF_FD_TYPE_URETPROBE] = "uretprobe",
};

/* One row, plain or JSON: bpftool's fields for each kind of attachment. */
static void print_row(const struct perf_row *r)
{
	const char *type = r->fd_type < ARRAY_SIZE(fd_type_names) ?
			   fd_type_names[r->fd_type] : NULL;

	if (json_wtr)
		jsonw_start_object(json_wtr);
	print_i("pid", "pid %lld  ", r->pid);
	print_i("fd", "fd %lld: ", r->fd);
	print_u("prog_id", "prog_id %llu  ", r->prog_id);
	if (type) {
		print_s("fd_type", "%s  ", type);
		switch (r->fd_type) {
		case BPF_FD_TYPE_RAW_TRACEPOINT:
		case BPF_FD_TYPE_TRACEPOINT:
			print_s("tracepoint", "%s", r->buf);
			break;
		case BPF_FD_TYPE_KPROBE:
		case BPF_FD_TYPE_KRETPROBE:
			if (!r->buf[0]) {
				print_u("addr", "addr %llu", r->addr);
				break;
			}
			print_s("func", "func %s  ", r->buf);
			print_u("offset", "offset %llu", r->offset);
			break;
		default:	/* uprobes */
			print_s("filename", "filename %s  ", r->buf);
			print_u("offset", "offset %llu", r->offset);
			break;
		}
	}
	print_end_object(type ? "\n" : NULL);
}

static int on_fd(const struct proc_task *t, const struct proc_fd *f,
		 void *ctx)
{
	struct perf_row *r = ctx;
	__u32 len = sizeof(r->buf);

	/* most BPF links and idle perf events answer ENOTSUPP/ENOENT */
	if (bpf_task_fd_query(t->pid, f->fd, 0, r->buf, &len, &r->prog_id,
			      &r->fd_type, &r->offset, &r->addr) < 0)
		return 0;
	r->pid = t->pid;
	r->fd = f->fd;
	print_row(r);
	return 0;
}

/*
 * The query on a plain file answers ENOTSUPP when the kernel has it and
 * we may use it; anything else (EPERM for non-root, EINVAL before 4.18)
 * means no answer can be trusted.
 */
static int check_query(void)
{
	__u64 off, addr;
	__u32 len, id, type;
	char buf[16];
	int fd, err;

	fd = open("/", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return p_err("can't open \"/\": %s", strerror(errno));
	len = sizeof(buf);
	err = bpf_task_fd_query(getpid(), fd, 0, buf, &len, &id, &type, &off,
				&addr) < 0 ? errno : 0;
	close(fd);
	if (err == ENOTSUPP_KERNEL)
		return 0;
	return p_err("BPF_TASK_FD_QUERY is not usable: %s%s",
		     err ? strerror(err) : "no error on a plain file",
		     cap_hint(err));
}

static int do_show(int argc, char **argv)
{
	struct proc_walk_ops ops = {
		.on_fd = on_fd,
		.no_link = true,
	};
	struct perf_row *r;
	unsigned int denied = 0;

	(void)argv;
	if (argc)
		return p_err("too many arguments: unexpected '%s'", argv[0]);
	if (check_query())
		return -1;
	r = malloc(sizeof(*r));
	if (!r)
		return p_err("out of memory");
	if (json_wtr)
		jsonw_start_array(json_wtr);
	proc_walk(&ops, r, &denied);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	if (denied)
		p_debug("perf show: %u processes could not be inspected",
			denied);
	free(r);
	return 0;
}

static const char help_text[] =
	"Usage: %1$s perf { show | list | help }\n";

CMD_OBJECT(perf, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP)
