/* SPDX-License-Identifier: GPL-2.0-only */
/* Declarations shared by the map command files (map.c, map_dump.c, map_elem.c). */
#ifndef BPFKIT_MAP_H
#define BPFKIT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

struct argcur;
struct btf;
struct jsonw;
struct obuf;

bool map_is_percpu(__u32 type);
bool map_is_of_maps(__u32 type);
/* Possible CPUs (per-CPU values hold one slot per possible CPU). */
unsigned int map_ncpus(void);
/* Bytes one value takes in a lookup buffer (all CPUs for per-CPU maps). */
size_t map_value_buf_size(const struct bpf_map_info *info);

/* "id: type  name N  flags 0x0[  offloaded_to ..]\n" and its JSON keys */
void map_header_plain(struct obuf *ob, const struct bpf_map_info *info);
void map_header_json(struct jsonw *j, const struct bpf_map_info *info);

/*
 * BTF for formatted values: the map's own, or vmlinux's for struct_ops,
 * with the key and value types compiled for fast printing (plans may be
 * NULL: the generic printer is used then). *mb is NULL when the map has no
 * value type. 0 or -1 after reporting.
 */
struct btf_value_plan;
struct map_btf {
	struct btf *btf;
	struct btf_value_plan *key, *value;
};
int map_kv_btf(const struct bpf_map_info *info, struct map_btf **mb);
void map_kv_btf_free(struct map_btf *mb);

/* One entry, the three layouts. */
void map_entry_plain(struct obuf *ob, const struct bpf_map_info *info,
		     const unsigned char *key, const unsigned char *value);
void map_entry_json(struct jsonw *j, const struct bpf_map_info *info,
		    const unsigned char *key, const unsigned char *value,
		    const struct map_btf *mb);
int map_entry_btf(struct jsonw *j, const struct bpf_map_info *info,
		  const void *key, const void *value, const struct map_btf *mb);
/* lookup/peek/pop output of one entry in the current output mode */
int map_print_key_value(const struct bpf_map_info *info, const void *key,
			const void *value);

int do_map_dump(int argc, char **argv);
int do_map_update(int argc, char **argv);
int do_map_lookup(int argc, char **argv);
int do_map_getnext(int argc, char **argv);
int do_map_delete(int argc, char **argv);
int do_map_pop(int argc, char **argv);
int do_map_event_pipe(int argc, char **argv);

#endif
