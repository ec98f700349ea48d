// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog pin, map pin, link pin: OBJECT pin HANDLE FILE. The three differ only
 * in how the handle is parsed.
 */
#include <errno.h>
#include <unistd.h>

#include "handle.h"
#include "main.h"
#include "pin.h"

int do_pin_any(int argc, char **argv, int (*parse_fd)(struct argcur *c))
{
	ARGCUR(c, argc, argv);
	const char *path;
	int fd, err;

	/* bpftool's argument check returns -EINVAL: exit 234 */
	if (argc < 3)
		return p_err_errno(EINVAL, "'%s' needs at least 3 arguments, %d found",
				   argv[-1], argc);
	fd = parse_fd(&c);
	if (fd < 0)
		return fd;	/* a link's -errno is the exit code */
	path = arg_next(&c);
	if (!path)
		err = usage();
	else
		err = arg_done(&c) ?: pin_fd_at(fd, path);
	close(fd);
	return cmd_done(err);
}
