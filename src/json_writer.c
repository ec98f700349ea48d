// SPDX-License-Identifier: GPL-2.0-only
/*
 * Streaming JSON writer. The layout rules are bpftool's, because scripts and
 * bash completion scrape its pretty output line by line:
 *  - compact mode has no whitespace at all;
 *  - pretty mode starts a new indented line before every object key and
 *    before the closing bracket of a non-empty container, never before an
 *    array element, and writes "key": value;
 *  - the document ends with one newline.
 * Unlike bpftool, every control byte is escaped, so the output always parses.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

struct jsonw {
	FILE *out;
	unsigned int depth;
	bool pretty;
	char sep;	/* ',' when the next value needs a separator, else 0 */
};

struct jsonw *jsonw_new(FILE *f)
{
	struct jsonw *self = calloc(1, sizeof(*self));

	if (!self)
		return NULL;
	self->out = f;
	return self;
}

void jsonw_destroy(struct jsonw **self_p)
{
	struct jsonw *self = *self_p;

	if (!self)
		return;
	fputc('\n', self->out);
	free(self);
	*self_p = NULL;
}

void jsonw_pretty(struct jsonw *self, bool on)
{
	self->pretty = on;
}

void jsonw_reset(struct jsonw *self)
{
	self->depth = 0;
	self->sep = 0;
}

FILE *jsonw_file(struct jsonw *self)
{
	return self->out;
}

unsigned int jsonw_depth(const struct jsonw *self)
{
	return self->depth;
}

static void jsonw_eol(struct jsonw *self)
{
	unsigned int i;

	if (!self->pretty)
		return;
	fputc('\n', self->out);
	for (i = 0; i < self->depth; i++)
		fputs("    ", self->out);
}

/* end of a value: the next one needs a separator */
static void jsonw_eor(struct jsonw *self)
{
	if (self->sep)
		fputc(self->sep, self->out);
	self->sep = ',';
}

const char *json_escape(unsigned char c, char buf[7])
{
	static const char hex[] = "0123456789abcdef";

	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	}
	if (c >= 0x20)
		return NULL;
	memcpy(buf, "\\u00", 4);
	buf[4] = hex[c >> 4];
	buf[5] = hex[c & 15];
	buf[6] = '\0';
	return buf;
}

static void jsonw_quote(struct jsonw *self, const char *s, size_t len)
{
	FILE *f = self->out;
	size_t i, run = 0;
	const char *esc;
	char u[7];

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		esc = json_escape(c, u);
		if (!esc)
			continue;
		/* flush the plain run before the escape, in one write */
		if (i > run)
			fwrite(s + run, 1, i - run, f);
		run = i + 1;
		fputs(esc, f);
	}
	if (len > run)
		fwrite(s + run, 1, len - run, f);
	fputc('"', f);
}

void jsonw_name(struct jsonw *self, const char *name)
{
	jsonw_eor(self);
	jsonw_eol(self);
	self->sep = 0;
	jsonw_quote(self, name, strlen(name));
	fputc(':', self->out);
	if (self->pretty)
		fputc(' ', self->out);
}

static void jsonw_begin(struct jsonw *self, int c)
{
	jsonw_eor(self);
	fputc(c, self->out);
	self->depth++;
	self->sep = 0;
}

static void jsonw_end(struct jsonw *self, int c)
{
	if (self->depth)
		self->depth--;
	if (self->sep)
		jsonw_eol(self);
	fputc(c, self->out);
	self->sep = ',';
}

void jsonw_start_object(struct jsonw *self) { jsonw_begin(self, '{'); }
void jsonw_end_object(struct jsonw *self) { jsonw_end(self, '}'); }
void jsonw_start_array(struct jsonw *self) { jsonw_begin(self, '['); }
void jsonw_end_array(struct jsonw *self) { jsonw_end(self, ']'); }

void jsonw_string(struct jsonw *self, const char *value)
{
	jsonw_eor(self);
	jsonw_quote(self, value, strlen(value));
}

void jsonw_string_len(struct jsonw *self, const char *value, size_t len)
{
	jsonw_eor(self);
	jsonw_quote(self, value, strnlen(value, len));
}

void jsonw_printf(struct jsonw *self, const char *fmt, ...)
{
	va_list ap;

	jsonw_eor(self);
	va_start(ap, fmt);
	vfprintf(self->out, fmt, ap);
	va_end(ap);
}

void jsonw_bool(struct jsonw *self, bool value)
{
	jsonw_eor(self);
	fputs(value ? "true" : "false", self->out);
}

void jsonw_null(struct jsonw *self)
{
	jsonw_eor(self);
	fputs("null", self->out);
}

void jsonw_uint(struct jsonw *self, uint64_t value)
{
	jsonw_printf(self, "%" PRIu64, value);
}

void jsonw_int(struct jsonw *self, int64_t value)
{
	jsonw_printf(self, "%" PRId64, value);
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
	jsonw_printf(self, "\"0x%02hhx\"", b);
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
