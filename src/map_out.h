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
/* Room for n bytes (n <= OBUF_SIZE) at the end; advance len after writing. */
char *obuf_room(struct obuf *o, size_t n);
void obuf_put_slow(struct obuf *o, const void *p, size_t n);

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
/* A key whose quoted and escaped form q (qlen bytes) is ready (name is raw). */
void jout_name_q(struct jout *j, const char *name, const char *q, size_t qlen);
/* A key given as a string literal (no escapes needed), quoted at compile time. */
#define jout_name_lit(j, lit) \
	jout_name_q(j, lit, "\"" lit "\"", sizeof(lit) + 1)
/* Quote and escape s into a new malloc'ed string; *len gets its length. */
char *jout_quote_dup(const char *s, size_t *len);
void jout_start_obj(struct jout *j);
void jout_end_obj(struct jout *j);
void jout_start_arr(struct jout *j);
void jout_end_arr(struct jout *j);
/* One scalar value, already formatted (number, true, "quoted"...). */
void jout_raw(struct jout *j, const char *s, size_t n);
/* A string value: quoted and escaped like json_writer does. */
void jout_str(struct jout *j, const char *s, size_t n);
void jout_uint(struct jout *j, __u64 v);
void jout_int(struct jout *j, __s64 v);
/* ["0x01","0x02",...] */
void jout_hex_array(struct jout *j, const unsigned char *p, size_t n);
/* {"error":"msg"} at the current point, as p_err() does under -j. */
void jout_error(struct jout *j, const char *msg);

#endif
