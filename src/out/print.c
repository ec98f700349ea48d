// SPDX-License-Identifier: GPL-2.0-only
/* One call per field, plain or JSON: see print.h. */
#include <stdio.h>

#include "main.h"
#include "print.h"

void print_nl(void)
{
	if (!json_wtr)
		printf("\n\t");
}

void print_text(const char *s)
{
	if (!json_wtr)
		fputs(s, stdout);
}

void print_end_object(const char *text)
{
	if (json_wtr)
		jsonw_end_object(json_wtr);
	else if (text)
		fputs(text, stdout);
}

void print_end_array(const char *text)
{
	if (json_wtr)
		jsonw_end_array(json_wtr);
	else if (text)
		fputs(text, stdout);
}

void print_u_if(bool shown, const char *key, const char *fmt, __u64 v)
{
	if (json_wtr)
		jsonw_uint_field(json_wtr, key, v);
	else if (shown)
		printf(fmt, (unsigned long long)v);
}

void print_u(const char *key, const char *fmt, __u64 v)
{
	print_u_if(true, key, fmt, v);
}

void print_i(const char *key, const char *fmt, __s64 v)
{
	if (json_wtr)
		jsonw_int_field(json_wtr, key, v);
	else
		printf(fmt, (long long)v);
}

void print_s_if(bool shown, const char *key, const char *fmt, const char *s)
{
	if (json_wtr)
		jsonw_string_field(json_wtr, key, s);
	else if (shown)
		printf(fmt, s);
}

void print_s(const char *key, const char *fmt, const char *s)
{
	print_s_if(true, key, fmt, s);
}

void print_bool(const char *key, bool v)
{
	if (json_wtr)
		jsonw_bool_field(json_wtr, key, v);
}

void print_u_as(const char *key, __u64 v, const char *text)
{
	if (json_wtr)
		jsonw_uint_field(json_wtr, key, v);
	else
		fputs(text, stdout);
}

void print_named(const char *key, const char *name, __u64 v)
{
	if (json_wtr) {
		if (name)
			jsonw_string_field(json_wtr, key, name);
		else
			jsonw_uint_field(json_wtr, key, v);
	} else if (name) {
		printf("%s %s  ", key, name);
	} else {
		printf("%s %llu  ", key, (unsigned long long)v);
	}
}
