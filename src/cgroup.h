/* SPDX-License-Identifier: GPL-2.0-only */
/* cgroup commands; the cgroup opener is shared with "prog attach ... cgroup". */
#ifndef BPFKIT_CGROUP_H
#define BPFKIT_CGROUP_H

/*
 * Open a cgroup v2 directory (O_RDONLY | O_DIRECTORY): a path outside
 * cgroup2 is refused by name, where the kernel's attach would only say
 * EBADF. fd, or -1 after reporting an error.
 */
int open_cgroup(const char *path);

#endif
