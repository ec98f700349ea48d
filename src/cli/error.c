// SPDX-License-Identifier: GPL-2.0-only
/* The reporting funnel: every message to the user goes through here. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/capability.h>
#include <sys/stat.h>

#include "main.h"

static void vreport(const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* a message is one line, whatever a caller or strerror() handed us */
	msg[strcspn(msg, "\n")] = '\0';
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "error", msg);
		jsonw_end_object(json_wtr);
		/* with -o, stdout is a file that a failure throws away */
		if (!opts.output)
			return;
	}
	fflush(stdout);
	fprintf(stderr, "Error: %s\n", msg);
}

int p_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

int p_err_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	if (err < 0)
		err = -err;
	return err ? -err : -1;
}

int p_err_cap(int err, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	if (err < 0)
		err = -err;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return p_err("%s: %s%s", msg, strerror(err), cap_hint(err));
}

void p_info(const char *fmt, ...)
{
	va_list ap;

	if (json_wtr)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void p_debug(const char *fmt, ...)
{
	va_list ap;

	if (!opts.debug)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool cap_effective(cap_value_t v)
{
	cap_flag_value_t val = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (!caps)
		return true;	/* cannot tell: do not blame capabilities */
	if (cap_get_flag(caps, v, CAP_EFFECTIVE, &val))
		val = CAP_SET;
	cap_free(caps);
	return val == CAP_SET;
}

/*
 * bpf() says EPERM for many reasons; when a capability is really missing,
 * naming it (and the fix) saves the user a trip to the man page.
 */
static const char *cap_missing(void)
{
	if (cap_effective(CAP_SYS_ADMIN))
		return "";
	if (!cap_effective(CAP_BPF))
		return " (missing CAP_BPF: run as root or grant it with setcap cap_bpf,cap_perfmon,cap_net_admin+ep)";
	if (!cap_effective(CAP_PERFMON))
		return " (missing CAP_PERFMON: run as root or grant it with setcap)";
	return " (missing CAP_SYS_ADMIN: run as root)";
}

const char *access_hint(struct access_hint *h, const char *path, int mode,
			int err)
{
	struct stat st;

	if (err < 0)
		err = -err;
	if ((err != EACCES && err != EPERM) ||
	    !faccessat(AT_FDCWD, path, mode, AT_EACCESS) || errno != EACCES)
		return cap_hint(err);
	if (stat(path, &st))	/* a directory above it is closed to us */
		snprintf(h->s, sizeof(h->s),
			 " (file permissions: a directory of %s is closed to this process, uid %u gid %u)",
			 path, geteuid(), getegid());
	else
		snprintf(h->s, sizeof(h->s),
			 " (file permissions: %s is mode %04o, owner uid %u gid %u; this process runs as uid %u gid %u)",
			 path, (unsigned int)(st.st_mode & 07777), st.st_uid,
			 st.st_gid, geteuid(), getegid());
	return h->s;
}

/*
 * libcap may change errno; callers should pass a saved errno, but one
 * that reads errno again in the same message still sees the right one.
 */
const char *cap_hint(int err)
{
	int saved = errno;
	const char *hint;

	if (err < 0)
		err = -err;
	if (err != EPERM && err != EACCES)
		return "";
	hint = cap_missing();
	errno = saved;
	return hint;
}
