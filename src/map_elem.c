// SPDX-License-Identifier: GPL-2.0-only
/*
 * Element commands: update/push/enqueue, lookup/peek, getnext, delete,
 * pop/dequeue. Keys and values are typed on the command line as
 * "key [hex] BYTE..." and "value [hex] BYTE..." (or a map/prog handle for
 * map-in-map and prog arrays), followed by at most one update flag.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "args.h"
#include "handle.h"
#include "main.h"
#include "map.h"
#include "json_writer.h"

struct elem {
	struct bpf_map_info info;
	unsigned char *key;	/* key_size bytes, or NULL when key_size is 0 */
	unsigned char *value;	/* a lookup buffer (all CPUs), or NULL */
	bool want_key, want_value, want_flags;
	bool got_key, got_value, got_flags;
	__u64 flags;
	int fd;			/* the map */
	int value_fd;		/* map or prog fd written into the value */
};

/* What a command's line holds after the map (elem_open()). */
#define EL_KEY		0x01	/* a key */
#define EL_KEY_OPT	0x02	/* a key, or not */
#define EL_VALUE	0x04	/* a value and at most one update flag */
#define EL_NONE		0x08	/* nothing more */
#define EL_RDONLY	0x10	/* the map is only read */

static bool is_elem_keyword(const char *w)
{
	static const char *const kw[] = { "key", "value", "any", "exist",
					  "noexist", NULL };
	int i;

	for (i = 0; kw[i]; i++)
		if (is_prefix(w, kw[i]))
			return true;
	return false;
}

/*
 * One byte. bpftool truncates 0x1ff to 0xff silently; we refuse it, as a
 * value that does not fit a byte is surely a typo.
 */
static int parse_byte(const char *w, int base, unsigned char *b)
{
	unsigned long v;
	char *end;

	if (!*w || *w == '-' || *w == '+' || *w == ' ')
		return -1;
	errno = 0;
	v = strtoul(w, &end, base);
	if (errno || *end || v > 255)
		return -1;
	*b = v;
	return 0;
}

static int parse_bytes(struct argcur *c, const char *what, unsigned char *buf,
		       __u32 n)
{
	unsigned char extra;
	const char *w;
	int base = 0;
	__u32 i;

	if (arg_take(c, "hex"))
		base = 16;
	for (i = 0; i < n; i++) {
		w = arg_peek(c);
		if (!w || (is_elem_keyword(w) && parse_byte(w, base, &buf[i])))
			return p_err("%s expected %u bytes got %u", what, n, i);
		if (parse_byte(w, base, &buf[i])) {
			unsigned long big;
			char *end;

			big = strtoul(w, &end, base);
			if (!*end && *w != '-')
				return p_err("error parsing byte: %s (%lu does not fit in a byte)",
					     w, big);
			return p_err("error parsing byte: %s", w);
		}
		arg_next(c);
	}
	/* one number more than the size is a wrong size, not a bad keyword */
	w = arg_peek(c);
	if (w && !is_elem_keyword(w) && !parse_byte(w, base, &extra))
		return p_err("%s expected %u bytes got more (extra '%s')", what,
			     n, w);
	return 0;
}

static void fill_percpu(struct elem *e)
{
	size_t stride = ((size_t)e->info.value_size + 7) & ~(size_t)7;
	unsigned int i, n;

	if (!map_is_percpu(e->info.type))
		return;
	n = map_ncpus();
	for (i = 1; i < n; i++)
		memcpy(e->value + i * stride, e->value, e->info.value_size);
}

static int parse_value_handle(struct elem *e, struct argcur *c)
{
	bool of_maps = map_is_of_maps(e->info.type);
	const char *what = of_maps ? "map in map" : "map of progs";
	__u32 fd32;
	int fd;

	if (e->info.value_size != 4)
		return p_err("value smaller than 4B for %s?", what);
	if (c->argc < 2)
		return p_err("not enough value arguments for %s", what);
	if (of_maps) {
		fd = map_parse_fd(c, false);
	} else {
		if (arg_is(c, "id"))
			p_info("Warning: updating program array via MAP_ID, make sure this map is kept open\n"
			       "         by some process or pinned otherwise update will be lost");
		fd = prog_parse_fd(c);
	}
	if (fd < 0)
		return -1;
	e->value_fd = fd;
	fd32 = fd;
	memcpy(e->value, &fd32, sizeof(fd32));
	return 0;
}

static int parse_flag(struct elem *e, const char *w)
{
	if (!e->want_flags)
		return p_err("no update flags expected here, got: %s", w);
	if (e->got_flags)
		return p_err("flags specified multiple times: %s", w);
	e->got_flags = true;
	if (is_prefix(w, "any"))
		e->flags = BPF_ANY;
	else if (is_prefix(w, "noexist"))
		e->flags = BPF_NOEXIST;
	else
		e->flags = BPF_EXIST;
	return 0;
}

static int parse_elem(struct elem *e, struct argcur *c)
{
	const char *w;

	while ((w = arg_next(c))) {
		if (is_prefix(w, "key")) {
			if (e->got_key)
				return p_err("duplicate key");
			if (!e->want_key)
				return p_err("unnecessary key");
			if (parse_bytes(c, "key", e->key, e->info.key_size))
				return -1;
			e->got_key = true;
		} else if (is_prefix(w, "value")) {
			if (e->got_value)
				return p_err("duplicate value");
			if (!e->want_value)
				return p_err("unnecessary value");
			if (map_is_of_maps(e->info.type) ||
			    e->info.type == BPF_MAP_TYPE_PROG_ARRAY) {
				if (parse_value_handle(e, c))
					return -1;
			} else {
				if (parse_bytes(c, "value", e->value,
						e->info.value_size))
					return -1;
				fill_percpu(e);
			}
			e->got_value = true;
		} else if (is_prefix(w, "any") || is_prefix(w, "noexist") ||
			   is_prefix(w, "exist")) {
			if (parse_flag(e, w))
				return -1;
		} else if (e->want_flags) {
			return p_err("expected key, value or an update flag (any, exist, noexist), got: %s",
				     w);
		} else {
			return p_err("expected key or value, got: %s", w);
		}
	}
	if (e->want_key && !e->got_key)
		return p_err("did not find key");
	if (e->want_value && !e->got_value)
		return p_err("did not find value");
	return 0;
}

static void elem_free(struct elem *e)
{
	free(e->key);
	free(e->value);
	if (e->value_fd >= 0)
		close(e->value_fd);
	if (e->fd >= 0)
		close(e->fd);
}

static int elem_alloc(struct elem *e)
{
	if (e->info.key_size)
		e->key = calloc(1, e->info.key_size);
	if (e->info.value_size)
		e->value = calloc(1, map_value_buf_size(&e->info));
	if ((e->info.key_size && !e->key) ||
	    (e->info.value_size && !e->value))
		return p_err("out of memory");
	return 0;
}

/*
 * Open the map, read its info, size the buffers and read the rest of the
 * line as line (EL_*) says. 0, or -1 with the error printed; either way
 * elem_free() releases e.
 */
static int elem_open(struct elem *e, struct argcur *c, unsigned int line)
{
	__u32 len = sizeof(e->info);

	memset(e, 0, sizeof(*e));
	e->fd = e->value_fd = -1;
	if (c->argc < 2)
		return usage();
	e->fd = map_parse_fd(c, line & EL_RDONLY);
	if (e->fd < 0)
		return -1;
	if (bpf_obj_get_info_by_fd(e->fd, &e->info, &len))
		return p_err("can't get map info: %s", strerror(errno));
	if (elem_alloc(e))
		return -1;
	if (line & EL_NONE)
		return arg_more(c) ? p_err("what is '%s'?", arg_peek(c)) : 0;
	e->want_key = e->info.key_size &&
		      (line & EL_KEY || (line & EL_KEY_OPT && arg_more(c)));
	e->want_value = line & EL_VALUE && e->info.value_size;
	e->want_flags = line & EL_VALUE;
	return parse_elem(e, c);
}

/* update and delete: one call, nothing to print (cmd_done()) */
static int elem_change(int argc, char **argv, unsigned int line)
{
	ARGCUR(c, argc, argv);
	bool update = line & EL_VALUE;
	struct elem e;
	int err;

	err = elem_open(&e, &c, line);
	if (!err && update &&
	    bpf_map_update_elem(e.fd, e.key, e.value, e.flags))
		err = p_err_errno(errno, "update failed: %s", strerror(errno));
	if (!err && !update && bpf_map_delete_elem(e.fd, e.key))
		err = p_err_errno(errno, "delete failed: %s", strerror(errno));
	elem_free(&e);
	return cmd_done(err);
}

int do_map_update(int argc, char **argv)
{
	return elem_change(argc, argv, EL_KEY | EL_VALUE);
}

int do_map_delete(int argc, char **argv)
{
	return elem_change(argc, argv, EL_KEY);
}

static void print_not_found(const struct elem *e)
{
	struct obuf *ob;

	if (json_wtr) {
		jsonw_null(json_wtr);
		return;
	}
	ob = malloc(sizeof(*ob));
	if (!ob)
		return;
	obuf_init(ob, stdout);
	obuf_puts(ob, "key:\n");
	obuf_hex(ob, e->key, e->info.key_size);
	obuf_puts(ob, "\n\nNot found\n");
	obuf_flush(ob);
	free(ob);
}

/* A failed lookup or pop: what bpftool says about each. */
static int fetch_failed(const struct elem *e, bool pop)
{
	int err = errno;

	if (err != ENOENT)
		return p_err_errno(err, "%s failed: %s", pop ? "pop" : "lookup",
				   strerror(err));
	if (!pop) {
		print_not_found(e);
		return -ENOENT;
	}
	if (json_wtr) {
		/* bpftool: null, not an error object */
		jsonw_null(json_wtr);
		return -ENOENT;
	}
	return p_err_errno(ENOENT, "empty map");
}

/* lookup/peek and pop/dequeue: one call, then the element */
static int elem_fetch(int argc, char **argv, bool pop)
{
	ARGCUR(c, argc, argv);
	struct elem e;
	int err, ret;

	err = elem_open(&e, &c, pop ? EL_NONE : EL_KEY | EL_RDONLY);
	if (!err) {
		ret = pop ? bpf_map_lookup_and_delete_elem(e.fd, e.key, e.value) :
			    bpf_map_lookup_elem(e.fd, e.key, e.value);
		err = ret ? fetch_failed(&e, pop) :
			    map_print_key_value(&e.info, e.key, e.value);
	}
	elem_free(&e);
	return err;
}

int do_map_lookup(int argc, char **argv)
{
	return elem_fetch(argc, argv, false);
}

int do_map_pop(int argc, char **argv)
{
	return elem_fetch(argc, argv, true);
}

int do_map_getnext(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	unsigned char *next = NULL;
	struct obuf *ob = NULL;
	struct jsonw *j = json_wtr;
	struct elem e;
	int err;

	err = elem_open(&e, &c, EL_KEY_OPT | EL_RDONLY);
	if (err)
		goto out;
	next = calloc(1, e.info.key_size ? e.info.key_size : 1);
	ob = malloc(sizeof(*ob));
	if (!next || !ob)
		err = p_err("out of memory");
	if (!err && bpf_map_get_next_key(e.fd, e.got_key ? e.key : NULL, next))
		err = p_err_errno(errno, "can't get next key: %s",
				  strerror(errno));
	if (err)
		goto out;
	if (json_wtr) {
		jsonw_start_object(j);
		jsonw_name(j, "key");
		if (e.got_key)
			jsonw_hex_array(j, e.key, e.info.key_size);
		else
			jsonw_raw(j, "null", 4);
		jsonw_name(j, "next_key");
		jsonw_hex_array(j, next, e.info.key_size);
		jsonw_end_object(j);
		goto out;
	}
	obuf_init(ob, stdout);
	if (e.got_key) {
		obuf_puts(ob, "key:\n");
		obuf_hex(ob, e.key, e.info.key_size);
		obuf_putc(ob, '\n');
	} else {
		obuf_puts(ob, "key: None\n");
	}
	obuf_puts(ob, "next key:\n");
	obuf_hex(ob, next, e.info.key_size);
	obuf_putc(ob, '\n');
	obuf_flush(ob);
out:
	free(ob);
	free(next);
	elem_free(&e);
	return err;
}
