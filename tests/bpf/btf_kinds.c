// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small BPF object whose BTF has (nearly) every kind: the golden-file
 * input for "btf dump file X format raw". Not loaded, only compiled.
 */
/* no system headers: the BTF must not depend on the build host */

#define SEC(s) __attribute__((section(s), used))
#define __tag(x) __attribute__((btf_decl_tag(x)))
#define __ttag(x) __attribute__((btf_type_tag(x)))

enum colour { RED, GREEN = 5, BLUE = -1 };		/* signed ENUM */
enum big { BIG_A = 1, BIG_B = 0xffffffffu };		/* unsigned ENUM */
enum wide { WIDE = 0x123456789ULL };			/* ENUM64 (clang >= 15) */

struct fwd_only;					/* FWD struct */
union fwd_union;					/* FWD union */

typedef unsigned long long u64_t;			/* TYPEDEF */

struct bits {						/* STRUCT with bitfields */
	unsigned int a:3;
	unsigned int b:5;
	int c;
	char name[16];					/* ARRAY */
	struct fwd_only *fwd;				/* PTR to FWD */
	union fwd_union *fu;
	const volatile int *cv;				/* CONST, VOLATILE */
	int *restrict rp;				/* RESTRICT */
	int __ttag("user") *up;				/* TYPE_TAG */
	float f;					/* FLOAT */
	double d;
	_Bool flag;					/* INT BOOL */
	enum colour col;
	enum big bg;
	enum wide w;
} __tag("a_struct_tag");				/* DECL_TAG -1 */

union either {						/* UNION */
	u64_t u;
	signed char s[8];
};

struct bits g_bits SEC(".data");			/* VAR global, DATASEC */
static volatile int s_count SEC(".bss");		/* VAR static */
union either g_either SEC(".data");
int (*g_fn)(int, ...) SEC(".data");			/* FUNC_PROTO vararg */

extern int ext_func(int x) __attribute__((weak));	/* FUNC extern */

static __attribute__((noinline)) int helper(struct bits *b __tag("param_tag"),
					     union either *e)
{
	return b->c + (int)e->u + s_count;		/* FUNC static */
}

SEC("socket")
int btf_kinds_prog(void *ctx)				/* FUNC global */
{
	(void)ctx;
	return helper(&g_bits, &g_either) + (ext_func ? ext_func(1) : 0);
}

char _license[] SEC("license") = "GPL";

/* a struct and a typedef of one name: "root pair" is ambiguous */
typedef struct pair { int a, b; } pair;
pair g_pair SEC(".data");
