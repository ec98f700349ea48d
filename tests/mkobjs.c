// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bench helper: create NPROGS socket filters and NMAPS array maps, pin them
 * under DIR (DIR/pN, DIR/mN) and hold every fd until killed, so listings
 * have many objects, pins and one holder to find.
 *
 *   mkobjs DIR NPROGS NMAPS
 *
 * Program i references map i % NMAPS, as real programs reference maps.
 * Prints "ready" once everything exists.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>

static int make_map(int i)
{
	char name[16];

	snprintf(name, sizeof(name), "bk_m%d", i);
	return bpf_map_create(BPF_MAP_TYPE_ARRAY, name, 4, 8, 1, NULL);
}

/* r1 = map; r0 = 0; exit */
static int make_prog(int i, int map_fd)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = 1,
		  .src_reg = BPF_PSEUDO_MAP_FD, .imm = map_fd },
		{ 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char name[16];

	snprintf(name, sizeof(name), "bk_p%d", i);
	return bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, name, "GPL", insns,
			     sizeof(insns) / sizeof(insns[0]), NULL);
}

static int pin(int fd, const char *dir, char kind, int i)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%c%d", dir, kind, i);
	if (bpf_obj_pin(fd, path)) {
		fprintf(stderr, "mkobjs: pin %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int nprogs, nmaps, i, *maps, fd;

	if (argc != 4 || (nprogs = strtol(argv[2], NULL, 10)) < 0 ||
	    (nmaps = strtol(argv[3], NULL, 10)) < 1) {
		fprintf(stderr, "usage: %s DIR NPROGS NMAPS\n", argv[0]);
		return 2;
	}
	maps = calloc(nmaps, sizeof(int));
	if (!maps)
		return 1;
	for (i = 0; i < nmaps; i++) {
		maps[i] = make_map(i);
		if (maps[i] < 0 || pin(maps[i], argv[1], 'm', i)) {
			fprintf(stderr, "mkobjs: map %d: %s\n", i, strerror(errno));
			return 1;
		}
	}
	for (i = 0; i < nprogs; i++) {
		fd = make_prog(i, maps[i % nmaps]);
		if (fd < 0 || pin(fd, argv[1], 'p', i)) {
			fprintf(stderr, "mkobjs: prog %d: %s\n", i, strerror(errno));
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
