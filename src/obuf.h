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

	if (n > 16 || o->len + n > OBUF_SIZE) {
		obuf_put_slow(o, p, n);
		return;
	}
	d = o->buf + o->len;
	o->len += n;
	while (n--)
		*d++ = *s++;
}

/* A string literal: its length is known at compile time. */
#define obuf_lit(o, s)	obuf_put(o, s, sizeof(s) - 1)

void obuf_puts(struct obuf *o, const char *s);
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

/* The decimal digits of v at d (room for 20), no NUL; returns the length. */
size_t put_u64(char *d, __u64 v);
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
