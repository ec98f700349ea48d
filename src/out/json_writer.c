// SPDX-License-Identifier: GPL-2.0-only
/*
 * The JSON writer. The layout rules are bpftool's, because scripts and bash
 * completion scrape its pretty output line by line:
 *  - compact mode has no whitespace at all;
 *  - pretty mode starts a new indented line before every object key and
 *    before the closing bracket of a non-empty container, never before an
 *    array element, and writes "key": value;
 *  - the document ends with one newline.
 * Unlike bpftool, every string is valid JSON: see json_quote().
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

static const char hexdig[] = "0123456789abcdef";

struct jsonw *jsonw_new(FILE *f)
{
	struct jsonw *self = calloc(1, sizeof(*self));

	if (!self)
		return NULL;
	self->ob = obuf_new(f);
	if (!self->ob) {
		free(self);
		return NULL;
	}
	self->own = true;
	self->sync = true;
	return self;
}

void jsonw_destroy(struct jsonw **self_p)
{
	struct jsonw *self = *self_p;

	if (!self)
		return;
	obuf_putc(self->ob, '\n');
	if (self->own)
		obuf_free(self->ob);
	free(self);
	*self_p = NULL;
}

void jsonw_init_buf(struct jsonw *self, struct obuf *ob, unsigned int depth,
		    bool pretty)
{
	memset(self, 0, sizeof(*self));
	self->ob = ob;
	self->depth = depth;
	self->pretty = pretty;
}

void jsonw_pretty(struct jsonw *self, bool on)
{
	self->pretty = on;
}

void jsonw_sync(struct jsonw *self, bool on)
{
	self->sync = on;
	if (on)
		obuf_flush(self->ob);
}

void jsonw_reset(struct jsonw *self)
{
	self->depth = 0;
	self->sep = false;
}

unsigned int jsonw_depth(const struct jsonw *self)
{
	return self->depth;
}

/* the end of every out-of-line call */
static inline void jsonw_done(struct jsonw *self)
{
	if (self->sync)
		obuf_flush(self->ob);
}

static void jsonw_eol(struct jsonw *self)
{
	static const char spaces[] = "                                "
				     "                                ";
	size_t n;

	if (!self->pretty)
		return;
	obuf_putc(self->ob, '\n');
	for (n = self->depth * 4; n; ) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		obuf_put(self->ob, spaces, k);
		n -= k;
	}
}

/* start of a value: a separator when one is due */
static void jsonw_eor(struct jsonw *self)
{
	if (self->sep)
		obuf_putc(self->ob, ',');
	self->sep = true;
}

/* ---- the escape routine ------------------------------------------------- */

/* bytes that need a look: controls, quote, backslash, non-ASCII */
static inline bool json_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

/*
 * Escape s[i..] into d until at least max input bytes are used or s ends;
 * returns the bytes written (at most 6 per input byte), *used the input
 * consumed. A UTF-8 sequence is never split.
 */
static size_t json_escape_run(char *d, const unsigned char *s, size_t len,
			      size_t max, size_t *used)
{
	size_t i = 0, k = 0, n;
	unsigned char c;

	while (i < len && i < max) {
		c = s[i];
		if (!json_special(c)) {
			d[k++] = c;
			i++;
			continue;
		}
		if (c >= 0x80) {
			n = utf8_len(s + i, len - i);
			if (n) {
				memcpy(d + k, s + i, n);
				k += n;
				i += n;
				continue;
			}
			memcpy(d + k, "\\ufffd", 6);
			k += 6;
			i++;
			continue;
		}
		d[k++] = '\\';
		switch (c) {
		case '"': d[k++] = '"'; break;
		case '\\': d[k++] = '\\'; break;
		case '\b': d[k++] = 'b'; break;
		case '\f': d[k++] = 'f'; break;
		case '\n': d[k++] = 'n'; break;
		case '\r': d[k++] = 'r'; break;
		case '\t': d[k++] = 't'; break;
		default:
			memcpy(d + k, "u00", 3);
			k += 3;
			d[k++] = hexdig[c >> 4];
			d[k++] = hexdig[c & 15];
		}
		i++;
	}
	*used = i;
	return k;
}

#define QUOTE_CHUNK	4096

void json_quote(struct obuf *o, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, used;
	char *d;

	/* the common case, a short plain name: one copy */
	d = obuf_room(o, 6 * 64 + 8);
	if (len <= 64) {
		*d++ = '"';
		d += json_escape_run(d, s, len, len, &used);
		*d++ = '"';
		o->len = d - o->buf;
		return;
	}
	obuf_putc(o, '"');
	for (i = 0; i < len; i += used) {
		/* +3: a UTF-8 sequence may run past the chunk */
		d = obuf_room(o, 6 * (QUOTE_CHUNK + 3));
		o->len += json_escape_run(d, s + i, len - i, QUOTE_CHUNK,
					  &used);
	}
	obuf_putc(o, '"');
}

char *json_quote_dup(const char *str, size_t *len)
{
	size_t n = strlen(str), used, k = 0;
	char *d = malloc(6 * n + 3);

	if (!d)
		return NULL;
	d[k++] = '"';
	k += json_escape_run(d + k, (const unsigned char *)str, n, n, &used);
	d[k++] = '"';
	d[k] = '\0';
	*len = k;
	return d;
}

/* ---- values ------------------------------------------------------------- */

void jsonw_name(struct jsonw *self, const char *name)
{
	jsonw_eor(self);
	jsonw_eol(self);
	self->sep = false;
	json_quote(self->ob, name, strlen(name));
	obuf_putc(self->ob, ':');
	if (self->pretty)
		obuf_putc(self->ob, ' ');
	jsonw_done(self);
}

void jsonw_name_q_any(struct jsonw *self, const char *q, size_t qlen)
{
	jsonw_eor(self);
	jsonw_eol(self);
	self->sep = false;
	obuf_put(self->ob, q, qlen);
	obuf_putc(self->ob, ':');
	if (self->pretty)
		obuf_putc(self->ob, ' ');
	jsonw_done(self);
}

void jsonw_begin_any(struct jsonw *self, char c)
{
	jsonw_eor(self);
	obuf_putc(self->ob, c);
	self->depth++;
	self->sep = false;
	jsonw_done(self);
}

void jsonw_end_any(struct jsonw *self, char c)
{
	if (self->depth)
		self->depth--;
	if (self->sep)
		jsonw_eol(self);
	obuf_putc(self->ob, c);
	self->sep = true;
	jsonw_done(self);
}

void jsonw_external_value(struct jsonw *self)
{
	jsonw_eor(self);
	obuf_flush(self->ob);
}

void jsonw_raw(struct jsonw *self, const char *s, size_t n)
{
	jsonw_eor(self);
	obuf_put(self->ob, s, n);
	jsonw_done(self);
}

void jsonw_string(struct jsonw *self, const char *value)
{
	jsonw_eor(self);
	json_quote(self->ob, value, strlen(value));
	jsonw_done(self);
}

void jsonw_string_len(struct jsonw *self, const char *value, size_t len)
{
	jsonw_eor(self);
	json_quote(self->ob, value, strnlen(value, len));
	jsonw_done(self);
}

void jsonw_printf(struct jsonw *self, const char *fmt, ...)
{
	char tmp[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(tmp)) {
		va_start(ap, fmt);
		if (vasprintf(&big, fmt, ap) < 0)
			big = NULL;
		va_end(ap);
	}
	jsonw_raw(self, big ? big : tmp, n < 0 ? 0 :
		  big ? (size_t)n : strnlen(tmp, sizeof(tmp)));
	free(big);
}

void jsonw_bool(struct jsonw *self, bool value)
{
	if (value)
		jsonw_raw(self, "true", 4);
	else
		jsonw_raw(self, "false", 5);
}

void jsonw_null(struct jsonw *self)
{
	jsonw_raw(self, "null", 4);
}

void jsonw_uint_any(struct jsonw *self, uint64_t v)
{
	char b[24];

	jsonw_raw(self, b, fmt_u64(b, v));
}

void jsonw_int_any(struct jsonw *self, int64_t v)
{
	char b[24];

	jsonw_raw(self, b, fmt_s64(b, v));
}

void jsonw_float(struct jsonw *self, double value)
{
	/* JSON has no inf or nan: "%g" would print them bare */
	if (!isfinite(value)) {
		jsonw_null(self);
		return;
	}
	jsonw_printf(self, "%g", value);
}

void jsonw_hex_byte(struct jsonw *self, unsigned char b)
{
	char q[6] = { '"', '0', 'x', hexdig[b >> 4], hexdig[b & 15], '"' };

	jsonw_raw(self, q, sizeof(q));
}

/* ',"0xNN"' for every byte, padded to 8: one store per array item */
#define HEXC(n) ((n) < 10 ? '0' + (n) : 'a' + (n) - 10)
#define HI(b) { ',', '"', '0', 'x', HEXC((b) >> 4), HEXC((b) & 15), '"', 0 }
#define HI4(b) HI(b), HI((b) + 1), HI((b) + 2), HI((b) + 3)
#define HI16(b) HI4(b), HI4((b) + 4), HI4((b) + 8), HI4((b) + 12)
#define HI64(b) HI16(b), HI16((b) + 16), HI16((b) + 32), HI16((b) + 48)
static const char hex_item[256][8] = {
	HI64(0), HI64(64), HI64(128), HI64(192)
};

/* "0x01","0x02" for n bytes into d (room for 7n + 1); returns 7n - 1. */
static size_t hex_items(char *d, const unsigned char *p, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	memcpy(d, hex_item[p[0]] + 1, 6);
	for (i = 1; i < n; i++)
		memcpy(d + 7 * i - 1, hex_item[p[i]], 8);
	return 7 * n - 1;
}

void jsonw_hex_array(struct jsonw *self, const unsigned char *p, size_t n)
{
	bool sync = self->sync;
	size_t i, chunk;
	char *d;

	/*
	 * Array elements never get a line break, even in pretty mode, so a
	 * run of elements can be emitted as one raw value.
	 */
	self->sync = false;
	jsonw_start_array(self);
	for (i = 0; i < n; i += chunk) {
		chunk = n - i < 64 ? n - i : 64;
		jsonw_eor(self);
		d = obuf_room(self->ob, 7 * chunk + 8);
		self->ob->len += hex_items(d, p + i, chunk);
	}
	jsonw_end_array(self);
	self->sync = sync;
	jsonw_done(self);
}

void jsonw_error(struct jsonw *self, const char *msg)
{
	jsonw_start_object(self);
	jsonw_name_lit(self, "error");
	jsonw_string(self, msg);
	jsonw_end_object(self);
}

void jsonw_string_field(struct jsonw *self, const char *prop, const char *val)
{
	jsonw_name(self, prop);
	jsonw_string(self, val);
}

void jsonw_bool_field(struct jsonw *self, const char *prop, bool value)
{
	jsonw_name(self, prop);
	jsonw_bool(self, value);
}

void jsonw_uint_field(struct jsonw *self, const char *prop, uint64_t value)
{
	jsonw_name(self, prop);
	jsonw_uint(self, value);
}

void jsonw_int_field(struct jsonw *self, const char *prop, int64_t value)
{
	jsonw_name(self, prop);
	jsonw_int(self, value);
}

void jsonw_null_field(struct jsonw *self, const char *prop)
{
	jsonw_name(self, prop);
	jsonw_null(self);
}
