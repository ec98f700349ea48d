// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper: load a BPF object with libbpf and pin what it made, so the
 * bats tests have real kernel objects to look at.
 *
 *   bpfload OBJ PROGDIR [--maps MAPDIR] [--hold] [--no-pin]
 *
 * Programs are pinned as PROGDIR/<prog name>, maps (with --maps) as
 * MAPDIR/<map name> (dots become "_"). With --hold, the process prints "ready" and keeps
 * its fds open until killed, so tests can see it as a holder.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>

static int pin_all(struct bpf_object *obj, const char *progdir,
		   const char *mapdir)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	char path[4096];

	bpf_object__for_each_program(prog, obj) {
		snprintf(path, sizeof(path), "%s/%s", progdir,
			 bpf_program__name(prog));
		if (bpf_program__pin(prog, path)) {
			fprintf(stderr, "bpfload: pin %s: %s\n", path,
				strerror(errno));
			return -1;
		}
	}
	if (!mapdir)
		return 0;
	bpf_object__for_each_map(map, obj) {
		char *dot;

		snprintf(path, sizeof(path), "%s/%s", mapdir,
			 bpf_map__name(map));
		/* bpffs refuses dots in names: ".rodata" maps pin as "_rodata" */
		while ((dot = strchr(path + strlen(mapdir) + 1, '.')))
			*dot = '_';
		if (bpf_map__pin(map, path)) {
			fprintf(stderr, "bpfload: pin %s: %s\n", path,
				strerror(errno));
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mapdir = NULL;
	bool hold = false, pin = true;
	struct bpf_object *obj;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OBJ PROGDIR [--maps DIR] [--hold] [--no-pin]\n",
			argv[0]);
		return 2;
	}
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--maps") && i + 1 < argc)
			mapdir = argv[++i];
		else if (!strcmp(argv[i], "--hold"))
			hold = true;
		else if (!strcmp(argv[i], "--no-pin"))
			pin = false;
		else {
			fprintf(stderr, "bpfload: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "bpfload: open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "bpfload: load %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (pin && pin_all(obj, argv[2], mapdir))
		return 1;
	if (hold) {
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	bpf_object__close(obj);
	return 0;
}
