// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog dump tests: instructions clang 14 cannot emit (cpu v4: byte swaps,
 * sign-extending moves and loads, signed division, store-immediate,
 * gotol), written as raw 8-byte words so the dump shows every form.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* one struct bpf_insn: code, dst, src, off, imm */
#define RAW(code, dst, src, off, imm)					\
	".quad ((" #code ") | ((" #dst ") << 8) | ((" #src ") << 12) | "	\
	"(((" #off ") & 0xffff) << 16) | (((" #imm ") & 0xffffffff) << 32))\n"

SEC("socket")
int dump_raw(struct __sk_buff *skb)
{
	asm volatile(
		"r1 = 0x1234\n"
		"r2 = 0x5678\n"
		RAW(0xd7, 1, 0, 0, 16)		/* r1 = bswap16 r1 */
		RAW(0xd7, 1, 0, 0, 32)		/* r1 = bswap32 r1 */
		RAW(0xd7, 1, 0, 0, 64)		/* r1 = bswap64 r1 */
		RAW(0xd4, 1, 0, 0, 16)		/* r1 = le16 r1 */
		RAW(0xd4, 1, 0, 0, 32)		/* r1 = le32 r1 */
		RAW(0xd4, 1, 0, 0, 64)		/* r1 = le64 r1 */
		RAW(0xdc, 1, 0, 0, 64)		/* r1 = be64 r1 */
		RAW(0xbf, 3, 1, 8, 0)		/* r3 = (s8)r1 */
		RAW(0xbf, 3, 1, 16, 0)		/* r3 = (s16)r1 */
		RAW(0xbf, 3, 1, 32, 0)		/* r3 = (s32)r1 */
		RAW(0xbc, 3, 1, 8, 0)		/* w3 = (s8)w1 */
		RAW(0x3f, 1, 2, 1, 0)		/* r1 s/= r2 */
		RAW(0x9f, 1, 2, 1, 0)		/* r1 s%= r2 */
		RAW(0x37, 1, 0, 1, 3)		/* r1 s/= 3 */
		RAW(0x3c, 1, 2, 1, 0)		/* w1 s/= w2 */
		RAW(0x87, 1, 0, 0, 0)		/* r1 = -r1 */
		RAW(0x84, 1, 0, 0, 0)		/* w1 = -w1 */
		"*(u64 *)(r10 - 8) = r1\n"
		RAW(0x91, 4, 10, -8, 0)		/* r4 = *(s8 *)(r10 -8) */
		RAW(0x89, 4, 10, -8, 0)		/* r4 = *(s16 *)(r10 -8) */
		RAW(0x81, 4, 10, -8, 0)		/* r4 = *(s32 *)(r10 -8) */
		RAW(0x72, 10, 0, -16, 1)	/* *(u8 *)(r10 -16) = 1 */
		RAW(0x6a, 10, 0, -14, 2)	/* *(u16 *)(r10 -14) = 2 */
		RAW(0x62, 10, 0, -12, -3)	/* *(u32 *)(r10 -12) = -3 */
		RAW(0x7a, 10, 0, -24, 4)	/* *(u64 *)(r10 -24) = 4 */
		RAW(0x06, 0, 0, 0, 0)		/* gotol pc+0 */
		"r1 = 1\n"
		RAW(0x05, 0, 0, 0, 0)		/* goto pc+0 */
		::: "r1", "r2", "r3", "r4", "memory");
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
