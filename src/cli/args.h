/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Argument cursor: handlers walk their words through one of these instead
 * of juggling argc/argv by hand. Keywords are prefix-matched as bpftool does.
 */
#ifndef BPFKIT_ARGS_H
#define BPFKIT_ARGS_H

#include <stdbool.h>
#include <linux/types.h>

struct argcur {
	int argc;
	char **argv;
};

#define ARGCUR(c, n, v) struct argcur c = { .argc = (n), .argv = (v) }

static inline bool arg_more(const struct argcur *c) { return c->argc > 0; }
static inline const char *arg_peek(const struct argcur *c)
{
	return c->argc > 0 ? c->argv[0] : NULL;
}
/* Consume and return the current word (NULL when none is left). */
const char *arg_next(struct argcur *c);
/* Does the current word match keyword kw (as a prefix)? Does not consume. */
bool arg_is(const struct argcur *c, const char *kw);
/* Consume the current word if it matches kw. */
bool arg_take(struct argcur *c, const char *kw);
/*
 * Consume a number (strtoul base 0: 0x10 and 020 work). On failure report
 * "can't parse WORD as WHAT" (or "WHAT is missing") and return -1.
 */
int arg_u32(struct argcur *c, __u32 *v, const char *what);
int arg_u64(struct argcur *c, __u64 *v, const char *what);
/* Strict parse of a whole word; 0 on success, -1 without reporting. */
int parse_u32(const char *s, __u32 *v);
int parse_u64(const char *s, __u64 *v);
/* Fail with "too many arguments" style message if words are left. */
int arg_done(const struct argcur *c);

#endif
