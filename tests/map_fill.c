// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test and bench helper for map dumps.
 *
 *   map_fill PINNED COUNT          fill keys 0..COUNT-1 (u32 keys) with a
 *                                  value derived from the key, in batches
 *   map_fill PINNED COUNT churn S  for S seconds, delete and re-add keys
 *                                  (a map changing under a dump)
 *   map_fill PINNED COUNT vanish S for S seconds, delete key k and add key
 *                                  k + COUNT/2: half the keys are missing
 *                                  at any time, each for a while (entries
 *                                  vanish between get_next_key and lookup)
 *
 * Values: byte i of the value of key k is (k * 7 + i) & 0xff, so a dump
 * can be checked without keeping state. Per-CPU maps are not supported.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>

static void make_value(unsigned char *v, __u32 size, __u32 k)
{
	__u32 i;

	for (i = 0; i < size; i++)
		v[i] = (k * 7 + i) & 0xff;
}

static int fill(int fd, const struct bpf_map_info *info, __u32 count)
{
	const __u32 chunk = 4096;
	unsigned char *keys = malloc((size_t)chunk * info->key_size);
	unsigned char *vals = malloc((size_t)chunk * info->value_size);
	__u32 base, i, n;

	if (!keys || !vals)
		return -1;
	for (base = 0; base < count; base += n) {
		n = count - base < chunk ? count - base : chunk;
		memset(keys, 0, (size_t)chunk * info->key_size);
		for (i = 0; i < n; i++) {
			__u32 k = base + i;

			memcpy(keys + (size_t)i * info->key_size, &k, sizeof(k));
			make_value(vals + (size_t)i * info->value_size,
				   info->value_size, k);
		}
		if (bpf_map_update_batch(fd, keys, vals, &n, NULL)) {
			/* no batch support: one by one */
			for (i = 0; i < n; i++)
				if (bpf_map_update_elem(fd, keys + (size_t)i * info->key_size,
							vals + (size_t)i * info->value_size, 0)) {
					perror("map_fill: update");
					return -1;
				}
		}
	}
	free(keys);
	free(vals);
	return 0;
}

static int churn(int fd, const struct bpf_map_info *info, __u32 count,
		 double secs, bool vanish)
{
	unsigned char key[64] = {}, *val = malloc(info->value_size);
	struct timespec t0, t;
	__u32 k = 0;

	if (!val || info->key_size > sizeof(key))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		__u32 add = vanish ? (k + count / 2) % count : k;

		memcpy(key, &k, sizeof(k));
		bpf_map_delete_elem(fd, key);
		memcpy(key, &add, sizeof(add));
		make_value(val, info->value_size, add);
		bpf_map_update_elem(fd, key, val, 0);
		k = vanish ? (k + 1) % count : (k + 7919) % count;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) + (t.tv_nsec - t0.tv_nsec) / 1e9 < secs);
	free(val);
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	unsigned long count;
	int fd;

	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: %s PINNED COUNT [{churn|vanish} SECONDS]\n",
			argv[0]);
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	fd = bpf_obj_get(argv[1]);
	if (fd < 0 || bpf_obj_get_info_by_fd(fd, &info, &len)) {
		fprintf(stderr, "map_fill: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (info.key_size < 4 || !count) {
		fprintf(stderr, "map_fill: need a key of 4+ bytes and a count\n");
		return 1;
	}
	if (argc == 5)
		return churn(fd, &info, count, strtod(argv[4], NULL),
			     !strcmp(argv[3], "vanish")) ? 1 : 0;
	return fill(fd, &info, count) ? 1 : 0;
}
