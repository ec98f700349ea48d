/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fast output for map dumps. A dump of a big map is millions of tiny
 * writes (a hex byte, a field name, a number); going through printf for
 * each would cost more than the syscalls we save with batch lookups. So:
 *  - struct obuf collects bytes in memory and hands them to the FILE in
 *    large chunks;
 *  - struct jout is a JSON emitter with exactly the layout of our
 *    json_writer (bpftool's), writing into an obuf; it can also forward to
 *    a struct jsonw, so the BTF value printer has a single implementation.
 */
#ifndef BPFKIT_MAP_OUT_H
#define BPFKIT_MAP_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>

struct jsonw;

#define OBUF_SIZE (1 << 18)	/* few write()s: each one is costly on VMs */

struct obuf {
	FILE *f;
	size_t len;
	char buf[OBUF_SIZE];
};

void obuf_init(struct obuf *o, FILE *f);
void obuf_flush(struct obuf *o);
void obuf_put_slow(struct obuf *o, const void *p, size_t n);

/* Room for n bytes (n <= OBUF_SIZE) at the end; advance len after writing. */
static inline char *obuf_room(struct obuf *o, size_t n)
{
	if (o->len + n > OBUF_SIZE)
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

void obuf_puts(struct obuf *o, const char *s);
static inline void obuf_putc(struct obuf *o, char c)
{
	if (o->len == OBUF_SIZE)
		obuf_flush(o);
	o->buf[o->len++] = c;
}

void obuf_printf(struct obuf *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* bpftool's hex layout: "xx xx ... xx  xx ..." 16 bytes a line, no final separator. */
void obuf_hex(struct obuf *o, const unsigned char *p, size_t n);

/* Decimal and hex formatting into a caller buffer (>= 24 bytes); returns length. */
size_t fmt_u64(char *buf, __u64 v);
size_t fmt_s64(char *buf, __s64 v);

struct jout {
	struct obuf *ob;	/* buffered mode */
	struct jsonw *jw;	/* forwarding mode, when ob is NULL */
	unsigned int depth;
	bool pretty;
	bool sep;		/* the next value needs a ',' first */
};

/* Emit into ob, as if already nested depth levels deep. */
void jout_init_buf(struct jout *j, struct obuf *ob, unsigned int depth,
		   bool pretty);
void jout_init_jsonw(struct jout *j, struct jsonw *jw);

void jout_name(struct jout *j, const char *name);
/* Out-of-line forms of the inline emitters below (any mode). */
void jout_name_q_any(struct jout *j, const char *name, const char *q,
		     size_t qlen);
void jout_start_any(struct jout *j, char c);
void jout_end_any(struct jout *j, char c);
void jout_uint_any(struct jout *j, __u64 v);
void jout_int_any(struct jout *j, __s64 v);
/* The decimal digits of v at d (room for 20), no NUL; returns the length. */
size_t put_u64(char *d, __u64 v);

/*
 * The calls a dump makes millions of times have their compact-mode path
 * inline: one room check, then plain stores. Pretty mode (line breaks)
 * and forwarding to a jsonw take the out-of-line forms.
 */

/* A key whose quoted and escaped form q (qlen bytes) is ready (name is raw). */
static inline void jout_name_q(struct jout *j, const char *name,
			       const char *q, size_t qlen)
{
	char *d;

	if (!j->ob || j->pretty || qlen > 4096) {
		jout_name_q_any(j, name, q, qlen);
		return;
	}
	d = obuf_room(j->ob, qlen + 2);
	if (j->sep)
		*d++ = ',';
	j->sep = false;
	memcpy(d, q, qlen);
	d += qlen;
	*d++ = ':';
	j->ob->len = d - j->ob->buf;
}

/* A key given as a string literal (no escapes needed), quoted at compile time. */
#define jout_name_lit(j, lit) \
	jout_name_q(j, lit, "\"" lit "\"", sizeof(lit) + 1)
/* Quote and escape s into a new malloc'ed string; *len gets its length. */
char *jout_quote_dup(const char *s, size_t *len);

static inline void jout_start(struct jout *j, char c)
{
	char *d;

	if (!j->ob) {
		jout_start_any(j, c);
		return;
	}
	d = obuf_room(j->ob, 2);
	if (j->sep)
		*d++ = ',';
	*d++ = c;
	j->ob->len = d - j->ob->buf;
	j->depth++;
	j->sep = false;
}

static inline void jout_end(struct jout *j, char c)
{
	if (!j->ob || (j->pretty && j->sep)) {
		jout_end_any(j, c);
		return;
	}
	if (j->depth)
		j->depth--;
	obuf_putc(j->ob, c);
	j->sep = true;
}

static inline void jout_start_obj(struct jout *j) { jout_start(j, '{'); }
static inline void jout_end_obj(struct jout *j) { jout_end(j, '}'); }
static inline void jout_start_arr(struct jout *j) { jout_start(j, '['); }
static inline void jout_end_arr(struct jout *j) { jout_end(j, ']'); }

/* One scalar value, already formatted (number, true, "quoted"...). */
void jout_raw(struct jout *j, const char *s, size_t n);
/* A string value: quoted and escaped like json_writer does. */
void jout_str(struct jout *j, const char *s, size_t n);

static inline void jout_uint(struct jout *j, __u64 v)
{
	char *d;

	if (!j->ob) {
		jout_uint_any(j, v);
		return;
	}
	d = obuf_room(j->ob, 22);
	if (j->sep)
		*d++ = ',';
	j->sep = true;
	if (v < 10)
		*d++ = '0' + v;
	else
		d += put_u64(d, v);
	j->ob->len = d - j->ob->buf;
}

static inline void jout_int(struct jout *j, __s64 v)
{
	char *d;

	if (!j->ob) {
		jout_int_any(j, v);
		return;
	}
	d = obuf_room(j->ob, 22);
	if (j->sep)
		*d++ = ',';
	j->sep = true;
	if (v < 0) {
		*d++ = '-';
		d += put_u64(d, -(__u64)v);
	} else if (v < 10) {
		*d++ = '0' + v;
	} else {
		d += put_u64(d, v);
	}
	j->ob->len = d - j->ob->buf;
}

/* ["0x01","0x02",...] */
void jout_hex_array(struct jout *j, const unsigned char *p, size_t n);
/* {"error":"msg"} at the current point, as p_err() does under -j. */
void jout_error(struct jout *j, const char *msg);

#endif
