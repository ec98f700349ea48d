// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen skeleton (golden only): C type shapes in the data-section structs:
 * type and decl tags, anonymous structs and unions, bitfields, function
 * pointers with no, some and variadic parameters, arrays of arrays and of
 * function pointers, enums, _Bool, __int128, long double, float, const and
 * volatile (stripped outside .kconfig), packed and over-aligned anonymous
 * structs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __tag(x) __attribute__((btf_type_tag(x)))
#define __dtag(x) __attribute__((btf_decl_tag(x)))

struct node {
	int v;
	struct node *next;
} __dtag("st");

int __tag("user") *tagged_ptr __dtag("var");
struct node nodes[2] __dtag("arr");
const volatile int vci = 3;
const volatile struct node cnode = { 1 };
enum color { RED, GREEN = 5 } color_var;
union u { int i; char c[4]; } uvar;
typedef int (*cb_t)(struct node *n, int x);
cb_t cb;
int (*fnarr[2])(void);
int (*fn_args)(int, char *);
void (*fn_var)(int, ...);
char *const cptr_arr[2];
const char *const *pp;
int mat[2][3] = { { 1 } };
struct {
	int anon_a;
	union {
		long x;
		short y;
	};
	void (*hook)(void);
	struct node *(*make)(int n, struct node **out);
} anon_var;
struct bf { unsigned a:3, b:5; int c; } bfv;
/* packing and alignment of anonymous structs printed inline */
struct { char a; int b; } __attribute__((packed)) pk;
struct { char a; long b __attribute__((aligned(16))); } al16;
struct { int a:3; int :0; char b; long c:20; } bits;
struct { char c; short s; } __attribute__((aligned(8))) al8;
struct { char x[3]; struct { char y; } __attribute__((packed)) in; int z; } nest;
union { char c; long l; } __attribute__((packed)) pu;
struct { int a; char tail[]; } *flex;
struct { long long a; char b; } __attribute__((packed, aligned(4))) pa4;
_Bool flag;
long double ld;
float f;
__int128 big;

SEC("socket")
int types_prog(void *ctx)
{
	return vci + nodes[0].v + (tagged_ptr != 0) + color_var + uvar.i +
	       cnode.v + anon_var.anon_a + bfv.c + flag + (int)big + mat[0][0] +
	       pk.b + al16.a + bits.b + al8.c + nest.z + pu.c + pa4.b +
	       (flex != 0);
}

char LICENSE[] SEC("license") = "GPL";
