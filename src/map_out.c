// SPDX-License-Identifier: GPL-2.0-only
/*
 * Buffered output and a JSON emitter for map dumps. The JSON layout rules
 * are the ones of json_writer.c (bpftool's): compact mode has no blanks;
 * pretty mode breaks the line before each key and before the closing
 * bracket of a non-empty container, never before an array element.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "map_out.h"

static const char hexdig[] = "0123456789abcdef";

void obuf_init(struct obuf *o, FILE *f)
{
	o->f = f;
	o->len = 0;
}

void obuf_flush(struct obuf *o)
{
	if (o->len)
		fwrite(o->buf, 1, o->len, o->f);
	o->len = 0;
}

void obuf_put_slow(struct obuf *o, const void *p, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		obuf_flush(o);
		if (n > sizeof(o->buf)) {
			fwrite(p, 1, n, o->f);
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void obuf_puts(struct obuf *o, const char *s)
{
	obuf_put(o, s, strlen(s));
}

void obuf_printf(struct obuf *o, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	obuf_put(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void obuf_hex(struct obuf *o, const unsigned char *p, size_t n)
{
	size_t i, chunk;
	char *d;

	/* at most 3 bytes per input byte (+1 for the double space) */
	for (i = 0; i < n; i += chunk) {
		size_t k;

		chunk = n - i < 4096 ? n - i : 4096;
		d = obuf_room(o, chunk * 4);
		for (k = i; k < i + chunk; k++) {
			if (k) {
				if (!(k % 16)) {
					*d++ = '\n';
				} else if (!(k % 8)) {
					*d++ = ' ';
					*d++ = ' ';
				} else {
					*d++ = ' ';
				}
			}
			*d++ = hexdig[p[k] >> 4];
			*d++ = hexdig[p[k] & 15];
		}
		o->len = d - o->buf;
	}
}

static const char digits2[201] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

/* 8 digits of v (< 10^8) ending at p, 32-bit arithmetic */
static void digits8(char *p, __u32 v)
{
	memcpy(p - 2, digits2 + (v % 100) * 2, 2);
	v /= 100;
	memcpy(p - 4, digits2 + (v % 100) * 2, 2);
	v /= 100;
	memcpy(p - 6, digits2 + (v % 100) * 2, 2);
	memcpy(p - 8, digits2 + (v / 100) * 2, 2);
}

/* the digits of v (< 10^8) ending at p, no padding */
static void digits32(char *p, __u32 v)
{
	while (v >= 100) {
		p -= 2;
		memcpy(p, digits2 + (v % 100) * 2, 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(p - 2, digits2 + v * 2, 2);
	else
		p[-1] = '0' + v;
}

static const __u64 pow10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL,
};

static unsigned int ndigits(__u64 v)
{
	/* log10 from the bit length (1233/4096 ~ log10(2)), then fix up */
	unsigned int t = ((64 - __builtin_clzll(v | 1)) * 1233) >> 12;

	return v ? t + 1 - (v < pow10[t]) : 1;
}

/*
 * The decimal digits of v written straight to d, right to left from their
 * known end (no temporary, no copy); 64-bit divisions only to split v into
 * 8-digit chunks. Returns the length (at most 20); no NUL.
 */
size_t put_u64(char *d, __u64 v)
{
	unsigned int n = ndigits(v);
	char *end = d + n;

	if (v < 100000000) {
		digits32(end, v);
	} else if (v < 10000000000000000ULL) {
		digits8(end, v % 100000000);
		digits32(end - 8, v / 100000000);
	} else {
		digits8(end, v % 100000000);
		v /= 100000000;
		digits8(end - 8, v % 100000000);
		digits32(end - 16, v / 100000000);
	}
	return n;
}

size_t fmt_u64(char *buf, __u64 v)
{
	size_t n = put_u64(buf, v);

	buf[n] = '\0';
	return n;
}

size_t fmt_s64(char *buf, __s64 v)
{
	if (v >= 0)
		return fmt_u64(buf, v);
	buf[0] = '-';
	return 1 + fmt_u64(buf + 1, -(__u64)v);
}

void jout_init_buf(struct jout *j, struct obuf *ob, unsigned int depth,
		   bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->ob = ob;
	j->depth = depth;
	j->pretty = pretty;
}

void jout_init_jsonw(struct jout *j, struct jsonw *jw)
{
	memset(j, 0, sizeof(*j));
	j->jw = jw;
}

static void jout_eor(struct jout *j)
{
	if (j->sep)
		obuf_putc(j->ob, ',');
	j->sep = true;
}

static void jout_eol(struct jout *j)
{
	static const char spaces[] = "                                "
				     "                                ";
	size_t n;

	if (!j->pretty)
		return;
	obuf_putc(j->ob, '\n');
	for (n = j->depth * 4; n; ) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		obuf_put(j->ob, spaces, k);
		n -= k;
	}
}

static void quote(struct obuf *o, const char *s, size_t len)
{
	size_t i, run = 0;
	const char *esc;
	char u[7];

	obuf_putc(o, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		esc = json_escape(c, u);
		if (!esc)
			continue;
		obuf_put(o, s + run, i - run);
		run = i + 1;
		obuf_puts(o, esc);
	}
	obuf_put(o, s + run, len - run);
	obuf_putc(o, '"');
}

void jout_name(struct jout *j, const char *name)
{
	if (!j->ob) {
		jsonw_name(j->jw, name);
		return;
	}
	jout_eor(j);
	jout_eol(j);
	j->sep = false;
	quote(j->ob, name, strlen(name));
	obuf_putc(j->ob, ':');
	if (j->pretty)
		obuf_putc(j->ob, ' ');
}

void jout_name_q_any(struct jout *j, const char *name, const char *q,
		     size_t qlen)
{
	if (!j->ob) {
		jsonw_name(j->jw, name);
		return;
	}
	jout_eor(j);
	jout_eol(j);
	j->sep = false;
	obuf_put(j->ob, q, qlen);
	obuf_putc(j->ob, ':');
	if (j->pretty)
		obuf_putc(j->ob, ' ');
}

char *jout_quote_dup(const char *s, size_t *len)
{
	size_t n = strlen(s), i, k = 0;
	char *d = malloc(6 * n + 3);

	if (!d)
		return NULL;
	/* the same escapes as quote(), into memory */
	d[k++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			d[k++] = c;
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
	}
	d[k++] = '"';
	d[k] = '\0';
	*len = k;
	return d;
}

void jout_start_any(struct jout *j, char c)
{
	if (!j->ob) {
		if (c == '{')
			jsonw_start_object(j->jw);
		else
			jsonw_start_array(j->jw);
		return;
	}
	jout_eor(j);
	obuf_putc(j->ob, c);
	j->depth++;
	j->sep = false;
}

void jout_end_any(struct jout *j, char c)
{
	if (!j->ob) {
		if (c == '}')
			jsonw_end_object(j->jw);
		else
			jsonw_end_array(j->jw);
		return;
	}
	if (j->depth)
		j->depth--;
	if (j->sep)
		jout_eol(j);
	obuf_putc(j->ob, c);
	j->sep = true;
}

void jout_raw(struct jout *j, const char *s, size_t n)
{
	if (!j->ob) {
		jsonw_printf(j->jw, "%.*s", (int)n, s);
		return;
	}
	jout_eor(j);
	obuf_put(j->ob, s, n);
}

void jout_str(struct jout *j, const char *s, size_t n)
{
	if (!j->ob) {
		jsonw_string_len(j->jw, s, n);
		return;
	}
	jout_eor(j);
	quote(j->ob, s, n);
}

void jout_uint_any(struct jout *j, __u64 v)
{
	char b[24];

	jout_raw(j, b, fmt_u64(b, v));
}

void jout_int_any(struct jout *j, __s64 v)
{
	char b[24];

	jout_raw(j, b, fmt_s64(b, v));
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

void jout_hex_array(struct jout *j, const unsigned char *p, size_t n)
{
	char small[7 * 64 + 8];
	size_t i, chunk;

	/*
	 * Array elements never get a line break, even in pretty mode, so a
	 * run of elements can be emitted as one raw value.
	 */
	jout_start_arr(j);
	for (i = 0; i < n; i += chunk) {
		chunk = n - i < 64 ? n - i : 64;
		if (j->ob) {
			char *d;

			jout_eor(j);
			d = obuf_room(j->ob, 7 * chunk + 8);
			j->ob->len += hex_items(d, p + i, chunk);
		} else {
			jout_raw(j, small, hex_items(small, p + i, chunk));
		}
	}
	jout_end_arr(j);
}

void jout_error(struct jout *j, const char *msg)
{
	jout_start_obj(j);
	jout_name(j, "error");
	jout_str(j, msg, strlen(msg));
	jout_end_obj(j);
}
