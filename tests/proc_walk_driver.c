// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for src/kern/proc_walk.c, linked with it (tests/proc_walk.bats).
 *
 *   proc_walk_driver list PREFIX   every fd whose link starts with PREFIX:
 *                                  "PID COMM FD LINK" and the fdinfo's
 *                                  first line, one line each
 *   proc_walk_driver plist PREFIX  the same, from a walk shared by two
 *                                  threads (lines in no set order)
 *   proc_walk_driver reuse         a process exits and its pid is reused
 *                                  in the middle of the walk: nothing of
 *                                  the new process may be reported
 *   proc_walk_driver hold PATH...  BPF_OBJ_GET each pinned PATH, print
 *                                  "ready", keep the fds until killed
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/bpf.h>
#include <linux/sched.h>

#include "../src/kern/proc_walk.h"

/* one line per fd, each printed whole: the shared walk calls from two threads */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static int list_fd(const struct proc_task *t, const struct proc_fd *f,
		   void *ctx)
{
	char info[4096];

	(void)ctx;
	if (proc_fdinfo(t, f->fd, info, sizeof(info)) < 0)
		strcpy(info, "-");
	info[strcspn(info, "\n")] = '\0';
	pthread_mutex_lock(&out_lock);
	printf("%d %s %d %s %s\n", t->pid, t->comm, f->fd, f->link, info);
	pthread_mutex_unlock(&out_lock);
	return 0;
}

static void *run_walk(void *w)
{
	/* as the holder walk's thread does */
	unshare(CLONE_FILES);
	proc_walk_run(w);
	return NULL;
}

static int cmd_list(const char *prefix, bool shared)
{
	const char *prefixes[] = { prefix, NULL };
	struct proc_walk_ops ops = {
		.link_prefixes = prefixes,
		.on_fd = list_fd,
	};
	struct proc_walk *w;
	pthread_t th;

	if (!shared)
		return proc_walk(&ops, NULL, NULL) ? 1 : 0;
	w = proc_walk_new(&ops, NULL);
	if (!w || pthread_create(&th, NULL, run_walk, w))
		return 1;
	proc_walk_run(w);
	pthread_join(th, NULL);
	return proc_walk_end(w, NULL) ? 1 : 0;
}

/* A child named NAME holding a memfd named NAME; "ready" on the pipe. */
static void child_body(const char *name, int wfd)
{
	prctl(PR_SET_NAME, name);
	if (memfd_create(name, 0) < 0)
		_exit(2);
	if (write(wfd, "r", 1) != 1)
		_exit(2);
	for (;;)
		pause();
}

/* Start a child, with pid set_tid when nonzero (clone3 needs root). */
static pid_t spawn(const char *name, pid_t set_tid)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	int pfd[2];
	pid_t pid;
	char c;

	if (set_tid) {
		args.set_tid = (unsigned long)&set_tid;
		args.set_tid_size = 1;
	}
	if (pipe(pfd))
		return -1;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		child_body(name, pfd[1]);
	close(pfd[1]);
	if (pid > 0 && read(pfd[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(pfd[0]);
	return pid;
}

struct reuse {
	pid_t victim, impostor;
	int swapped;		/* the pid was reused under the walk */
	int leaks;		/* reports of the impostor */
	int seen;		/* the victim's task was reached */
};

/* Kill the victim and give its pid to a new process. */
static int swap_pid(struct reuse *r)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	kill(r->victim, SIGKILL);
	waitpid(r->victim, NULL, 0);
	r->impostor = spawn("pwimpostor", r->victim);
	if (r->impostor != r->victim) {
		fprintf(stderr, "could not reuse pid %d: %s\n", r->victim,
			strerror(errno));
		return -1;
	}
	/*
	 * by pid, /proc now shows the new process: a path walk would mix.
	 * Read with plain open/read: the precondition must not depend on
	 * the code under test.
	 */
	snprintf(path, sizeof(path), "/proc/%d/comm", r->victim);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n >= 10 && !strncmp(buf, "pwimpostor", 10))
		r->swapped = 1;
	return 0;
}

/*
 * At the victim's first matching fd, reuse its pid; from then on nothing
 * read through the walk may come from the new process, whose memfd has
 * the same fd number.
 */
static int reuse_fd(const struct proc_task *t, const struct proc_fd *f,
		    void *ctx)
{
	struct reuse *r = ctx;
	char info[256];

	if (t->pid != r->victim)
		return 0;
	r->seen++;
	if (r->seen == 1 && swap_pid(r))
		return 1;
	if (strstr(f->link, "pwimpostor") ||
	    strncmp(t->comm, "pwvictim", 8)) {
		fprintf(stderr, "new process reported: comm %s fd %d %s\n",
			t->comm, f->fd, f->link);
		r->leaks++;
	}
	if (proc_fdinfo(t, f->fd, info, sizeof(info)) >= 0) {
		fprintf(stderr, "fdinfo %d read after the pid was reused\n",
			f->fd);
		r->leaks++;
	}
	if (proc_read_at(t->dirfd, "comm", info, sizeof(info)) >= 0) {
		fprintf(stderr, "comm read after the pid was reused: %s",
			info);
		r->leaks++;
	}
	return 0;
}

static int cmd_reuse(void)
{
	static const char *const prefixes[] = { "/memfd:pw", NULL };
	struct proc_walk_ops ops = {
		.link_prefixes = prefixes,
		.on_fd = reuse_fd,
	};
	struct reuse r = { 0 };

	r.victim = spawn("pwvictim", 0);
	if (r.victim < 0) {
		perror("spawn");
		return 1;
	}
	proc_walk(&ops, &r, NULL);
	kill(r.victim, SIGKILL);
	waitpid(r.victim, NULL, 0);
	/* the walk missing a live process is the walker's bug, not luck */
	if (!r.seen) {
		printf("FAIL: pid %d not walked\n", r.victim);
		return 1;
	}
	if (!r.swapped) {
		printf("skip: pid %d not reused\n", r.victim);
		return 0;
	}
	printf("%s: pid %d reused during the walk, %d leak(s)\n",
	       r.leaks ? "FAIL" : "ok", r.victim, r.leaks);
	return r.leaks ? 1 : 0;
}

static int cmd_hold(int argc, char **argv)
{
	union bpf_attr attr;
	int i;

	for (i = 0; i < argc; i++) {
		memset(&attr, 0, sizeof(attr));
		attr.pathname = (unsigned long)argv[i];
		if (syscall(SYS_bpf, BPF_OBJ_GET, &attr, sizeof(attr)) < 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "list"))
		return cmd_list(argv[2], false);
	if (argc == 3 && !strcmp(argv[1], "plist"))
		return cmd_list(argv[2], true);
	if (argc == 2 && !strcmp(argv[1], "reuse"))
		return cmd_reuse();
	if (argc >= 3 && !strcmp(argv[1], "hold"))
		return cmd_hold(argc - 2, argv + 2);
	fprintf(stderr, "usage: %s { list | plist } PREFIX | reuse | hold PATH...\n",
		argv[0]);
	return 2;
}
