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
#include <limits.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

/* uapi values newer than Debian's 6.1 headers */
#define TCX_INGRESS		46
#define NETFILTER_ATTACH	45
#define UPROBE_MULTI_ATTACH	48
#define PROG_TYPE_NETFILTER	32

/* BPF_LINK_CREATE for link kinds libbpf 1.1 cannot make */
struct link_create_attr {
	__u32 prog_fd;
	__u32 target_fd;
	__u32 attach_type;
	__u32 flags;
	union {
		struct {
			__u64 path, offsets, ref_ctr_offsets, cookies;
			__u32 cnt, flags, pid;
		} uprobe_multi;
		struct {
			__u32 pf, hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
	};
	__u8 pad[64];
};

/* What the uprobes of the tests probe. */
__attribute__((noinline, used)) int mklinks_probe_target(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static int raw_link_create(struct link_create_attr *a)
{
	int fd = syscall(__NR_bpf, BPF_LINK_CREATE, a, sizeof(*a));

	return fd < 0 ? -errno : fd;
}

/* File offset of mklinks_probe_target, from our own mappings. */
static long probe_offset(void)
{
	unsigned long lo, hi, off, addr = (unsigned long)mklinks_probe_target;
	char line[512];
	long ret = -1;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %lx", &lo, &hi, &off) == 3 &&
		    addr >= lo && addr < hi) {
			ret = addr - lo + off;
			break;
		}
	}
	if (f)
		fclose(f);
	return ret;
}

static int attach_umulti(int pfd)
{
	char exe[PATH_MAX];
	struct link_create_attr a = {};
	__u64 off = probe_offset();

	if (!realpath("/proc/self/exe", exe) || (long)off < 0)
		return -ENOENT;
	a.prog_fd = pfd;
	a.attach_type = UPROBE_MULTI_ATTACH;
	a.uprobe_multi.path = (unsigned long)exe;
	a.uprobe_multi.offsets = (unsigned long)&off;
	a.uprobe_multi.cnt = 1;
	return raw_link_create(&a);
}

static int attach_nf(int pfd)
{
	struct link_create_attr a = {};

	a.prog_fd = pfd;
	a.attach_type = NETFILTER_ATTACH;
	a.netfilter.pf = 2;		/* NFPROTO_IPV4 */
	a.netfilter.hooknum = 3;	/* NF_INET_LOCAL_OUT */
	a.netfilter.priority = 100;
	return raw_link_create(&a);
}

static struct bpf_link *attach_uprobe(struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_uprobe_opts, o, .func_name = "mklinks_probe_target");
	char exe[PATH_MAX];

	if (!realpath("/proc/self/exe", exe))
		return NULL;
	return bpf_program__attach_uprobe_opts(prog, -1, exe, 0, &o);
}

static struct bpf_link *attach_page_faults(struct bpf_program *prog)
{
	struct perf_event_attr pa = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(pa),
		.config = PERF_COUNT_SW_PAGE_FAULTS,
		.sample_period = 1000000000,
	};
	int pfd = syscall(__NR_perf_event_open, &pa, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);

	return pfd < 0 ? NULL : bpf_program__attach_perf_event(prog, pfd);
}

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
	} else if (!strcmp(name, "show_iter_pid")) {
		union bpf_iter_link_info li = { .task.pid = getpid() };
		LIBBPF_OPTS(bpf_iter_attach_opts, io, .link_info = &li,
			    .link_info_len = sizeof(li));

		l = bpf_program__attach_iter(prog, &io);
	} else if (!strcmp(name, "show_uprobe")) {
		l = attach_uprobe(prog);
	} else if (!strcmp(name, "show_umulti")) {
		return attach_umulti(pfd);
	} else if (!strcmp(name, "show_nf")) {
		return attach_nf(pfd);
	} else if (!strcmp(name, "show_pevent")) {
		l = attach_page_faults(prog);
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
	bpf_object__for_each_program(prog, obj) {
		const char *name = bpf_program__name(prog);

		if (skipped(&a, name))
			bpf_program__set_autoload(prog, false);
		if (!strcmp(name, "show_umulti"))
			bpf_program__set_expected_attach_type(prog,
							      UPROBE_MULTI_ATTACH);
		if (!strcmp(name, "show_nf")) {
			bpf_program__set_type(prog, PROG_TYPE_NETFILTER);
			bpf_program__set_expected_attach_type(prog,
							      NETFILTER_ATTACH);
		}
	}
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
