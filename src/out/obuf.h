/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The output buffer under every fast printer (map dumps, raw BTF dumps, the
 * JSON writer). A big dump is millions of tiny writes (a hex byte, a key, a
 * number); going through stdio or printf for each would cost more than the
 * formatting itself. struct obuf collects bytes in memory and hands them to
 * its FILE in large chunks; numbers are formatted by hand.
 */
#ifndef BPFKIT_OBUF_H
#define BPFKIT_OBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>

#define OBUF_SIZE (1 << 18)	/* few write()s: each one is costly on VMs */

struct obuf {
	FILE *f;
	size_t len;
	bool err;		/* a write to f failed */
	char buf[OBUF_SIZE];
};

/* A new buffer for f (NULL when out of memory); obuf_free flushes first. */
struct obuf *obuf_new(FILE *f);
void obuf_free(struct obuf *o);
void obuf_init(struct obuf *o, FILE *f);
void obuf_flush(struct obuf *o);
void obuf_put_slow(struct obuf *o, const void *p, size_t n);

/* Room for n bytes (n <= OBUF_SIZE) at the end; advance len after writing. */
static inline char *obuf_room(struct obuf *o, size_t n)
{
	if (__builtin_expect(o->len + n > OBUF_SIZE, 0))
		obuf_flush(o);
	return o->buf + o->len;
}

/* Inline for the short pieces a dump is made of. */
static inline void obuf_put(struct obuf *o, const void *p, size_t n)
{
	const char *s = p;
	char *d;

	if (n > 64 || o->len + n > OBUF_SIZE) {
		obuf_put_slow(o, p, n);
		return;
	}
	d = o->buf + o->len;
	o->len += n;
	/* a literal's size is known: one or two moves, no call */
	if (__builtin_constant_p(n)) {
		memcpy(d, s, n);
		return;
	}
	while (n--)
		*d++ = *s++;
}

/* A string literal: its length is known at compile time. */
#define obuf_lit(o, s)	obuf_put(o, s, sizeof(s) - 1)

/* the rest of a string longer than 64 bytes, the first 64 already copied */
void obuf_puts_long(struct obuf *o, const char *s);

/* Names are short: copy while scanning, fall back for long ones. */
static inline void obuf_puts(struct obuf *o, const char *s)
{
	char *p = obuf_room(o, 64), *end;

	end = memccpy(p, s, '\0', 64);
	if (end) {
		o->len += end - p - 1;
		return;
	}
	obuf_puts_long(o, s);
}

static inline void obuf_putc(struct obuf *o, char c)
{
	if (__builtin_expect(o->len == OBUF_SIZE, 0))
		obuf_flush(o);
	o->buf[o->len++] = c;
}

void obuf_printf(struct obuf *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* bpftool's hex layout: "xx xx ... xx  xx ..." 16 bytes a line, no final separator. */
void obuf_hex(struct obuf *o, const unsigned char *p, size_t n);

extern const char obuf_digits2[201];	/* "00" "01" ... "99" */
extern const __u64 obuf_pow10[20];

/* 8 digits of v (< 10^8) ending at p, 32-bit arithmetic */
static inline void obuf_digits8(char *p, __u32 v)
{
	memcpy(p - 2, obuf_digits2 + (v % 100) * 2, 2);
	v /= 100;
	memcpy(p - 4, obuf_digits2 + (v % 100) * 2, 2);
	v /= 100;
	memcpy(p - 6, obuf_digits2 + (v % 100) * 2, 2);
	memcpy(p - 8, obuf_digits2 + (v / 100) * 2, 2);
}

/* the digits of v (< 10^8) ending at p, no padding */
static inline void obuf_digits32(char *p, __u32 v)
{
	while (v >= 100) {
		p -= 2;
		memcpy(p, obuf_digits2 + (v % 100) * 2, 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(p - 2, obuf_digits2 + v * 2, 2);
	else
		p[-1] = '0' + v;
}

/*
 * The decimal digits of v at d (room for 20), no NUL; returns the length.
 * Written right to left from their known end (no temporary, no copy);
 * 64-bit divisions only to split v into 8-digit chunks. Inline: dumps
 * print millions of numbers.
 */
static inline size_t put_u64(char *d, __u64 v)
{
	/* log10 from the bit length (1233/4096 ~ log10(2)), then fix up */
	unsigned int t = ((64 - __builtin_clzll(v | 1)) * 1233) >> 12;
	unsigned int n = v ? t + 1 - (v < obuf_pow10[t]) : 1;
	char *end = d + n;

	if (v < 100000000) {
		obuf_digits32(end, v);
	} else if (v < 10000000000000000ULL) {
		obuf_digits8(end, v % 100000000);
		obuf_digits32(end - 8, v / 100000000);
	} else {
		obuf_digits8(end, v % 100000000);
		v /= 100000000;
		obuf_digits8(end - 8, v % 100000000);
		obuf_digits32(end - 16, v / 100000000);
	}
	return n;
}

/* Decimal formatting into a caller buffer (>= 24 bytes); returns length. */
size_t fmt_u64(char *buf, __u64 v);
size_t fmt_s64(char *buf, __s64 v);

static inline void obuf_u64(struct obuf *o, __u64 v)
{
	char *d = obuf_room(o, 24);

	o->len += put_u64(d, v);
}

static inline void obuf_s64(struct obuf *o, __s64 v)
{
	char *d = obuf_room(o, 24);
	__u64 u = v;

	if (v < 0) {
		*d++ = '-';
		o->len++;
		u = -u;
	}
	o->len += put_u64(d, u);
}

/*
 * Untrusted text (process names, paths) for a terminal: control bytes,
 * DEL, C1 controls and bytes that are not UTF-8 are written as \xNN, the
 * backslash as \\, so the text cannot move the cursor or rewrite the
 * screen, and the original bytes can be recovered.
 */
void fputs_text(const char *s, FILE *f);

/*
 * Length of the valid UTF-8 sequence at s (at most len bytes), or 0 when
 * the byte at s does not start one: overlong forms, surrogates and values
 * above U+10FFFF are invalid, as RFC 3629 says.
 */
size_t utf8_len(const unsigned char *s, size_t len);

#endif
