// SPDX-License-Identifier: GPL-2.0-only
/* Argument cursor and strict number parsing. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "args.h"
#include "main.h"

const char *arg_next(struct argcur *c)
{
	if (c->argc <= 0)
		return NULL;
	c->argc--;
	return *c->argv++;
}

bool arg_is(const struct argcur *c, const char *kw)
{
	return c->argc > 0 && is_prefix(c->argv[0], kw);
}

bool arg_take(struct argcur *c, const char *kw)
{
	if (!arg_is(c, kw))
		return false;
	arg_next(c);
	return true;
}

int parse_u64(const char *s, __u64 *v)
{
	unsigned long long x;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

int parse_u32(const char *s, __u32 *v)
{
	__u64 x;

	if (parse_u64(s, &x) || x > 0xffffffffULL)
		return -1;
	*v = x;
	return 0;
}

/* The next word as a number up to max; reports a missing or bad word. */
static int arg_num(struct argcur *c, __u64 *v, __u64 max, const char *what)
{
	const char *w = arg_next(c);

	if (!w)
		return p_err("%s is missing", what);
	if (parse_u64(w, v) || *v > max)
		return p_err("can't parse %s as %s", w, what);
	return 0;
}

int arg_u64(struct argcur *c, __u64 *v, const char *what)
{
	return arg_num(c, v, UINT64_MAX, what);
}

int arg_u32(struct argcur *c, __u32 *v, const char *what)
{
	__u64 x;
	int err = arg_num(c, &x, UINT32_MAX, what);

	if (!err)
		*v = x;
	return err;
}

int arg_done(const struct argcur *c)
{
	if (c->argc > 0)
		return p_err("too many arguments: unexpected '%s'", c->argv[0]);
	return 0;
}
