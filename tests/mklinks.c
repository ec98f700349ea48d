// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for link show: load tests/bpf/show_links.bpf.c, create one
 * link per program this kernel supports, and pin each as PINDIR/<prog>.
 *
 *   mklinks OBJ PINDIR [--cgroup DIR] [--xdp IFINDEX] [--tcx IFINDEX]
 *                      [--skip p1,p2] [--hold]
 *
 * Prints "link PROG ID" per link made and "fail PROG reason" per link it
 * could not make (the test skips those), then "ready". With --hold it
 * keeps every fd open until killed, so it shows up as a holder.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define TCX_INGRESS	46	/* BPF_TCX_INGRESS, newer than Debian's uapi */

struct args {
	const char *obj, *dir, *cgroup, *skip;
	int xdp, tcx;
	int hold;
};

static int parse(int argc, char **argv, struct args *a)
{
	int i;

	if (argc < 3)
		return -1;
	a->obj = argv[1];
	a->dir = argv[2];
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--hold"))
			a->hold = 1;
		else if (i + 1 >= argc)
			return -1;
		else if (!strcmp(argv[i], "--cgroup"))
			a->cgroup = argv[++i];
		else if (!strcmp(argv[i], "--xdp"))
			a->xdp = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--tcx"))
			a->tcx = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--skip"))
			a->skip = argv[++i];
		else
			return -1;
	}
	return 0;
}

static int skipped(const struct args *a, const char *name)
{
	size_t n = strlen(name);
	const char *p = a->skip;

	while (p && *p) {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return 1;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return 0;
}

/* A link fd for prog, or -errno. */
static int attach(struct bpf_object *obj, struct bpf_program *prog,
		  const struct args *a)
{
	const char *name = bpf_program__name(prog);
	int pfd = bpf_program__fd(prog), fd, err;
	struct bpf_link *l = NULL;

	if (!strcmp(name, "show_cgskb")) {
		if (!a->cgroup)
			return -ENOENT;
		fd = open(a->cgroup, O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			return -errno;
		l = bpf_program__attach_cgroup(prog, fd);
		close(fd);
	} else if (!strcmp(name, "show_lxdp")) {
		if (!a->xdp)
			return -ENOENT;
		l = bpf_program__attach_xdp(prog, a->xdp);
	} else if (!strcmp(name, "show_tcx")) {
		if (!a->tcx)
			return -ENOENT;
		fd = bpf_link_create(pfd, a->tcx, TCX_INGRESS, NULL);
		return fd < 0 ? -errno : fd;
	} else if (!strcmp(name, "show_flow")) {
		fd = open("/proc/self/ns/net", O_RDONLY);
		if (fd < 0)
			return -errno;
		l = bpf_program__attach_netns(prog, fd);
		close(fd);
	} else if (!strcmp(name, "show_skv")) {
		struct bpf_map *m = bpf_object__find_map_by_name(obj,
								 "show_sockmap");

		fd = bpf_link_create(pfd, bpf_map__fd(m),
				     BPF_SK_SKB_STREAM_VERDICT, NULL);
		return fd < 0 ? -errno : fd;
	} else {
		l = bpf_program__attach(prog);
	}
	if (!l)
		return -errno;
	/* keep the link alive as a plain fd: the bpf_link is leaked on purpose */
	fd = dup(bpf_link__fd(l));
	err = errno;
	return fd < 0 ? -err : fd;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct args a = {};
	char path[4096];
	struct bpf_link_info li;
	__u32 len;
	int fd;

	if (parse(argc, argv, &a)) {
		fprintf(stderr, "usage: %s OBJ PINDIR [--cgroup DIR] [--xdp IFINDEX] [--tcx IFINDEX] [--skip p1,p2] [--hold]\n",
			argv[0]);
		return 2;
	}
	obj = bpf_object__open_file(a.obj, NULL);
	if (!obj) {
		fprintf(stderr, "mklinks: open %s: %s\n", a.obj, strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(prog, obj)
		if (skipped(&a, bpf_program__name(prog)))
			bpf_program__set_autoload(prog, false);
	if (bpf_object__load(obj)) {
		fprintf(stderr, "mklinks: load %s: %s\n", a.obj, strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(prog, obj) {
		const char *name = bpf_program__name(prog);

		if (skipped(&a, name))
			continue;
		fd = attach(obj, prog, &a);
		if (fd < 0) {
			printf("fail %s %s\n", name, strerror(-fd));
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", a.dir, name);
		memset(&li, 0, sizeof(li));
		len = sizeof(li);
		if (bpf_obj_pin(fd, path) || bpf_obj_get_info_by_fd(fd, &li, &len)) {
			printf("fail %s pin: %s\n", name, strerror(errno));
			continue;
		}
		printf("link %s %u\n", name, li.id);
	}
	printf("ready\n");
	fflush(stdout);
	if (a.hold)
		for (;;)
			pause();
	return 0;
}
