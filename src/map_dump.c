// SPDX-License-Identifier: GPL-2.0-only
/*
 * map dump, and the entry printers shared with lookup/peek/pop.
 *
 * Speed: entries come from BPF_MAP_LOOKUP_BATCH where the kernel offers it
 * for the map type (one syscall per few thousand entries instead of two
 * per entry), and all output is formatted into a memory buffer with table
 * lookups (obuf.c, json_writer.c). The per-element walk (GET_NEXT_KEY + LOOKUP_ELEM)
 * remains for other map types and old kernels, and gives the same output;
 * BPFKIT_NO_BATCH=1 forces it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "btf_value.h"
#include "handle.h"
#include "main.h"
#include "map.h"
#include "json_writer.h"
#include "names.h"

#ifndef ENOTSUPP
#define ENOTSUPP 524
#endif

#define BATCH_MAX_ENTRIES 8192U
#define BATCH_MAX_BYTES (8U << 20)

/* ---------------------------------------------------------------- entries */

static size_t stride_of(const struct bpf_map_info *info)
{
	return ((size_t)info->value_size + 7) & ~(size_t)7;
}

void map_entry_plain(struct obuf *ob, const struct bpf_map_info *info,
		     const unsigned char *key, const unsigned char *value)
{
	__u32 ks = info->key_size, vs = info->value_size;
	bool brk = ks > 16 || vs > 16;
	bool one_line = ks + vs <= 24 && !brk;
	unsigned int i, n;
	char num[24];

	if (map_is_percpu(info->type)) {
		if (ks) {
			obuf_put(ob, "key:\n", 5);
			obuf_hex(ob, key, ks);
			obuf_putc(ob, '\n');
		}
		if (!vs)
			return;
		n = map_ncpus();
		for (i = 0; i < n; i++) {
			obuf_printf(ob, "value (CPU %02u):%c", i,
				    vs > 16 ? '\n' : ' ');
			obuf_hex(ob, value + i * stride_of(info), vs);
			obuf_putc(ob, '\n');
		}
		return;
	}
	if (ks) {
		obuf_puts(ob, brk ? "key:\n" : "key: ");
		obuf_hex(ob, key, ks);
		obuf_puts(ob, one_line ? "  " : "\n");
	}
	if (vs && map_is_of_maps(info->type)) {
		__u32 id;

		/* upstream prints the inner map's id (7.3+), with a blank */
		memcpy(&id, value, sizeof(id));
		obuf_puts(ob, brk ? "inner_map_id:\n" : "inner_map_id: ");
		obuf_put(ob, num, fmt_u64(num, id));
		obuf_putc(ob, ' ');
	} else if (vs) {
		obuf_puts(ob, brk ? "value:\n" : "value: ");
		obuf_hex(ob, value, vs);
	}
	obuf_putc(ob, '\n');
}

static void entry_error_plain(struct obuf *ob, const struct bpf_map_info *info,
			      const unsigned char *key, const char *msg)
{
	size_t len = strlen(msg);
	bool brk = info->key_size > 16 || len > 16;
	bool one_line = info->key_size + len <= 24 && !brk;

	obuf_puts(ob, brk ? "key:\n" : "key: ");
	obuf_hex(ob, key, info->key_size);
	obuf_puts(ob, one_line ? "  " : "\n");
	obuf_puts(ob, brk ? "value:\n" : "value: ");
	obuf_puts(ob, msg);
	obuf_putc(ob, '\n');
}

static int emit_typed(struct jsonw *j, const struct map_btf *mb,
		      const struct btf_value_plan *plan, __u32 id,
		      const void *data)
{
	if (plan)
		return btf_value_plan_emit(j, plan, data);
	return btf_value_dump(j, mb->btf, id, data, !json_wtr);
}

int map_entry_btf(struct jsonw *j, const struct bpf_map_info *info,
		  const void *key, const void *value, const struct map_btf *mb)
{
	__u32 vid = info->btf_vmlinux_value_type_id ?: info->btf_value_type_id;
	unsigned int i, n;
	int err = 0;

	jsonw_start_object(j);
	if (info->btf_key_type_id) {
		jsonw_name_lit(j, "key");
		err = emit_typed(j, mb, mb->key, info->btf_key_type_id, key);
		if (err)
			goto out;
	}
	if (!map_is_percpu(info->type)) {
		jsonw_name_lit(j, "value");
		err = emit_typed(j, mb, mb->value, vid, value);
		goto out;
	}
	jsonw_name_lit(j, "values");
	jsonw_start_array(j);
	n = map_ncpus();
	for (i = 0; i < n && !err; i++) {
		jsonw_start_object(j);
		jsonw_name_lit(j, "cpu");
		jsonw_uint(j, i);
		jsonw_name_lit(j, "value");
		err = emit_typed(j, mb, mb->value, vid,
				 (const char *)value + i * stride_of(info));
		jsonw_end_object(j);
	}
	jsonw_end_array(j);
out:
	jsonw_end_object(j);
	return err;
}

void map_entry_json(struct jsonw *j, const struct bpf_map_info *info,
		    const unsigned char *key, const unsigned char *value,
		    const struct map_btf *mb)
{
	unsigned int i, n;

	jsonw_start_object(j);
	jsonw_name_lit(j, "key");
	jsonw_hex_array(j, key, info->key_size);
	if (!map_is_percpu(info->type)) {
		jsonw_name_lit(j, "value");
		jsonw_hex_array(j, value, info->value_size);
		if (map_is_of_maps(info->type) && info->value_size >= 4) {
			__u32 id;

			memcpy(&id, value, sizeof(id));
			jsonw_name_lit(j, "inner_map_id");
			jsonw_uint(j, id);
		}
	} else {
		jsonw_name_lit(j, "values");
		jsonw_start_array(j);
		n = map_ncpus();
		for (i = 0; i < n; i++) {
			jsonw_start_object(j);
			jsonw_name_lit(j, "cpu");
			jsonw_uint(j, i);
			jsonw_name_lit(j, "value");
			jsonw_hex_array(j, value + i * stride_of(info),
				       info->value_size);
			jsonw_end_object(j);
		}
		jsonw_end_array(j);
	}
	if (mb) {
		jsonw_name_lit(j, "formatted");
		map_entry_btf(j, info, key, value, mb);
	}
	jsonw_end_object(j);
}

static void entry_error_json(struct jsonw *j, const struct bpf_map_info *info,
			     const unsigned char *key, const char *msg)
{
	jsonw_start_object(j);
	jsonw_name_lit(j, "key");
	jsonw_hex_array(j, key, info->key_size);
	jsonw_name_lit(j, "value");
	jsonw_error(j, msg);
	jsonw_end_object(j);
}

/* ---------------------------------------------------------------- BTF */

/* map_kv_btf() with the failure described in msg instead of reported */
static int kv_btf(const struct bpf_map_info *info, struct map_btf **mb,
		  const char **msg)
{
	__u32 vid = info->btf_vmlinux_value_type_id ?: info->btf_value_type_id;
	struct btf_err e;
	struct btf *btf;

	*mb = NULL;
	if (info->btf_vmlinux_value_type_id) {
		btf = btf_src_vmlinux_btf(&e);
		*msg = "failed to get kernel btf";
	} else if (info->btf_value_type_id) {
		btf = btf_src_btf_by_id(info->btf_id, &e);
		*msg = "failed to get btf";
	} else {
		return 0;
	}
	if (!btf)
		return -1;
	*mb = calloc(1, sizeof(**mb));
	if (!*mb) {
		btf__free(btf);
		*msg = "out of memory";
		return -1;
	}
	(*mb)->btf = btf;
	if (info->btf_key_type_id)
		(*mb)->key = btf_value_plan_new(btf, info->btf_key_type_id,
						!json_wtr);
	(*mb)->value = btf_value_plan_new(btf, vid, !json_wtr);
	return 0;
}

int map_kv_btf(const struct bpf_map_info *info, struct map_btf **mb)
{
	const char *msg;

	if (kv_btf(info, mb, &msg))
		return p_err("%s", msg);
	return 0;
}

void map_kv_btf_free(struct map_btf *mb)
{
	if (!mb)
		return;
	btf_value_plan_free(mb->key);
	btf_value_plan_free(mb->value);
	btf__free(mb->btf);
	free(mb);
}

/* ---------------------------------------------------------------- lookup output */

int map_print_key_value(const struct bpf_map_info *info, const void *key,
			const void *value)
{
	struct obuf *ob = malloc(sizeof(*ob));
	struct map_btf *btf;
	struct jsonw j;

	if (!ob)
		return p_err("out of memory");
	if (map_kv_btf(info, &btf)) {
		free(ob);
		return -1;
	}
	if (json_wtr) {
		map_entry_json(json_wtr, info, key, value, btf);
	} else {
		obuf_init(ob, stdout);
		if (btf) {
			jsonw_init_buf(&j, ob, 0, true);
			map_entry_btf(&j, info, key, value, btf);
			obuf_putc(ob, '\n');
		} else {
			map_entry_plain(ob, info, key, value);
		}
		obuf_flush(ob);
	}
	map_kv_btf_free(btf);
	free(ob);
	return 0;
}

/* ---------------------------------------------------------------- key set */

/*
 * Keys already printed by the per-element walk. GET_NEXT_KEY restarts from
 * the first key when the previous one was deleted meanwhile; without this
 * set a map updated during the dump would show keys twice.
 */
struct keyset {
	unsigned char *slots;	/* cap * (1 + ks): a used byte, then the key */
	size_t cap, n, ks;
};

static __u64 key_hash(const unsigned char *k, size_t n)
{
	__u64 h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ *k++) * 1099511628211ULL;
	return h;
}

static int keyset_grow(struct keyset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024, i, w = 1 + s->ks;
	unsigned char *old = s->slots, *slots = calloc(cap, w);

	if (!slots)
		return -ENOMEM;
	s->slots = slots;
	s->cap = cap;
	s->n = 0;
	for (i = 0; old && i < cap / 2; i++) {
		unsigned char *e = old + i * w;
		__u64 h;

		if (!e[0])
			continue;
		for (h = key_hash(e + 1, s->ks); ; h++) {
			unsigned char *d = slots + (h & (cap - 1)) * w;

			if (!d[0]) {
				memcpy(d, e, w);
				s->n++;
				break;
			}
		}
	}
	free(old);
	return 0;
}

/* 1 when key was new (and is now recorded), 0 when seen, <0 on ENOMEM */
static int keyset_add(struct keyset *s, const unsigned char *key)
{
	size_t w = 1 + s->ks;
	__u64 h;

	if ((s->n + 1) * 2 > s->cap && keyset_grow(s))
		return -ENOMEM;
	for (h = key_hash(key, s->ks); ; h++) {
		unsigned char *e = s->slots + (h & (s->cap - 1)) * w;

		if (!e[0]) {
			e[0] = 1;
			memcpy(e + 1, key, s->ks);
			s->n++;
			return 1;
		}
		if (!memcmp(e + 1, key, s->ks))
			return 0;
	}
}

/* ---------------------------------------------------------------- dump */

enum dump_mode { DUMP_HEX, DUMP_JSON, DUMP_BTF };

struct dump {
	int fd;
	struct bpf_map_info info;
	enum dump_mode mode;
	struct map_btf *btf;
	struct obuf *ob;
	struct jsonw *j;
	unsigned int count;
	size_t vbuf;		/* bytes of one value in lookup buffers */
};

static void dump_one(struct dump *d, const unsigned char *key,
		     const unsigned char *value)
{
	switch (d->mode) {
	case DUMP_JSON:
		map_entry_json(d->j, &d->info, key, value, d->btf);
		break;
	case DUMP_BTF:
		if (d->btf) {
			map_entry_btf(d->j, &d->info, key, value, d->btf);
			break;
		}
		/* a map with BTF but no value type: bpftool prints hex */
		/* fallthrough */
	case DUMP_HEX:
		map_entry_plain(d->ob, &d->info, key, value);
		break;
	}
	d->count++;
}

/*
 * Maps whose get_next_key returns only keys present: a lookup that finds no
 * entry means it was deleted after get_next_key, and the batch path would
 * not have seen it either. (Array-like maps walk every index: there ENOENT
 * is an empty slot, printed as bpftool does.)
 */
static bool keys_are_entries(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_LPM_TRIE:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		return true;
	default:
		return false;
	}
}

static void dump_lookup_error(struct dump *d, const unsigned char *key,
			      int err)
{
	const char *msg = strerror(err);

	/*
	 * Empty slots of prog arrays and map-in-maps are not entries, nor
	 * are entries deleted while the dump runs.
	 */
	if (err == ENOENT && (map_is_of_maps(d->info.type) ||
			      d->info.type == BPF_MAP_TYPE_PROG_ARRAY ||
			      keys_are_entries(d->info.type)))
		return;
	/*
	 * A perf event array's slots hold perf event fds, which no lookup
	 * reads back (ENOTSUPP, "Unknown error 524" in bpftool's dump): keep
	 * bpftool's shape, an error per key, but say where the data is.
	 */
	if (err == ENOTSUPP && d->info.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		msg = "perf event fds cannot be read back, use 'map event_pipe'";
	if (d->mode == DUMP_JSON) {
		entry_error_json(d->j, &d->info, key, msg);
		return;
	}
	if (err == ENOENT)
		msg = "<no entry>";
	else if (err == ENOSPC &&
		 d->info.type == BPF_MAP_TYPE_REUSEPORT_SOCKARRAY)
		msg = "<cannot read>";
	entry_error_plain(d->ob, &d->info, key, msg);
}

/*
 * An error in the middle of the output: under -j it becomes an element of
 * the output so far (an {"error"} object where an entry would be, which
 * keeps the document's shape); otherwise stderr, after stdout.
 */
static void dump_error(struct dump *d, const char *msg)
{
	if (d->mode != DUMP_HEX && json_wtr) {
		jsonw_error(d->j, msg);
	} else {
		obuf_flush(d->ob);
		fflush(stdout);
		fprintf(stderr, "Error: %s\n", msg);
	}
}

static int dump_fail(struct dump *d, int err, const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "%s: %s", what, strerror(err));
	dump_error(d, msg);
	return -err;
}

/* Map types whose batch lookup never stops on an entry that vanished. */
static bool batch_ok(const struct bpf_map_info *info)
{
	switch (info->type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		break;
	default:
		return false;
	}
	if (!info->max_entries || !info->key_size || !info->value_size)
		return false;
	return !getenv("BPFKIT_NO_BATCH") || !*getenv("BPFKIT_NO_BATCH") ||
	       !strcmp(getenv("BPFKIT_NO_BATCH"), "0");
}

struct batchbuf {
	unsigned char *keys, *values;
	__u32 cap;
};

static int batch_resize(struct batchbuf *b, const struct dump *d, __u32 cap)
{
	unsigned char *k = realloc(b->keys, (size_t)cap * d->info.key_size);

	if (!k)
		return -ENOMEM;
	b->keys = k;
	k = realloc(b->values, (size_t)cap * d->vbuf);
	if (!k)
		return -ENOMEM;
	b->values = k;
	b->cap = cap;
	return 0;
}

static __u32 batch_first_cap(const struct dump *d)
{
	size_t per = d->info.key_size + d->vbuf;
	__u32 cap = BATCH_MAX_BYTES / per;

	if (cap > BATCH_MAX_ENTRIES)
		cap = BATCH_MAX_ENTRIES;
	if (cap > d->info.max_entries)
		cap = d->info.max_entries;
	return cap ? cap : 1;
}

/*
 * Returns 1 when the kernel refused batches before anything was printed
 * (the caller walks element by element), 0 when done, or -errno. On a
 * failure after progress, *last holds the last key printed, so the walk
 * can resume from it.
 */
static int dump_batch(struct dump *d, unsigned char *last, bool *have_last)
{
	LIBBPF_OPTS(bpf_map_batch_opts, o);
	unsigned char tok_in[64], tok_out[64];
	struct batchbuf b = {};
	bool first = true;
	__u32 n, i;
	int err, ret = 0;

	/* the token is a bucket index for hashes, a key for arrays */
	if (d->info.key_size > sizeof(tok_in))
		return 1;
	if (batch_resize(&b, d, batch_first_cap(d))) {
		ret = 1;
		goto out;
	}
	for (;;) {
		n = b.cap;
		err = bpf_map_lookup_batch(d->fd, first ? NULL : tok_in,
					   tok_out, b.keys, b.values, &n, &o);
		err = err ? errno : 0;
		if (first && !d->count &&
		    (err == EINVAL || err == ENOTSUPP || err == EOPNOTSUPP ||
		     err == EPERM || err == EACCES)) {
			ret = 1;
			goto out;
		}
		if (err == ENOSPC && n == 0 && b.cap < d->info.max_entries) {
			/* one hash bucket holds more than cap entries */
			__u32 cap = b.cap * 2 > d->info.max_entries ?
				    d->info.max_entries : b.cap * 2;

			if (batch_resize(&b, d, cap)) {
				ret = -ENOMEM;
				goto out;
			}
			continue;
		}
		if (err && err != ENOENT) {
			ret = -err;
			goto out;
		}
		if (n > b.cap)
			n = b.cap;
		for (i = 0; i < n; i++)
			dump_one(d, b.keys + (size_t)i * d->info.key_size,
				 b.values + (size_t)i * d->vbuf);
		if (n) {
			memcpy(last, b.keys + (size_t)(n - 1) * d->info.key_size,
			       d->info.key_size);
			*have_last = true;
		}
		if (err == ENOENT)
			break;
		memcpy(tok_in, tok_out, sizeof(tok_in));
		first = false;
	}
out:
	free(b.keys);
	free(b.values);
	return ret;
}

static int dump_walk(struct dump *d, unsigned char *key, bool resume)
{
	unsigned char *next = malloc(d->info.key_size ? d->info.key_size : 1);
	unsigned char *value = malloc(d->vbuf ? d->vbuf : 1);
	struct keyset seen = { .ks = d->info.key_size };
	bool have = resume;
	int err = 0;

	if (!next || !value) {
		err = -ENOMEM;
		goto out;
	}
	for (;;) {
		if (bpf_map_get_next_key(d->fd, have ? key : NULL, next)) {
			if (errno != ENOENT)
				err = dump_fail(d, errno, "can't get next key");
			break;
		}
		memcpy(key, next, d->info.key_size);
		have = true;
		err = keyset_add(&seen, key);
		if (err < 0)
			break;
		if (!err)
			continue;	/* the walk restarted: printed already */
		err = 0;
		if (bpf_map_lookup_elem(d->fd, key, value))
			dump_lookup_error(d, key, errno);
		else
			dump_one(d, key, value);
	}
out:
	free(seen.slots);
	free(next);
	free(value);
	return err;
}

static int dump_entries(struct dump *d)
{
	unsigned char *key = malloc(d->info.key_size ? d->info.key_size : 1);
	bool have_last = false;
	int err = 1;

	if (!key)
		return p_err("out of memory");
	if (batch_ok(&d->info))
		err = dump_batch(d, key, &have_last);
	if (err > 0)
		err = dump_walk(d, key, false);
	else if (err < 0 && have_last && err != -ENOMEM)
		err = dump_walk(d, key, true);
	else if (err < 0)
		err = dump_fail(d, -err, "can't lookup map batch");
	free(key);
	return err;
}

/*
 * Maps without keys to walk (ring buffers, queues, storage maps...) are
 * refused up front with a clear message instead of an empty dump.
 */
static int check_dumpable(int fd, const struct bpf_map_info *info)
{
	const char *t = map_type_name(info->type), *why = NULL;
	unsigned char key[256];
	char num[16];
	int err;

	if (info->key_size > sizeof(key) ||
	    !bpf_map_get_next_key(fd, NULL, key) || errno == ENOENT)
		return 0;
	err = errno;
	if (info->type == BPF_MAP_TYPE_QUEUE || info->type == BPF_MAP_TYPE_STACK)
		why = "it has no keys, use 'map peek' or 'map pop'";
	if (info->type == BPF_MAP_TYPE_RINGBUF ||
	    info->type == BPF_MAP_TYPE_USER_RINGBUF)
		why = "ring buffers have no keys to iterate";
	if (!t) {
		snprintf(num, sizeof(num), "%u", info->type);
		t = num;
	}
	if (why)
		return p_err_errno(err, "cannot dump %s map %u: %s", t,
				   info->id, why);
	return p_err_errno(err, "cannot dump %s map %u: can't get first key: %s",
			   t, info->id, strerror(err));
}

static int dump_map(struct dump *d, bool header)
{
	int err;

	d->vbuf = map_value_buf_size(&d->info);
	d->count = 0;
	if (d->mode == DUMP_HEX) {
		if (header)
			map_header_plain(d->ob, &d->info);
	} else {
		if (header) {
			jsonw_start_object(d->j);
			map_header_json(d->j, &d->info);
			jsonw_name_lit(d->j, "elements");
		}
		jsonw_start_array(d->j);
	}
	if (d->info.type == BPF_MAP_TYPE_REUSEPORT_SOCKARRAY &&
	    d->info.value_size != 8) {
		obuf_flush(d->ob);
		p_info("Warning: cannot read values from %s map with value_size != 8",
		       map_type_name(d->info.type));
	}
	err = dump_entries(d);
	if (d->mode == DUMP_HEX) {
		obuf_printf(d->ob, "Found %u element%s\n", d->count,
			    d->count != 1 ? "s" : "");
	} else {
		jsonw_end_array(d->j);
		if (header)
			jsonw_end_object(d->j);
	}
	return err;
}

static int get_info(int fd, struct bpf_map_info *info)
{
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	if (bpf_obj_get_info_by_fd(fd, info, &len))
		return p_err("can't get map info: %s", strerror(errno));
	return 0;
}

/*
 * Every map must be dumpable; the mode is JSON under -j, and otherwise
 * BTF-formatted JSON only when every map has BTF.
 */
static int pick_mode(int *fds, int n, enum dump_mode *mode)
{
	struct bpf_map_info info;
	int i;

	*mode = json_wtr ? DUMP_JSON : DUMP_BTF;
	for (i = 0; i < n; i++) {
		int err = get_info(fds[i], &info) ?:
			  check_dumpable(fds[i], &info);

		if (err)
			return err;
		if (!info.btf_id && *mode == DUMP_BTF)
			*mode = DUMP_HEX;
	}
	return 0;
}

static int dump_all(int *fds, int n, struct dump *d)
{
	int i, err = 0;

	if (d->mode != DUMP_HEX && n > 1)
		jsonw_start_array(d->j);
	for (i = 0; i < n && !err; i++) {
		__u32 len = sizeof(d->info);
		const char *msg;

		d->fd = fds[i];
		memset(&d->info, 0, sizeof(d->info));
		if (bpf_obj_get_info_by_fd(fds[i], &d->info, &len)) {
			err = dump_fail(d, errno, "can't get map info");
			break;
		}
		d->btf = NULL;
		if (d->mode != DUMP_HEX && kv_btf(&d->info, &d->btf, &msg)) {
			dump_error(d, msg);
			err = -1;
			break;
		}
		err = dump_map(d, n > 1);
		map_kv_btf_free(d->btf);
		d->btf = NULL;
		if (d->mode == DUMP_HEX && i != n - 1)
			obuf_putc(d->ob, '\n');
	}
	if (d->mode != DUMP_HEX && n > 1)
		jsonw_end_array(d->j);
	return err;
}

int do_map_dump(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	struct dump d = {};
	struct jsonw j;
	int *fds = NULL, n, i, err;

	if (argc != 2)
		return usage();
	n = map_parse_fds(&c, &fds, true);
	if (n < 1) {
		free(fds);	/* a name walk that failed midway leaves it */
		return -1;
	}
	err = pick_mode(fds, n, &d.mode);
	if (!err && json_wtr) {
		/* the global writer, buffered for the length of the dump */
		d.j = json_wtr;
		d.ob = json_wtr->ob;
		jsonw_sync(json_wtr, false);
		err = dump_all(fds, n, &d);
		jsonw_sync(json_wtr, true);
	} else if (!err) {
		d.ob = obuf_new(stdout);
		if (!d.ob)
			err = p_err("out of memory");
	}
	if (!err && !json_wtr) {
		d.j = &j;
		jsonw_init_buf(&j, d.ob, 0, true);
		err = dump_all(fds, n, &d);
		if (d.mode == DUMP_BTF)
			obuf_putc(d.ob, '\n');
		obuf_free(d.ob);
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
	return err;
}
