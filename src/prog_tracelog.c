// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog tracelog: copy the kernel trace pipe (bpf_printk output) to stdout
 * until SIGINT, SIGTERM or SIGHUP, then end cleanly (JSON array closed,
 * exit 0). A reader that goes away (EPIPE) ends it quietly.
 *
 * stdout is fully buffered by main(); each line is flushed here so the
 * log is live.
 *
 * prog tracelog {stdout|stderr} PROG drains the program's own BPF stream
 * (Linux 6.17+, bpf_stream_vprintk() and the kernel's error reports) and
 * returns: raw bytes to our stdout or stderr, or under -j an array of the
 * text read.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/bpf.h>

#include <bpf/bpf.h>

#include "args.h"
#include "handle.h"
#include "main.h"
#include "prog.h"
#include "libbpf_log.h"

#ifndef TRACEFS_MAGIC
#define TRACEFS_MAGIC	0x74726163
#endif

/* Linux 6.17 uapi, newer than the system headers */
#define CMD_PROG_STREAM_READ_BY_FD	37
#define STREAM_STDOUT			1
#define STREAM_STDERR			2

struct stream_read_attr {
	__aligned_u64 stream_buf;
	__u32 stream_buf_len;
	__u32 stream_id;
	__u32 prog_fd;
};

/* set from the signal handler; read by the copy loop */
static volatile sig_atomic_t tracelog_stop;

static void on_signal(int sig)
{
	(void)sig;
	tracelog_stop = 1;
}

static bool is_tracefs(const char *dir)
{
	struct statfs st;

	return !statfs(dir, &st) && (unsigned long)st.f_type == TRACEFS_MAGIC;
}

/* Any tracefs mount listed in /proc/mounts. */
static bool tracefs_from_mounts(char *dir, size_t size)
{
	char line[PATH_MAX + 256], mnt[PATH_MAX], type[64];
	bool found = false;
	FILE *f;

	f = fopen("/proc/mounts", "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %4095s %63s", mnt, type) != 2)
			continue;
		if (strcmp(type, "tracefs"))
			continue;
		snprintf(dir, size, "%s", mnt);
		found = true;
	}
	fclose(f);
	return found;
}

static int find_tracefs(char *dir, size_t size)
{
	static const char *const known[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (is_tracefs(known[i])) {
			snprintf(dir, size, "%s", known[i]);
			return 0;
		}
	}
	if (tracefs_from_mounts(dir, size))
		return 0;
	if (opts.nomount)
		return p_err("tracefs is not mounted, not mounting it due to --nomount option");
	p_info("could not find tracefs, attempting to mount it now");
	snprintf(dir, size, "%s", known[0]);
	if (mount("nodev", dir, "tracefs", 0, NULL)) {
		int err = errno;

		/* mount(2) wants CAP_SYS_ADMIN, whatever bpf() would want */
		return p_err("can't mount tracefs on %s: %s%s", dir,
			     strerror(err), err == EPERM ?
			     " (mounting needs CAP_SYS_ADMIN: run as root, or mount tracefs first)" :
			     "");
	}
	return 0;
}

static void set_handlers(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* a closed stdout shows up as EPIPE from fflush() instead */
	signal(SIGPIPE, SIG_IGN);
}

/*
 * The reader went away: nothing more can be said to it, so leave at once
 * and quietly (the normal exit path would try to flush stdout again).
 */
static void reader_gone(void)
{
	_exit(0);
}

/* One line (with its newline) out, flushed; -1 on a write error. */
static int emit(const char *line, size_t len)
{
	if (json_wtr)
		jsonw_string_len(json_wtr, line, len);
	else
		fwrite(line, 1, len, stdout);
	if (!fflush(stdout))
		return 0;
	if (errno == EPIPE)
		reader_gone();
	return p_err("writing to stdout failed: %s", strerror(errno));
}

/* Emit the complete lines of buf[0..*len) and keep the rest. */
static int emit_lines(char *buf, size_t *len, size_t cap)
{
	size_t start = 0;
	char *nl;

	while ((nl = memchr(buf + start, '\n', *len - start))) {
		if (emit(buf + start, nl - buf + 1 - start))
			return -1;
		start = nl - buf + 1;
	}
	if (!start && *len == cap) {	/* a line longer than the buffer */
		if (emit(buf, *len))
			return -1;
		start = *len;
	}
	memmove(buf, buf + start, *len - start);
	*len -= start;
	return 0;
}

/*
 * The stop signals are blocked except inside ppoll(), so one arriving at
 * any moment ends the wait; the fd is non-blocking because other readers
 * of the same pipe may take the data between poll and read.
 */
static int copy_pipe(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	sigset_t stop, orig;
	char buf[8192];
	size_t len = 0;
	ssize_t n;
	int err = 0;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &orig);
	while (!tracelog_stop && !err) {
		if (ppoll(&pfd, 1, NULL, &orig) < 0) {
			if (errno != EINTR)
				err = p_err("waiting on trace_pipe failed: %s",
					    strerror(errno));
			continue;
		}
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n < 0) {
			err = p_err("reading trace_pipe failed: %s",
				    strerror(errno));
			break;
		}
		if (!n)
			break;
		len += n;
		err = emit_lines(buf, &len, sizeof(buf));
	}
	if (!err && len)
		err = emit(buf, len);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return err;
}

/* One read of the stream: bytes read, 0 when empty, -errno. */
static int stream_read(int prog_fd, __u32 id, char *buf, __u32 size)
{
	union bpf_attr attr;
	struct stream_read_attr *a = (void *)&attr;
	long n;

	memset(&attr, 0, sizeof(attr));
	a->stream_buf = (__u64)(unsigned long)buf;
	a->stream_buf_len = size;
	a->stream_id = id;
	a->prog_fd = prog_fd;
	n = syscall(__NR_bpf, CMD_PROG_STREAM_READ_BY_FD, &attr, sizeof(*a));
	return n < 0 ? -errno : (int)n;
}

static int drain_stream(int prog_fd, __u32 id)
{
	FILE *out = id == STREAM_STDOUT ? stdout : stderr;
	char buf[4096];
	int n;

	if (json_wtr)
		jsonw_start_array(json_wtr);
	while ((n = stream_read(prog_fd, id, buf, sizeof(buf))) > 0) {
		if (json_wtr)
			jsonw_string_len(json_wtr, buf, n);
		else
			fwrite(buf, 1, n, out);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
	if (!n)
		return 0;
	if (n == -EINVAL)
		return p_err("can't read the program's BPF stream: %s (needs Linux 6.17 or newer)",
			     strerror(-n));
	return p_err_cap(n, "can't read the program's BPF stream");
}

static int do_stream(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	__u32 id;
	int fd, err;

	if (arg_take(&c, "stdout"))
		id = STREAM_STDOUT;
	else if (arg_take(&c, "stderr"))
		id = STREAM_STDERR;
	else
		return p_err("expected 'stdout' or 'stderr', got: '%s'?",
			     argv[0]);
	if (!arg_more(&c))
		return p_err("expected a PROG after '%s'", argv[0]);
	fd = prog_parse_fd(&c);
	if (fd < 0)
		return -1;
	err = arg_done(&c);
	if (!err)
		err = drain_stream(fd, id);
	close(fd);
	return err;
}

int do_prog_tracelog(int argc, char **argv)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	int fd, err;

	if (argc)
		return do_stream(argc, argv);
	if (find_tracefs(dir, sizeof(dir)))
		return -1;
	snprintf(path, sizeof(path), "%s/trace_pipe", dir);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		struct access_hint h;

		err = errno;
		/* EACCES here is the file's mode, not a missing CAP_BPF */
		return p_err("can't open %s: %s%s", path, strerror(err),
			     access_hint(&h, path, R_OK, err));
	}
	set_handlers();
	if (json_wtr)
		jsonw_start_array(json_wtr);
	err = copy_pipe(fd);
	close(fd);
	/*
	 * Stopped: further stop signals are dropped, not handled. timeout(1)
	 * sends its signal twice (to us and to its process group), and the
	 * second one must neither kill us nor interrupt our exit.
	 */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	return err;
}
