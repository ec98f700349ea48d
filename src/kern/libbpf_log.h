/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one place libbpf's log goes through. By default its warnings reach
 * stderr (everything under -d); a command that says what went wrong in
 * its own words holds the log back around its libbpf calls.
 */
#ifndef BPFKIT_LIBBPF_LOG_H
#define BPFKIT_LIBBPF_LOG_H

/* Install the default printer (main, once). */
void libbpf_log_init(void);
/*
 * Hold back libbpf's messages (still shown under -d) until the matching
 * release, which returns the first warning ("" if none) for our own
 * message. Holds nest: only the outermost release restores printing.
 */
void libbpf_log_hold(void);
const char *libbpf_log_release(void);
/* That first warning again, until the next hold. */
const char *libbpf_log_first_warn(void);

#endif
