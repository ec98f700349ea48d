// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live probes for `feature probe`.
 *
 * A helper is available to a program type when the verifier, given a
 * minimal program of that type calling it, gets past its check of which
 * helpers the type may call. The answer is read from the verifier log: the
 * kernel says "invalid func" for ids it does not know and, for helpers the
 * type may not call, "unknown func" (before 6.x) or "program of this type
 * cannot use helper" (newer kernels; libbpf 1.1 does not know this wording,
 * which is why Debian's bpftool lists almost every helper for every type).
 * Any other rejection comes after that check (argument types), so the
 * helper is callable.
 *
 * There are hundreds of loads: the per-type attributes are computed once,
 * the BTF and inner map the map probes need are created once and reused,
 * and helper probes run on a few threads, each with its own log buffer.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <linux/bpf.h>
#include <linux/btf.h>

#include "feature_probe.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* UAPI values newer than Debian's headers */
#define PT_NETFILTER		32
#define AT_NETFILTER		45
#define MT_CGRP_STORAGE		32
#define MT_ARENA		33
#define MT_INSN_ARRAY		34
#define MT_RHASH		35
#define ENOTSUPP_K		524	/* the kernel's ENOTSUPP */

#define LOG_SZ			4096

struct feat_probe {
	__u32 ifindex;
	__u32 kver;
	int storage_btf_fd;	/* for *_storage map probes, lazily */
	int inner_fd;		/* inner array for map-in-map probes, lazily */
};

struct prog_attr {
	__u32 eat;		/* expected_attach_type */
	__u32 flags;
	__u32 btf_id;		/* attach_btf_id */
	int exp_err;		/* != 0: the probe "fails" this way on success */
	const char *exp_msg;	/* ... with this in the log */
};

static __u32 kernel_version(void)
{
	struct utsname u;
	unsigned int a = 0, b = 0, c = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return (a << 16) + (b << 8) + (c > 255 ? 255 : c);
}

struct feat_probe *feat_probe_new(__u32 ifindex)
{
	struct feat_probe *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->ifindex = ifindex;
	p->kver = kernel_version();
	p->storage_btf_fd = -1;
	p->inner_fd = -1;
	return p;
}

void feat_probe_free(struct feat_probe *p)
{
	if (!p)
		return;
	if (p->storage_btf_fd >= 0)
		close(p->storage_btf_fd);
	if (p->inner_fd >= 0)
		close(p->inner_fd);
	free(p);
}

bool feat_bpf_syscall(void)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	errno = 0;
	if (syscall(__NR_bpf, BPF_PROG_LOAD, &a, sizeof(a)) >= 0)
		return true;
	return errno != ENOSYS;
}

/*
 * What a type needs to load at all: the attach type its context depends
 * on, or the answer that proves the type exists when a real load would
 * need a BTF target.
 */
static struct prog_attr prog_attr_of(__u32 type)
{
	struct prog_attr a = {};

	switch (type) {
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		a.eat = BPF_CGROUP_INET4_CONNECT;
		break;
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		a.eat = BPF_CGROUP_GETSOCKOPT;
		break;
	case BPF_PROG_TYPE_SK_LOOKUP:
		a.eat = BPF_SK_LOOKUP;
		break;
	case BPF_PROG_TYPE_LIRC_MODE2:
		a.eat = BPF_LIRC_MODE2;
		break;
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		a.eat = type == BPF_PROG_TYPE_TRACING ? BPF_TRACE_FENTRY :
							BPF_MODIFY_RETURN;
		a.btf_id = 1;
		a.exp_err = EINVAL;
		a.exp_msg = "attach_btf_id 1 is not a function";
		break;
	case BPF_PROG_TYPE_EXT:
		a.btf_id = 1;
		a.exp_err = EINVAL;
		a.exp_msg = "Cannot replace kernel functions";
		break;
	case BPF_PROG_TYPE_SYSCALL:
		a.flags = BPF_F_SLEEPABLE;
		break;
	case BPF_PROG_TYPE_STRUCT_OPS:
		a.exp_err = ENOTSUPP_K;
		break;
	case PT_NETFILTER:
		a.eat = AT_NETFILTER;
		break;
	}
	return a;
}

/* fd >= 0 or -errno; log (may be NULL) gets the verifier log */
static int load(const struct feat_probe *p, __u32 type,
		const struct prog_attr *pa, const struct bpf_insn *insns,
		__u32 cnt, char *log)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o,
		.expected_attach_type = pa->eat,
		.prog_flags = pa->flags,
		.attach_btf_id = pa->btf_id,
		.prog_ifindex = p->ifindex,
		.kern_version = type == BPF_PROG_TYPE_KPROBE ? p->kver : 0,
		.log_buf = log,
		.log_size = log ? LOG_SZ : 0,
		.log_level = log ? 1 : 0,
	);
	int fd;

	if (log)
		log[0] = '\0';
	fd = bpf_prog_load(type, NULL, "GPL", insns, cnt, &o);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static const struct bpf_insn ret0[] = {
	{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
	{ .code = BPF_JMP | BPF_EXIT },
};

bool feat_prog_type(struct feat_probe *p, __u32 type)
{
	struct prog_attr pa = prog_attr_of(type);
	char log[LOG_SZ];
	int ret;

	if (p->ifindex) {
		/* offload: bpftool's exit(2), as some NICs refuse exit(0) */
		static const struct bpf_insn ret2[] = {
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K,
			  .dst_reg = BPF_REG_0, .imm = 2 },
			{ .code = BPF_JMP | BPF_EXIT },
		};

		return load(p, type, &pa, ret2, 2, NULL) == 0;
	}
	ret = load(p, type, &pa, ret0, 2, pa.exp_msg ? log : NULL);
	if (!pa.exp_err)
		return ret == 0;
	if (ret != -pa.exp_err)
		return false;
	return !pa.exp_msg || strstr(log, pa.exp_msg);
}

/* the BTF of libbpf's storage map probe: int, and a struct with a lock */
static int storage_btf(struct feat_probe *p)
{
	static const char strs[] = "\0bpf_spin_lock\0val\0cnt\0l";
	static const __u32 types[] = {
		/* [1] int */
		0, (BTF_KIND_INT << 24), 4, (1u << 24) | 32,
		/* [2] struct bpf_spin_lock { int val; } */
		1, (BTF_KIND_STRUCT << 24) | 1, 4,
		15, 1, 0,
		/* [3] struct val { int cnt; struct bpf_spin_lock l; } */
		15, (BTF_KIND_STRUCT << 24) | 2, 8,
		19, 1, 0,
		23, 2, 32,
	};
	struct btf_header h = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(h),
		.type_len = sizeof(types),
		.str_off = sizeof(types),
		.str_len = sizeof(strs),
	};
	char raw[sizeof(h) + sizeof(types) + sizeof(strs)];

	if (p->storage_btf_fd >= 0)
		return p->storage_btf_fd;
	memcpy(raw, &h, sizeof(h));
	memcpy(raw + sizeof(h), types, sizeof(types));
	memcpy(raw + sizeof(h) + sizeof(types), strs, sizeof(strs));
	p->storage_btf_fd = bpf_btf_load(raw, sizeof(raw), NULL);
	return p->storage_btf_fd;
}

static int inner_map(struct feat_probe *p)
{
	if (p->inner_fd < 0)
		p->inner_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1,
					     NULL);
	return p->inner_fd;
}

bool feat_map_type(struct feat_probe *p, __u32 type)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_ifindex = p->ifindex);
	__u32 key = 4, value = 4, max = 1;
	int exp_err = 0, fd;

	switch (type) {
	case BPF_MAP_TYPE_LPM_TRIE:
		key = 8;
		value = 8;
		o.map_flags = BPF_F_NO_PREALLOC;
		break;
	case BPF_MAP_TYPE_STACK_TRACE:
		value = 8;
		break;
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		key = sizeof(struct bpf_cgroup_storage_key);
		max = 0;
		break;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		key = 0;
		break;
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
	case MT_CGRP_STORAGE:
		value = 8;
		max = 0;
		o.map_flags = BPF_F_NO_PREALLOC;
		fd = storage_btf(p);
		if (fd < 0)
			return false;
		o.btf_fd = fd;
		o.btf_key_type_id = 1;
		o.btf_value_type_id = 3;
		break;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		fd = inner_map(p);
		if (fd < 0)
			return false;
		o.inner_map_fd = fd;
		break;
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		key = 0;
		value = 0;
		max = sysconf(_SC_PAGE_SIZE);
		break;
	case BPF_MAP_TYPE_BLOOM_FILTER:
		key = 0;
		break;
	case BPF_MAP_TYPE_STRUCT_OPS:
		/* a bogus struct_ops value type: a kernel that knows the
		 * map type answers ENOTSUPP */
		o.btf_vmlinux_value_type_id = 1;
		exp_err = ENOTSUPP_K;
		break;
	case MT_ARENA:
		key = 0;
		value = 0;
		o.map_flags = BPF_F_MMAPABLE;
		break;
	case MT_RHASH:	/* preallocation is refused */
		o.map_flags = BPF_F_NO_PREALLOC;
		break;
	case MT_INSN_ARRAY:
		value = 16;	/* struct bpf_insn_array_value */
		break;
	}
	fd = bpf_map_create(type, NULL, key, value, max, &o);
	if (fd >= 0) {
		close(fd);
		return !exp_err;
	}
	return exp_err && errno == exp_err;
}

bool feat_misc(struct feat_probe *p, enum feat_misc which)
{
	static const struct prog_attr none;
	struct bpf_insn *insns, small[4];
	__u32 cnt = 4, i;
	bool res;
	int ret;

	memset(small, 0, sizeof(small));
	insns = small;
	switch (which) {
	case FEAT_LARGE_INSN_LIMIT:
		cnt = BPF_MAXINSNS + 1;
		insns = calloc(cnt, sizeof(*insns));
		if (!insns)
			return false;
		for (i = 0; i < BPF_MAXINSNS; i++) {
			insns[i].code = BPF_ALU64 | BPF_MOV | BPF_K;
			insns[i].imm = 1;
		}
		break;
	case FEAT_BOUNDED_LOOPS:
		/* r0 = 10; loop: r0 -= 1; if r0 != 0 goto loop; exit */
		insns[0] = (struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 10 };
		insns[1] = (struct bpf_insn){ BPF_ALU64 | BPF_SUB | BPF_K, 0, 0, 0, 1 };
		insns[2] = (struct bpf_insn){ BPF_JMP | BPF_JNE | BPF_K, 0, 0, -2, 0 };
		break;
	case FEAT_V2_ISA:
	case FEAT_V3_ISA:
		/* r0 = 0; if r0 < 0 goto +1 (BPF_JLT, 64 or 32 bit); r0 = 1 */
		insns[0] = (struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 };
		insns[1] = (struct bpf_insn){
			(which == FEAT_V2_ISA ? BPF_JMP : BPF_JMP32) |
			BPF_JLT | BPF_K, 0, 0, 1, 0 };
		insns[2] = (struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1 };
		break;
	default:
		return false;
	}
	insns[cnt - 1] = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	ret = load(p, BPF_PROG_TYPE_SOCKET_FILTER, &none, insns, cnt, NULL);
	res = ret == 0;
	if (insns != small)
		free(insns);
	return res;
}

bool feat_helpers_probeable(__u32 type)
{
	switch (type) {
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_EXT:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_STRUCT_OPS:
		return false;
	}
	return true;
}

/*
 * The verifier's ways of saying "this program cannot call that helper",
 * all printed right after the call instruction when it checks the call.
 */
static const char *const refusals[] = {
	"invalid func ",			/* id unknown to the kernel */
	"unknown func ",			/* type may not call it (old) */
	"program of this type cannot use helper ",	/* ... (new) */
	"not supported for program type",	/* ENOTSUPP from the proto */
	"helper call is not allowed in probe",	/* proto's allowed() says no */
};

#define SLEEPY_MSG "helper call might sleep in a non-sleepable prog"

int feat_helper_verdict(int ret, const char *log)
{
	size_t i;

	if (ret == 0)
		return FEAT_HELPER_YES;
	/* the verifier never reached the call: it said nothing about it */
	if (!strstr(log, "(85) call "))
		return FEAT_HELPER_NO;
	for (i = 0; i < ARRAY_SIZE(refusals); i++)
		if (strstr(log, refusals[i]))
			return FEAT_HELPER_NO;
	if (strstr(log, SLEEPY_MSG))
		return FEAT_HELPER_SLEEPABLE;
	/* rejected later (argument types, return value): callable */
	return FEAT_HELPER_YES;
}

struct helper_job {
	struct feat_probe *p;
	const __u32 *types;
	int ntypes;
	unsigned int max_id;
	bool (*skip)(unsigned int id);
	bool *avail;
	bool *unknown;		/* ids the kernel does not know at all */
	int next;		/* next type index to take */
	pthread_mutex_t lock;
};

static int take_type(struct helper_job *j)
{
	int i;

	pthread_mutex_lock(&j->lock);
	i = j->next < j->ntypes ? j->next++ : -1;
	pthread_mutex_unlock(&j->lock);
	return i;
}

static void probe_type_helpers(struct helper_job *j, int ti, char *log)
{
	struct bpf_insn insns[2] = {
		{ .code = BPF_JMP | BPF_CALL },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	__u32 type = j->types[ti];
	struct prog_attr pa = prog_attr_of(type);
	bool *row = j->avail + (size_t)ti * FEAT_MAX_HELPERS;
	struct prog_attr sleepable = pa;
	bool can_sleep = !(pa.flags & BPF_F_SLEEPABLE);
	unsigned int id;
	int ret, v;

	sleepable.flags |= BPF_F_SLEEPABLE;
	for (id = 1; id < j->max_id; id++) {
		if ((j->skip && j->skip(id)) ||
		    __atomic_load_n(&j->unknown[id], __ATOMIC_RELAXED))
			continue;
		insns[0].imm = id;
		ret = load(j->p, type, &pa, insns, 2, log);
		v = feat_helper_verdict(ret, log);
		/*
		 * A sleeping helper is available where the type can be
		 * loaded sleepable (uprobes): ask the kernel that way too.
		 */
		if (v == FEAT_HELPER_SLEEPABLE && can_sleep) {
			ret = load(j->p, type, &sleepable, insns, 2, log);
			v = feat_helper_verdict(ret, log);
			/* refused before the call: the type is never sleepable */
			if (ret && !strstr(log, "(85) call "))
				can_sleep = false;
		}
		row[id] = v == FEAT_HELPER_YES;
		/* an id unknown to one type is unknown to all: skip it */
		if (!row[id] && strstr(log, "invalid func "))
			__atomic_store_n(&j->unknown[id], true,
					 __ATOMIC_RELAXED);
	}
}

static void *helper_worker(void *arg)
{
	struct helper_job *j = arg;
	char *log = malloc(LOG_SZ);
	int ti;

	if (!log)
		return (void *)1;
	while ((ti = take_type(j)) >= 0)
		probe_type_helpers(j, ti, log);
	free(log);
	return NULL;
}

int feat_helpers(struct feat_probe *p, const __u32 *types, int ntypes,
		 unsigned int max_id, bool (*skip)(unsigned int id),
		 bool *avail, int nthreads)
{
	struct helper_job j = {
		.p = p, .types = types, .ntypes = ntypes, .skip = skip,
		.max_id = max_id < FEAT_MAX_HELPERS ? max_id : FEAT_MAX_HELPERS,
		.avail = avail,
	};
	pthread_t tids[16];
	int i, started = 0, err = 0;

	j.unknown = calloc(FEAT_MAX_HELPERS, sizeof(bool));
	if (!j.unknown)
		return -ENOMEM;
	pthread_mutex_init(&j.lock, NULL);
	if (nthreads > (int)ARRAY_SIZE(tids))
		nthreads = ARRAY_SIZE(tids);
	/* the calling thread is one of the workers */
	for (i = 1; i < nthreads; i++) {
		if (pthread_create(&tids[started], NULL, helper_worker, &j))
			break;
		started++;
	}
	if (helper_worker(&j))
		err = -ENOMEM;
	for (i = 0; i < started; i++) {
		void *r;

		pthread_join(tids[i], &r);
		if (r)
			err = -ENOMEM;
	}
	pthread_mutex_destroy(&j.lock);
	free(j.unknown);
	return err;
}
