// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper: how many programs the kernel has attached to a target, asked
 * with BPF_PROG_QUERY directly (not through bpfkit, whose answers are what
 * the tests check).
 *
 *   progquery TARGET_PATH ATTACH_TYPE_NUMBER
 *
 * TARGET_PATH is opened read-only (a netns file, a cgroup directory); the
 * count is printed on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

int main(int argc, char **argv)
{
	__u32 cnt = 0, flags = 0;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: %s TARGET_PATH ATTACH_TYPE_NUMBER\n",
			argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "progquery: open %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	if (bpf_prog_query(fd, atoi(argv[2]), 0, &flags, NULL, &cnt)) {
		fprintf(stderr, "progquery: query %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	printf("%u\n", cnt);
	return 0;
}
