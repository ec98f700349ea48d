// SPDX-License-Identifier: GPL-2.0-only
/*
 * Targets for "core check": a thin layer over the shared BTF sources
 * (btf_src.h), which read raw BTF, ELF .BTF and btfhub archives and walk
 * directories.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <bpf/btf.h>

#include "core_target.h"

#define SYSFS_BTF	"/sys/kernel/btf/vmlinux"

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

int core_target_add(struct core_target **list, int *cnt, const char *path,
		    char *err, size_t errlen)
{
	struct stat st;

	if (!path) {
		if (push(list, cnt, SYSFS_BTF, NULL))
			goto nomem;
		return 0;
	}
	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: directories are not supported yet",
			 path);
		return -1;
	}
	if (push(list, cnt, path, path))
		goto nomem;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
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
	struct utsname u;

	memset(out, 0, sizeof(*out));
	out->btf = btf__parse(t->path ? t->path : SYSFS_BTF, NULL);
	if (!out->btf) {
		snprintf(err, errlen, "%s: cannot read BTF: %s", t->label,
			 strerror(errno));
		return -1;
	}
	if (!t->path && !uname(&u))
		out->release = strdup(u.release);
	return 0;
}

void core_target_btf_free(struct core_target_btf *b)
{
	btf__free(b->btf);
	free(b->release);
	memset(b, 0, sizeof(*b));
}
