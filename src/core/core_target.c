// SPDX-License-Identifier: GPL-2.0-only
/*
 * Targets for "core check": a thin layer over the shared BTF sources
 * (btf_src.h), which read raw BTF, ELF .BTF and btfhub archives and walk
 * directories.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/btf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <bpf/btf.h>

#include "btf_src.h"
#include "core_target.h"

#define SYSFS_BTF	"/sys/kernel/btf/vmlinux"

static int nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "out of memory");
	return -1;
}

static int push(struct core_target **list, int *cnt, const char *label,
		const char *path)
{
	struct core_target *n = realloc(*list, (*cnt + 1) * sizeof(*n));

	if (!n)
		return -1;
	*list = n;
	n[*cnt].label = strdup(label);
	n[*cnt].path = path ? strdup(path) : NULL;
	if (!n[*cnt].label || (path && !n[*cnt].path)) {
		free(n[*cnt].label);
		free(n[*cnt].path);
		return -1;
	}
	(*cnt)++;
	return 0;
}

/*
 * A module's raw split BTF: its string section does not start with the
 * empty string, it continues vmlinux's. Not a kernel of its own, so a
 * directory walk passes over it.
 */
static bool is_split_btf(const char *path)
{
	struct btf_header h;
	bool split = false;
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (pread(fd, &h, sizeof(h), 0) == sizeof(h) && h.magic == BTF_MAGIC &&
	    pread(fd, &c, 1, (off_t)h.hdr_len + h.str_off) == 1)
		split = c != '\0';
	close(fd);
	return split;
}

int core_target_add(struct core_target **list, int *cnt, const char *path,
		    char *err, size_t errlen)
{
	struct btf_err e;
	struct stat st;
	char **paths;
	int i, n, ret = 0, before = *cnt;
	bool dir;

	if (!path)
		return push(list, cnt, SYSFS_BTF, NULL) ? nomem(err, errlen) : 0;
	if (btf_src_expand(path, &paths, &n, &e)) {
		snprintf(err, errlen, "%s", e.msg);
		return -1;
	}
	dir = !stat(path, &st) && S_ISDIR(st.st_mode);
	for (i = 0; i < n && !ret; i++) {
		if (dir && is_split_btf(paths[i]))
			continue;
		if (push(list, cnt, paths[i], paths[i]))
			ret = nomem(err, errlen);
	}
	if (!ret && *cnt == before) {
		snprintf(err, errlen, "%s: no kernel BTF found", path);
		ret = -1;
	}
	btf_src_paths_free(paths, n);
	return ret;
}

void core_target_list_free(struct core_target *list, int cnt)
{
	int i;

	for (i = 0; i < cnt; i++) {
		free(list[i].label);
		free(list[i].path);
	}
	free(list);
}

int core_target_load(const struct core_target *t, struct core_target_btf *out,
		     char *err, size_t errlen)
{
	struct btf_src src;
	struct btf_err e;
	int ret;

	memset(out, 0, sizeof(*out));
	if (t->path)
		ret = btf_src_load(t->path, NULL, BTF_SRC_VIEW, &src, &e);
	else
		ret = btf_src_load_vmlinux(&src, &e);
	if (ret) {
		snprintf(err, errlen, "%s", e.msg);
		return -1;
	}
	/* the view stays ours; the rest of the source is not needed */
	out->view = src.view;
	out->btf = src.btf;
	out->release = src.release;
	out->archive = src.origin == BTF_ORIGIN_ARCHIVE;
	src.btf = NULL;
	src.release = NULL;
	memset(&src.view, 0, sizeof(src.view));
	btf_src_free(&src);
	return 0;
}

void core_target_btf_free(struct core_target_btf *b)
{
	if (!b->btf)
		btf_view_free(&b->view);
	btf__free(b->btf);
	free(b->release);
	memset(b, 0, sizeof(*b));
}
