/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Streaming JSON writer whose compact and pretty layouts match bpftool's
 * byte for byte, but which escapes every control character so the output
 * is always valid JSON.
 */
#ifndef BPFKIT_JSON_WRITER_H
#define BPFKIT_JSON_WRITER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct jsonw;

/*
 * The escape sequence of byte c inside a JSON string, or NULL when c stands
 * for itself. buf (7 bytes) holds \u00XX forms. Shared with map dumps,
 * which quote into their own buffer.
 */
const char *json_escape(unsigned char c, char buf[7]);

struct jsonw *jsonw_new(FILE *f);
void jsonw_destroy(struct jsonw **self_p);
void jsonw_pretty(struct jsonw *self, bool on);
/* Restart at depth 0 (batch mode reuses one writer for its outer array). */
void jsonw_reset(struct jsonw *self);
FILE *jsonw_file(struct jsonw *self);
unsigned int jsonw_depth(const struct jsonw *self);

void jsonw_name(struct jsonw *self, const char *name);
void jsonw_start_object(struct jsonw *self);
void jsonw_end_object(struct jsonw *self);
void jsonw_start_array(struct jsonw *self);
void jsonw_end_array(struct jsonw *self);

void jsonw_string(struct jsonw *self, const char *value);
/* String of at most len bytes (not NUL-terminated input). */
void jsonw_string_len(struct jsonw *self, const char *value, size_t len);
void jsonw_printf(struct jsonw *self, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));	/* raw, unquoted value */
void jsonw_bool(struct jsonw *self, bool value);
void jsonw_null(struct jsonw *self);
void jsonw_uint(struct jsonw *self, uint64_t value);
void jsonw_int(struct jsonw *self, int64_t value);
void jsonw_float(struct jsonw *self, double value);	/* "%g" */
void jsonw_hex_byte(struct jsonw *self, unsigned char b);	/* "0x0a" */

/* key + value in one call */
void jsonw_string_field(struct jsonw *self, const char *prop, const char *val);
void jsonw_bool_field(struct jsonw *self, const char *prop, bool value);
void jsonw_uint_field(struct jsonw *self, const char *prop, uint64_t value);
void jsonw_int_field(struct jsonw *self, const char *prop, int64_t value);
void jsonw_null_field(struct jsonw *self, const char *prop);

#endif
