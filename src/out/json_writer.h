/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one JSON writer. Its compact and pretty layouts match bpftool's byte
 * for byte; unlike bpftool it escapes every control byte and every byte
 * that is not valid UTF-8, so the output is always valid JSON.
 *
 * It writes into a struct obuf (obuf.h). A writer made by jsonw_new() owns
 * its buffer and, by default, hands each value to its FILE at once, so it
 * can share stdout with printf(); jsonw_sync(w, false) keeps bytes in the
 * buffer until jsonw_sync(w, true) or a full buffer, which is what map and
 * raw BTF dumps do around their millions of values. jsonw_init_buf() makes
 * a writer on a caller's buffer (the BTF-formatted plain map dump).
 *
 * The calls a dump makes millions of times have their compact, buffered
 * path inline: one room check, then plain stores.
 */
#ifndef BPFKIT_JSON_WRITER_H
#define BPFKIT_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "obuf.h"

struct jsonw {
	struct obuf *ob;
	unsigned int depth;
	bool pretty;
	bool sep;	/* the next value needs a ',' first */
	bool sync;	/* flush ob after every call */
	bool own;	/* ob is ours to free */
};

struct jsonw *jsonw_new(FILE *f);
/* Ends the document with a newline, flushes and frees. */
void jsonw_destroy(struct jsonw **self_p);
/* A writer on ob (not owned, never flushed), as if depth levels deep. */
void jsonw_init_buf(struct jsonw *self, struct obuf *ob, unsigned int depth,
		    bool pretty);
void jsonw_pretty(struct jsonw *self, bool on);
/* on: flush now and after every call; off: only when the buffer is full. */
void jsonw_sync(struct jsonw *self, bool on);
/* Restart at depth 0 (batch mode reuses one writer for its outer array). */
void jsonw_reset(struct jsonw *self);
unsigned int jsonw_depth(const struct jsonw *self);
/*
 * The next value is written by another writer into the same FILE (a dump
 * made with jsonw_init_buf() at jsonw_depth()): put what goes before it
 * and flush, so that the two writers' bytes come out in order.
 */
void jsonw_external_value(struct jsonw *self);

/*
 * The JSON string of s (len bytes), quotes included. Control bytes,
 * quotes and backslashes are escaped; each byte that is not part of valid
 * UTF-8 becomes \ufffd (U+FFFD, the replacement character).
 */
void json_quote(struct obuf *o, const char *s, size_t len);
/* The same into a new malloc'ed string; *len gets its length. */
char *json_quote_dup(const char *s, size_t *len);

void jsonw_name(struct jsonw *self, const char *name);
void jsonw_string(struct jsonw *self, const char *value);
/* String of at most len bytes (stops at a NUL). */
void jsonw_string_len(struct jsonw *self, const char *value, size_t len);
void jsonw_printf(struct jsonw *self, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));	/* raw, unquoted value */
/* One raw value, already formatted (number, true, "quoted"...). */
void jsonw_raw(struct jsonw *self, const char *s, size_t n);
void jsonw_bool(struct jsonw *self, bool value);
void jsonw_null(struct jsonw *self);
void jsonw_float(struct jsonw *self, double value);	/* "%g" */
void jsonw_hex_byte(struct jsonw *self, unsigned char b);	/* "0x0a" */
/* ["0x01","0x02",...] */
void jsonw_hex_array(struct jsonw *self, const unsigned char *p, size_t n);
/* {"error":"msg"}, as p_err() prints under -j. */
void jsonw_error(struct jsonw *self, const char *msg);

/* key + value in one call */
void jsonw_string_field(struct jsonw *self, const char *prop, const char *val);
void jsonw_bool_field(struct jsonw *self, const char *prop, bool value);
void jsonw_uint_field(struct jsonw *self, const char *prop, uint64_t value);
void jsonw_int_field(struct jsonw *self, const char *prop, int64_t value);
void jsonw_null_field(struct jsonw *self, const char *prop);

/* Out-of-line forms of the inline calls below (any mode). */
void jsonw_name_q_any(struct jsonw *self, const char *q, size_t qlen);
void jsonw_begin_any(struct jsonw *self, char c);
void jsonw_end_any(struct jsonw *self, char c);
void jsonw_uint_any(struct jsonw *self, uint64_t v);
void jsonw_int_any(struct jsonw *self, int64_t v);

/* the fast path applies: buffered, compact */
static inline bool jsonw_fast(const struct jsonw *self)
{
	return !self->sync && !self->pretty;
}

/*
 * The inline calls' frame: room for n bytes (the ',' a previous value is
 * owed included, when due), the bytes stored at the returned pointer, then
 * jsonw_put_end() with the pointer past them. sep: what the next value
 * will owe.
 */
static inline char *jsonw_put_start(struct jsonw *self, size_t n, bool sep)
{
	char *d = obuf_room(self->ob, n);

	if (self->sep)
		*d++ = ',';
	self->sep = sep;
	return d;
}

static inline void jsonw_put_end(struct jsonw *self, const char *end)
{
	self->ob->len = end - self->ob->buf;
}

/* A key whose quoted and escaped form q (qlen bytes) is ready. */
static inline void jsonw_name_q(struct jsonw *self, const char *q,
				size_t qlen)
{
	char *d;

	if (!jsonw_fast(self) || qlen > 4096) {
		jsonw_name_q_any(self, q, qlen);
		return;
	}
	d = jsonw_put_start(self, qlen + 2, false);
	memcpy(d, q, qlen);
	d += qlen;
	*d++ = ':';
	jsonw_put_end(self, d);
}

/* A key given as a string literal (no escapes needed), quoted at compile time. */
#define jsonw_name_lit(j, lit) \
	jsonw_name_q(j, "\"" lit "\"", sizeof(lit) + 1)

static inline void jsonw_begin(struct jsonw *self, char c)
{
	char *d;

	if (self->sync) {
		jsonw_begin_any(self, c);
		return;
	}
	d = jsonw_put_start(self, 2, false);
	*d++ = c;
	jsonw_put_end(self, d);
	self->depth++;
}

static inline void jsonw_end(struct jsonw *self, char c)
{
	if (self->sync || (self->pretty && self->sep)) {
		jsonw_end_any(self, c);
		return;
	}
	if (self->depth)
		self->depth--;
	obuf_putc(self->ob, c);
	self->sep = true;
}

static inline void jsonw_start_object(struct jsonw *self) { jsonw_begin(self, '{'); }
static inline void jsonw_end_object(struct jsonw *self) { jsonw_end(self, '}'); }
static inline void jsonw_start_array(struct jsonw *self) { jsonw_begin(self, '['); }
static inline void jsonw_end_array(struct jsonw *self) { jsonw_end(self, ']'); }

static inline void jsonw_uint(struct jsonw *self, uint64_t v)
{
	char *d;

	if (self->sync) {
		jsonw_uint_any(self, v);
		return;
	}
	d = jsonw_put_start(self, 22, true);
	if (v < 10)
		*d++ = '0' + v;
	else
		d += put_u64(d, v);
	jsonw_put_end(self, d);
}

static inline void jsonw_int(struct jsonw *self, int64_t v)
{
	char *d;

	if (v >= 0 || self->sync) {
		if (v >= 0)
			jsonw_uint(self, v);
		else
			jsonw_int_any(self, v);
		return;
	}
	d = jsonw_put_start(self, 22, true);
	*d++ = '-';
	d += put_u64(d, -(uint64_t)v);
	jsonw_put_end(self, d);
}

#endif
