// SPDX-License-Identifier: GPL-2.0-only
/* The one kallsyms loader (see ksyms.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "ksyms.h"
#include "sorted.h"

struct ksym_rec {
	unsigned long addr;
	size_t name;		/* offsets into ksyms.pool */
	size_t module;		/* 0: none (the pool starts with a NUL) */
};

struct ksyms {
	struct ksym_rec *v;
	size_t n, cap;
	char *pool;
	size_t plen, pcap;
	unsigned long call_base;
};

/* Append len bytes and a NUL to the pool; its offset, or 0 when full. */
static size_t pool_add(struct ksyms *ks, const char *s, size_t len)
{
	size_t off;

	if (ARRAY_RESERVE(ks->pool, ks->pcap, ks->plen + len + 1, 1 << 20))
		return 0;
	off = ks->plen;
	memcpy(ks->pool + off, s, len);
	ks->pool[off + len] = '\0';
	ks->plen += len + 1;
	return off;
}

static int ksyms_add(struct ksyms *ks, unsigned long addr, const char *name,
		     size_t len, const char *mod, size_t mlen)
{
	struct ksym_rec *r;

	if (ARRAY_RESERVE(ks->v, ks->cap, ks->n + 1, 4096))
		return -1;
	r = &ks->v[ks->n];
	r->addr = addr;
	r->name = pool_add(ks, name, len);
	r->module = mod ? pool_add(ks, mod, mlen) : 0;
	if (!r->name || (mod && !r->module))
		return -1;
	ks->n++;
	return 0;
}

/*
 * "ffffffff814dccd0 T name\t[module]": 0 and the fields, or -1 for a
 * line of another shape.
 */
static int parse_line(const char *line, unsigned long *addr,
		      const char **name, size_t *len, const char **mod,
		      size_t *mlen)
{
	const char *p;
	char *end;

	*addr = strtoul(line, &end, 16);
	if (end == line || (*end != ' ' && *end != '\t'))
		return -1;
	p = end + strspn(end, " \t");
	if (!*p || isspace((unsigned char)*p))
		return -1;
	p++;			/* symbol type */
	if (*p != ' ' && *p != '\t')
		return -1;
	p += strspn(p, " \t");
	*len = strcspn(p, " \t\n");
	if (!*len)
		return -1;
	*name = p;
	p += *len;
	p += strspn(p, " \t");
	*mod = NULL;
	if (*p == '[') {
		*mlen = strcspn(p + 1, "]\n");
		*mod = p + 1;
	}
	return 0;
}

/* By address, then file order (pool offsets grow with it). */
static int rec_cmp(const void *a, const void *b)
{
	const struct ksym_rec *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

struct ksyms *ksyms_read(FILE *f)
{
	struct ksyms *ks = calloc(1, sizeof(*ks));
	const char *name, *mod;
	unsigned long addr;
	size_t len, mlen, cap = 0;
	char *line = NULL;

	if (!ks)
		return NULL;
	if (!pool_add(ks, "", 0) && !ks->pool) {
		free(ks);
		return NULL;
	}
	/* whole lines: the tail of a cut one would parse as a symbol */
	while (f && getline(&line, &cap, f) > 0) {
		if (parse_line(line, &addr, &name, &len, &mod, &mlen))
			continue;
		if (len == 15 && !memcmp(name, "__bpf_call_base", 15)) {
			ks->call_base = addr;
			/* kptr_restrict hides every address: trust none */
			if (!addr) {
				ks->n = 0;
				break;
			}
		}
		if (addr && ksyms_add(ks, addr, name, len, mod, mlen)) {
			ks->n = 0;	/* out of memory: no names at all */
			break;
		}
	}
	free(line);
	if (ks->n)
		qsort(ks->v, ks->n, sizeof(*ks->v), rec_cmp);
	return ks;
}

struct ksyms *ksyms_load(void)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	struct ksyms *ks = ksyms_read(f);

	if (f)
		fclose(f);
	return ks;
}

void ksyms_free(struct ksyms *ks)
{
	if (!ks)
		return;
	free(ks->v);
	free(ks->pool);
	free(ks);
}

size_t ksyms_count(const struct ksyms *ks)
{
	return ks ? ks->n : 0;
}

bool ksyms_lookup(const struct ksyms *ks, unsigned long addr,
		  struct ksym *out)
{
	size_t lo;

	if (!ks)
		return false;
	lo = LOWER_BOUND(ks->v, ks->n, addr, addr);
	if (lo == ks->n || ks->v[lo].addr != addr)
		return false;
	out->addr = addr;
	out->name = ks->pool + ks->v[lo].name;
	out->module = ks->v[lo].module ? ks->pool + ks->v[lo].module : NULL;
	return true;
}

const char *ksyms_find(const struct ksyms *ks, unsigned long addr)
{
	struct ksym s;

	return ksyms_lookup(ks, addr, &s) ? s.name : NULL;
}

unsigned long ksyms_call_base(const struct ksyms *ks)
{
	return ks ? ks->call_base : 0;
}
