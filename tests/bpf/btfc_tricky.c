// SPDX-License-Identifier: GPL-2.0-only
/*
 * Awkward C types for the BTF-to-C emitter tests: compiled with
 * clang -O2 -g -target bpf -c, its BTF goes through both our emitter and
 * libbpf's btf_dump (tests/btf_c_oracle.c), and the results must agree.
 */
#define SEC(s) __attribute__((section(s), used))
#define __tag1 __attribute__((btf_type_tag("tag1")))
#define __tag2 __attribute__((btf_type_tag("tag2")))
#define __dtag(x) __attribute__((btf_decl_tag(x)))

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef u32 u32_alias;

struct fwd_only;		/* declared, never defined */
union fwd_union;
struct fwd_late;

/* typedefs of void and of forward declarations sort last upstream */
typedef void *opaque_t;
typedef struct fwd_only fwd_alias_t;
typedef struct fwd_late *fwd_late_p;

struct uses_fwd {
	fwd_alias_t *fa;
	opaque_t op;
	fwd_late_p lp;
	void (*cb)(struct fwd_only *, union fwd_union *);
	struct {
		struct fwd_late *inner_late;
	} anon_holder;
};

struct bits {
	unsigned int a : 3;
	unsigned int b : 5;
	int c : 7;
	u64 d : 33;
	char e;
	long f : 2;
	u8 g : 1;
	int : 0;
	short h;
};

struct __attribute__((packed)) packed1 {
	char c;
	int i;
	short s;
};

struct __attribute__((packed)) packed2 {
	u8 a;
	u64 b;
	struct packed1 p[2];
};

struct __attribute__((aligned(16))) aligned16 {
	int x;
};

struct tail_pad {
	long l;
	char c;
	char tail[0];
};

struct empty {
};

typedef struct {
	int anon_typedef_member;
} anon_t;

typedef int (*cb_t)(void *ctx, const char *restrict fmt, ...);

struct list {
	struct list *next;
	struct list **pprev;
};

struct outer {
	int kind;
	union {
		struct {
			int a, b;
		} ab;
		struct {
			char c;
			long l;
		};
		u64 raw;
	};
	struct {
		int (*cb[4])(void *, const char *restrict);
		void (*(*fp)(int))(long);
		cb_t varargs;
	} ops;
	struct fwd_only *fo;
	union fwd_union *fu;
	const volatile int *const *cvp;
	int *restrict rp;
	char name[2][3];
	u32_alias matrix[2][2][2];
	struct aligned16 al;
	struct packed1 p;
	struct packed2 p2;
	struct bits bf;
	struct tail_pad tp;
	struct empty e;
	anon_t at;
	struct list node;
	int __tag1 *tagged;
	int __tag1 __tag2 *tagged2;
	int dtagged __dtag("dtag_member");
	enum {
		INNER_A,
		INNER_B = 5,
	} inner;
	enum : u8 { SMALL_A = 1 } small;
	volatile struct list *vlist;
};

enum e1 {
	E1_NEG = -1,
	E1_POS = 2,
};

enum {
	TOPLEVEL_ANON_X = 1,
	TOPLEVEL_ANON_Y = 0x7fffffff,
};

enum big {
	BIG_V = 0xfffffffffULL,
};

enum uns {
	UNS_MAX = 0xffffffffU,
};

struct outer g_outer __dtag("dtag_var");
struct uses_fwd g_uses_fwd;
enum e1 g_e1;
enum big g_big;
enum uns g_uns;
int g_arr[3][4];
void *g_vp;
const char *const g_names[2] = { "a", "b" };

extern int bpf_tricky_kfunc(struct outer *o, int x) SEC(".ksyms")
	__dtag("bpf_kfunc");

static __attribute__((noinline)) int helper(struct outer *o,
					    struct fwd_only *f) __dtag("dtag_fn")
{
	return o->kind + (f != 0);
}

SEC("tc")
int tricky_prog(struct outer *o)
{
	return helper(o, o->fo) + bpf_tricky_kfunc(o, 1);
}

char LICENSE[] SEC("license") = "GPL";
