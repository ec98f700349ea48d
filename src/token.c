// SPDX-License-Identifier: GPL-2.0-only
/*
 * token object: show/list, help.
 *
 * A BPF token (kernel 6.9+) is derived from a BPF file system mounted with
 * delegate_cmds/_maps/_progs/_attachs options; those options are what a
 * token from that mount may do. "token show" lists every bpffs mount that
 * delegates anything, with the four lists as the kernel shows them in
 * /proc/mounts ("any", a hex mask, or names separated by ':').
 */
#include <mntent.h>
#include <stdio.h>
#include <string.h>

#include "main.h"

#define ITEMS_PER_LINE 4

static const char *const delegate_keys[] = {
	"delegate_cmds", "delegate_maps", "delegate_progs", "delegate_attachs",
};
static const char *const allowed_keys[] = {
	"allowed_cmds", "allowed_maps", "allowed_progs", "allowed_attachs",
};

/*
 * The value of "key=" in a mount's comma-separated options, copied into
 * buf; false when the option is absent.
 */
static bool opt_value(const char *opts, const char *key, char *buf,
		      size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = opts;

	while (p && *p) {
		n = strcspn(p, ",");
		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			n -= klen + 1;
			if (n >= size)
				n = size - 1;
			memcpy(buf, p + klen + 1, n);
			buf[n] = '\0';
			return true;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

/* bpftool's layout: ITEMS_PER_LINE names of 20 columns per line. */
static void print_items(const char *value)
{
	char copy[4096], *item, *rest;
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", value);
	for (item = strtok_r(copy, ":", &rest); item;
	     item = strtok_r(NULL, ":", &rest), n++) {
		if (n % ITEMS_PER_LINE == 0)
			printf("\n\t  ");
		printf("%-20s", item);
	}
}

static void json_items(const char *value)
{
	char copy[4096], *item, *rest;

	jsonw_start_array(json_wtr);
	snprintf(copy, sizeof(copy), "%s", value);
	for (item = strtok_r(copy, ":", &rest); item;
	     item = strtok_r(NULL, ":", &rest))
		jsonw_string(json_wtr, item);
	jsonw_end_array(json_wtr);
}

static void show_mount(const struct mntent *m)
{
	char value[4096];
	size_t i;

	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "token_info", m->mnt_dir);
	} else {
		printf("token_info  %s", m->mnt_dir);
	}
	for (i = 0; i < sizeof(delegate_keys) / sizeof(delegate_keys[0]); i++) {
		if (!opt_value(m->mnt_opts, delegate_keys[i], value,
			       sizeof(value)))
			value[0] = '\0';
		if (json_wtr) {
			jsonw_name(json_wtr, allowed_keys[i]);
			json_items(value);
		} else {
			printf("\n\t%s:", allowed_keys[i]);
			print_items(value);
		}
	}
	if (json_wtr)
		jsonw_end_object(json_wtr);
	else
		printf("\n");
}

static bool delegates(const char *opts)
{
	char v[8];
	size_t i;

	for (i = 0; i < sizeof(delegate_keys) / sizeof(delegate_keys[0]); i++)
		if (opt_value(opts, delegate_keys[i], v, sizeof(v)))
			return true;
	return false;
}

static int do_show(int argc, char **argv)
{
	struct mntent *m, ent;
	char line[8192];
	FILE *f;

	if (argc)
		return p_err("too many arguments: unexpected '%s'", argv[0]);
	f = setmntent("/proc/mounts", "re");
	if (!f)
		return p_err("can't open /proc/mounts");
	if (json_wtr)
		jsonw_start_array(json_wtr);
	while ((m = getmntent_r(f, &ent, line, sizeof(line))))
		if (!strcmp(m->mnt_type, "bpf") && delegates(m->mnt_opts))
			show_mount(m);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	endmntent(f);
	return 0;
}

static const char help_text[] =
	"Usage: %1$s token { show | list }\n"
	"       %1$s token help\n";

CMD_OBJECT(token, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP)
