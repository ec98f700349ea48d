/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one reporting funnel. p_err() knows the output mode: "Error: msg" on
 * stderr in plain mode, {"error":"msg"} on stdout at the current nesting
 * point under -j. Messages never end with a newline; these add it.
 */
#ifndef BPFKIT_ERROR_H
#define BPFKIT_ERROR_H

/* Always returns -1 so handlers can "return p_err(...)". */
int p_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like p_err() but returns -err (a positive errno), for exit code 256-errno. */
int p_err_errno(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * "MSG: strerror(err)" and, for EPERM/EACCES, the missing capability
 * (cap_hint()); err is an errno, either sign, saved by the caller. -1.
 */
int p_err_cap(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Informational line on stderr; silent under -j. */
void p_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Only under -d. */
void p_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * When a bpf() call failed with EPERM/EACCES, explain which capability is
 * missing. Returns a static string (empty when capabilities look fine).
 */
const char *cap_hint(int err);

struct access_hint {
	char s[4200];
};
/*
 * The hint for an EACCES/EPERM on path, for an access(2) mode: when the
 * path's own permissions deny this process that access, say so (mode,
 * owner, who we are): no capability is at fault then. Otherwise
 * cap_hint(err). The text lives in *h.
 */
const char *access_hint(struct access_hint *h, const char *path, int mode,
			int err);

#endif
