// SPDX-License-Identifier: GPL-2.0-only
/* Transactional output files: the rules are in atomic_out.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "atomic_out.h"
#include "main.h"

#define MAX_LINKS	40	/* as the kernel's path walk */

/*
 * Temporaries a signal must remove. Plain arrays, because the handler may
 * only call async-signal-safe functions; a slot is filled and emptied with
 * the signals blocked, so the handler never sees half of it.
 */
#define SLOTS	4
static char slot_path[SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_used[SLOTS];
static const int cleanup_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void on_signal(int sig)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slot_used[i])
			unlink(slot_path[i]);
	/* SA_RESETHAND put the default back: die of the same signal */
	raise(sig);
}

static void install_handlers(void)
{
	static bool done;
	struct sigaction sa = {
		.sa_handler = on_signal,
		.sa_flags = SA_RESETHAND | SA_NODEFER,
	}, old;
	size_t i;

	if (done)
		return;
	done = true;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(cleanup_sigs) / sizeof(cleanup_sigs[0]); i++) {
		/* a signal the caller ignores (nohup) stays ignored */
		if (sigaction(cleanup_sigs[i], NULL, &old) ||
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_sigs[i], &sa, NULL);
	}
}

static void block_sigs(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(cleanup_sigs) / sizeof(cleanup_sigs[0]); i++)
		sigaddset(&set, cleanup_sigs[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void slot_release(int slot)
{
	if (slot >= 0)
		slot_used[slot] = 0;
}

/*
 * The final target of path: symlinks in the last component are followed,
 * so the file they point to is replaced and the link stays a link.
 */
static char *resolve(const char *path, int *err)
{
	char *cur = strdup(path), *next, link[PATH_MAX];
	struct stat st;
	ssize_t n;
	int i;

	for (i = 0; cur && i < MAX_LINKS; i++) {
		const char *slash;

		if (lstat(cur, &st) || !S_ISLNK(st.st_mode))
			return cur;	/* a missing file is created */
		n = readlink(cur, link, sizeof(link) - 1);
		if (n < 0) {
			*err = -errno;
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash)
			next = strdup(link);
		else if (asprintf(&next, "%.*s/%s", (int)(slash - cur), cur,
				  link) < 0)
			next = NULL;
		free(cur);
		cur = next;
	}
	*err = cur ? -ELOOP : -ENOMEM;
	free(cur);
	return NULL;
}

/*
 * path.XXXXXX beside path; the base name is shortened so the temporary's
 * name still fits in NAME_MAX.
 */
static char *tmp_name(const char *path)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t blen = strlen(path + dlen);
	unsigned char rnd[6];
	char *t;
	int i;

	if (blen > NAME_MAX - 7)
		blen = NAME_MAX - 7;
	if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != sizeof(rnd)) {
		unsigned long x = (unsigned long)clock() ^ (getpid() << 16);

		for (i = 0; i < 6; i++, x = x * 6364136223846793005UL + 1)
			rnd[i] = x >> 33;
	}
	if (asprintf(&t, "%.*s%.*s.XXXXXX", (int)dlen, path, (int)blen,
		     path + dlen) < 0)
		return NULL;
	for (i = 0; i < 6; i++)
		t[strlen(t) - 6 + i] = set[rnd[i] % (sizeof(set) - 1)];
	return t;
}

/* Create the temporary and register it for signal cleanup, atomically. */
static int create_tmp(struct out_file *of, mode_t mode)
{
	sigset_t old;
	int tries, slot, err;

	install_handlers();
	for (tries = 0; tries < 100; tries++) {
		of->tmp = tmp_name(of->path);
		if (!of->tmp)
			return -ENOMEM;
		if (strlen(of->tmp) >= PATH_MAX) {
			free(of->tmp);
			of->tmp = NULL;
			return -ENAMETOOLONG;
		}
		block_sigs(&old);
		for (slot = 0; slot < SLOTS && slot_used[slot]; slot++)
			;
		/* the kernel applies the umask (and default ACLs) */
		of->fd = open(of->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			      mode);
		err = errno;
		if (of->fd >= 0 && slot < SLOTS) {
			/* fits: checked against PATH_MAX above */
			memcpy(slot_path[slot], of->tmp, strlen(of->tmp) + 1);
			slot_used[slot] = 1;
			of->slot = slot;
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (of->fd >= 0)
			return 0;
		free(of->tmp);
		of->tmp = NULL;
		if (err != EEXIST)
			return -err;
	}
	return -EEXIST;
}

int out_file_open(struct out_file *of, const char *path, mode_t mode)
{
	struct stat st;
	int err = 0;

	memset(of, 0, sizeof(*of));
	of->fd = -1;
	of->slot = -1;
	if (!*path)
		return -ENOENT;
	of->path = resolve(path, &err);
	if (!of->path)
		return err;
	if (!stat(of->path, &st)) {
		if (!S_ISREG(st.st_mode)) {
			/* a device, FIFO, socket...: write through, never replace */
			of->fd = open(of->path, O_WRONLY | O_CLOEXEC);
			if (of->fd >= 0)
				return 0;
			err = -errno;
			free(of->path);
			of->path = NULL;
			return err;
		}
		of->keep_attrs = true;
		of->mode = st.st_mode & 07777;
		of->uid = st.st_uid;
		of->gid = st.st_gid;
	}
	err = create_tmp(of, mode);
	if (err) {
		free(of->path);
		of->path = NULL;
	}
	return err;
}

static void out_file_free(struct out_file *of)
{
	free(of->path);
	free(of->tmp);
	of->path = of->tmp = NULL;
	of->fd = -1;
	of->slot = -1;
}

void out_file_abort(struct out_file *of)
{
	sigset_t old;

	if (of->fd >= 0)
		close(of->fd);
	if (of->tmp) {
		block_sigs(&old);
		unlink(of->tmp);
		slot_release(of->slot);
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	out_file_free(of);
}

int out_file_commit(struct out_file *of)
{
	sigset_t old;
	int err = 0;

	if (!of->tmp) {		/* written in place */
		if (close(of->fd))
			err = -errno;
		out_file_free(of);
		return err;
	}
	if (of->keep_attrs) {
		/* owner first: chown clears set-id bits that chmod restores */
		if (fchown(of->fd, of->uid, of->gid) && errno != EPERM)
			err = -errno;
		if (!err && fchmod(of->fd, of->mode))
			err = -errno;
	}
	if (!err && fsync(of->fd))
		err = -errno;
	if (close(of->fd) && !err)
		err = -errno;
	of->fd = -1;
	if (err) {
		out_file_abort(of);
		return err;
	}
	block_sigs(&old);
	if (rename(of->tmp, of->path)) {
		err = -errno;
		unlink(of->tmp);
	}
	slot_release(of->slot);
	sigprocmask(SIG_SETMASK, &old, NULL);
	out_file_free(of);
	return err;
}

static int out_file_put(struct out_file *of, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(of->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= n;
	}
	return 0;
}

int out_file_write(const char *path, const void *buf, size_t len, mode_t mode,
		   bool *at_open)
{
	struct out_file of;
	int err;

	err = out_file_open(&of, path, mode);
	*at_open = err != 0;
	if (err)
		return err;
	err = out_file_put(&of, buf, len);
	if (err) {
		out_file_abort(&of);
		return err;
	}
	return out_file_commit(&of);
}

/* ---- -o FILE ------------------------------------------------------------ */

static struct out_file stdout_file = { .fd = -1, .slot = -1 };

int atomic_out_begin(const char *path)
{
	int err;

	if (!*path)
		return p_err("empty output file name");
	/* a text file: 0666 less the umask, as a shell redirection makes it */
	err = out_file_open(&stdout_file, path, 0666);
	if (err)
		return p_err("can't create a temporary file for '%s': %s",
			     path, strerror(-err));
	fflush(stdout);
	if (dup2(stdout_file.fd, STDOUT_FILENO) < 0) {
		err = errno;
		out_file_abort(&stdout_file);
		return p_err("can't redirect output: %s", strerror(err));
	}
	close(stdout_file.fd);
	stdout_file.fd = STDOUT_FILENO;
	return 0;
}

int atomic_out_end(bool ok)
{
	char *path = stdout_file.path ? strdup(stdout_file.path) : NULL;
	int err = 0;

	if (fflush(stdout) || ferror(stdout))
		err = errno ? -errno : -EIO;
	/* stdout's fd is ours to close: keep fd 1 taken by /dev/null */
	stdout_file.fd = dup(STDOUT_FILENO);
	if (!ok || err || stdout_file.fd < 0) {
		if (stdout_file.fd < 0 && !err)
			err = -errno;
		out_file_abort(&stdout_file);
	} else {
		err = out_file_commit(&stdout_file);
	}
	if (ok && err)
		p_err("writing '%s' failed: %s", path ? path : "output",
		      strerror(-err));
	free(path);
	return ok && !err ? 0 : -1;
}

int atomic_write_file(const char *path, const void *buf, size_t len)
{
	bool at_open;
	int err = out_file_write(path, buf, len, 0666, &at_open);

	if (err)
		return p_err("writing '%s' failed: %s", path, strerror(-err));
	return 0;
}
