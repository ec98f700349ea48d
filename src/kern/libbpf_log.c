// SPDX-License-Identifier: GPL-2.0-only
/* libbpf's log: the default printer and holding it back (libbpf_log.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "libbpf_log.h"
#include "main.h"

/*
 * libbpf's print callback has no context pointer, hence this state; it is
 * only touched by the main thread.
 */
static char first_warn[512];
static libbpf_print_fn_t saved_print;
static int depth;

static int default_print(enum libbpf_print_level level, const char *fmt,
			 va_list ap)
{
	if (level > LIBBPF_WARN && !opts.debug)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void libbpf_log_init(void)
{
	libbpf_set_print(default_print);
}

/* Keep the first warning of a held stretch, without "libbpf: ". */
static int held_print(enum libbpf_print_level level, const char *fmt,
		      va_list ap)
{
	char line[sizeof(first_warn)];
	va_list aq;

	if (opts.debug && saved_print) {
		va_copy(aq, ap);
		saved_print(level, fmt, aq);
		va_end(aq);
	}
	if (level != LIBBPF_WARN || first_warn[0])
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	if (!strncmp(line, "libbpf: ", 8))
		memmove(line, line + 8, strlen(line + 8) + 1);
	snprintf(first_warn, sizeof(first_warn), "%s", line);
	return 0;
}

void libbpf_log_hold(void)
{
	if (depth++)
		return;
	first_warn[0] = '\0';
	saved_print = libbpf_set_print(held_print);
}

const char *libbpf_log_release(void)
{
	if (depth > 0 && !--depth)
		libbpf_set_print(saved_print);
	return first_warn;
}

const char *libbpf_log_first_warn(void)
{
	return first_warn;
}
