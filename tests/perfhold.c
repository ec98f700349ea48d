// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for perf show: attach pinned programs the old way and hold
 * the fds until killed.
 *
 *   perfhold TP_PROG CATEGORY/EVENT [RAW_PROG RAW_TP]
 *
 * TP_PROG (a pinned tracepoint program) goes on a tracepoint perf event
 * through perf_event_open + PERF_EVENT_IOC_SET_BPF; RAW_PROG (a pinned
 * raw_tracepoint program) through BPF_RAW_TRACEPOINT_OPEN. Prints
 * "ready PERF_FD [RAW_FD]" once attached.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>

static long tp_id(const char *event)
{
	static const char *const roots[] = {
		"/sys/kernel/tracing/events", "/sys/kernel/debug/tracing/events"
	};
	char path[512], buf[32];
	unsigned int i;
	ssize_t n;
	int fd;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s/id", roots[i], event);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			return strtol(buf, NULL, 10);
		}
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct perf_event_attr a = {};
	int prog, pfd, rprog, rfd = -1;
	long id;

	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: %s TP_PROG CATEGORY/EVENT [RAW_PROG RAW_TP]\n",
			argv[0]);
		return 2;
	}
	prog = bpf_obj_get(argv[1]);
	id = tp_id(argv[2]);
	if (prog < 0 || id < 0) {
		fprintf(stderr, "perfhold: %s: %s\n", prog < 0 ? argv[1] : argv[2],
			prog < 0 ? strerror(errno) : "no tracepoint id");
		return 1;
	}
	a.type = PERF_TYPE_TRACEPOINT;
	a.size = sizeof(a);
	a.config = id;
	a.sample_period = 1;
	a.wakeup_events = 1;
	pfd = syscall(__NR_perf_event_open, &a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0 || ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) ||
	    ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0)) {
		fprintf(stderr, "perfhold: perf event: %s\n", strerror(errno));
		return 1;
	}
	if (argc == 5) {
		rprog = bpf_obj_get(argv[3]);
		rfd = rprog < 0 ? -1 : bpf_raw_tracepoint_open(argv[4], rprog);
		if (rfd < 0) {
			fprintf(stderr, "perfhold: raw tracepoint: %s\n",
				strerror(errno));
			return 1;
		}
	}
	if (rfd >= 0)
		printf("ready %d %d\n", pfd, rfd);
	else
		printf("ready %d\n", pfd);
	fflush(stdout);
	for (;;)
		pause();
}
