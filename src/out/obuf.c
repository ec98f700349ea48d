// SPDX-License-Identifier: GPL-2.0-only
/* The output buffer, hand-made number formatting and the text escaper. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "obuf.h"

static const char hexdig[] = "0123456789abcdef";

struct obuf *obuf_new(FILE *f)
{
	struct obuf *o = malloc(sizeof(*o));

	if (o)
		obuf_init(o, f);
	return o;
}

void obuf_free(struct obuf *o)
{
	if (!o)
		return;
	obuf_flush(o);
	free(o);
}

void obuf_init(struct obuf *o, FILE *f)
{
	o->f = f;
	o->len = 0;
	o->err = false;
}

/* No FILE: a dry run, whose bytes are dropped (btf_c_open()) */
void obuf_flush(struct obuf *o)
{
	if (o->len && o->f && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->err = true;
	o->len = 0;
}

void obuf_put_slow(struct obuf *o, const void *p, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		obuf_flush(o);
		if (n > sizeof(o->buf)) {
			if (o->f && fwrite(p, 1, n, o->f) != n)
				o->err = true;
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void obuf_puts_long(struct obuf *o, const char *s)
{
	o->len += 64;
	obuf_put_slow(o, s + 64, strlen(s + 64));
}

void obuf_printf(struct obuf *o, const char *fmt, ...)
{
	char tmp[512], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		obuf_put(o, tmp, n);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&big, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	obuf_put(o, big, n);
	free(big);
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

/* ---- numbers ------------------------------------------------------------ */

const char obuf_digits2[201] =
	"00010203040506070809101112131415161718192021222324"
	"25262728293031323334353637383940414243444546474849"
	"50515253545556575859606162636465666768697071727374"
	"75767778798081828384858687888990919293949596979899";

const __u64 obuf_pow10[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL,
};

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

/* ---- text --------------------------------------------------------------- */

size_t utf8_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	__u32 cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;	/* continuation byte, overlong lead, or > F4 */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* The escaped form of the character at s (n bytes), or NULL: as it is. */
static size_t text_char(const unsigned char *s, size_t len, size_t *n,
			char out[9])
{
	size_t k = utf8_len(s, len);

	*n = k ? k : 1;
	if (k == 1 && s[0] >= 0x20 && s[0] != 0x7f && s[0] != '\\')
		return 0;
	if (k == 1 && s[0] == '\\') {
		memcpy(out, "\\\\", 2);
		return 2;
	}
	/* C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8 */
	if (k > 1 && !(k == 2 && s[0] == 0xc2 && s[1] < 0xa0))
		return 0;
	if (k == 2) {
		memcpy(out, "\\xc2\\x", 6);
		out[6] = hexdig[s[1] >> 4];
		out[7] = hexdig[s[1] & 15];
		return 8;
	}
	memcpy(out, "\\x", 2);
	out[2] = hexdig[s[0] >> 4];
	out[3] = hexdig[s[0] & 15];
	return 4;
}

void fputs_text(const char *s, FILE *f)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, run = 0, n, e;
	char esc[9];

	while (i < len) {
		e = text_char(u + i, len - i, &n, esc);
		if (e) {
			fwrite(s + run, 1, i - run, f);
			fwrite(esc, 1, e, f);
			run = i + n;
		}
		i += n;
	}
	fwrite(s + run, 1, len - run, f);
}
