// SPDX-License-Identifier: GPL-2.0-only
/* Atomic replacement of the -o output file. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "atomic_out.h"
#include "main.h"

/* A temporary next to path, named in tmp_path; its fd, or -1 after p_err. */
static int make_tmp(const char *path, char *tmp_path, size_t tmpsz)
{
	int fd;

	if (!*path)
		return p_err("empty output file name");
	if ((size_t)snprintf(tmp_path, tmpsz, "%s.XXXXXX", path) >=
	    tmpsz)
		return p_err("output path too long: %s", path);
	fd = mkstemp(tmp_path);
	if (fd < 0)
		return p_err("can't create a temporary file for '%s': %s",
			     path, strerror(errno));
	/* a new file gets the usual 0644, not mkstemp's 0600 */
	fchmod(fd, 0644 & ~umask(umask(0)));
	return fd;
}

int atomic_out_begin(const char *path, char *tmp_path, size_t tmpsz)
{
	int fd = make_tmp(path, tmp_path, tmpsz);

	if (fd < 0)
		return -1;
	fflush(stdout);
	if (dup2(fd, STDOUT_FILENO) < 0) {
		close(fd);
		unlink(tmp_path);
		return p_err("can't redirect output: %s", strerror(errno));
	}
	close(fd);
	return 0;
}

int atomic_out_end(const char *path, const char *tmp_path, bool ok)
{
	int err = 0;

	if (fflush(stdout) || ferror(stdout) || fsync(STDOUT_FILENO))
		err = errno ? errno : EIO;
	if (!ok || err) {
		unlink(tmp_path);
		if (ok)
			return p_err("writing '%s' failed: %s", path,
				     strerror(err));
		return -1;
	}
	if (rename(tmp_path, path)) {
		err = errno;
		unlink(tmp_path);
		return p_err("can't rename output into '%s': %s", path,
			     strerror(err));
	}
	return 0;
}

int atomic_write_file(const char *path, const void *buf, size_t len)
{
	char tmp[PATH_MAX];
	const char *p = buf;
	int fd, err = 0;
	ssize_t n;

	fd = make_tmp(path, tmp, sizeof(tmp));
	if (fd < 0)
		return -1;
	while (len && !err) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? errno : EIO;
		else {
			p += n;
			len -= n;
		}
	}
	if (!err && fsync(fd))
		err = errno;
	if (close(fd) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;
	if (err) {
		unlink(tmp);
		return p_err("writing '%s' failed: %s", path, strerror(err));
	}
	return 0;
}
