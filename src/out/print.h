/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One call per field, for output whose plain and JSON forms carry the same
 * fields (iproute2's print_*(PRINT_ANY, ...) idea): under -j the call
 * writes "key": value through the shared writer, otherwise it prints the
 * plain fragment fmt (one conversion for the value). A field that only
 * one form has is printed with the _if variants or print_text/print_nl.
 */
#ifndef BPFKIT_PRINT_H
#define BPFKIT_PRINT_H

#include <stdbool.h>
#include <linux/types.h>

/* plain only: start a new indented line ("\n\t") */
void print_nl(void);
/* plain only: free text */
void print_text(const char *s);
/* JSON: end the object (array); plain: the text, if any */
void print_end_object(const char *text);
void print_end_array(const char *text);
/* JSON "key": v always; plain fmt (one %llu/%llx) only when shown */
void print_u_if(bool shown, const char *key, const char *fmt, __u64 v);
void print_u(const char *key, const char *fmt, __u64 v);
void print_i(const char *key, const char *fmt, __s64 v);	/* %lld */
void print_s_if(bool shown, const char *key, const char *fmt, const char *s);
void print_s(const char *key, const char *fmt, const char *s);
/* JSON only */
void print_bool(const char *key, bool v);
/* JSON: the number; plain: text already formatted by the caller */
void print_u_as(const char *key, __u64 v, const char *text);
/* A named value: plain "key name  " or "key N  "; JSON string or number. */
void print_named(const char *key, const char *name, __u64 v);

#endif
