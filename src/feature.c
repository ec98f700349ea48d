// SPDX-License-Identifier: GPL-2.0-only
/*
 * feature object: `feature probe` (the live kernel or a device, in plain
 * text, JSON or C macros, in bpftool's words and keys), `feature probe btf`
 * (offline, feature_btf.c) and `feature list_builtins`.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/capability.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <linux/bpf.h>
#include <linux/magic.h>
#include <zlib.h>

#include "args.h"
#include "feature.h"
#include "feature_probe.h"
#include "main.h"
#include "names.h"
#include "print.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* helpers whose successful probe writes a warning to the kernel log */
#define HELPER_TRACE_PRINTK	6
#define HELPER_PROBE_WRITE_USER	36
#define HELPER_TRACE_VPRINTK	177

struct probe_out {
	const char *prefix;	/* macros: "" or PREFIX; NULL otherwise */
	bool full;
	bool unpriv;
	__u32 ifindex;
};

static void section_start(const struct probe_out *o, const char *key,
			  const char *title, const char *macro_title)
{
	if (json_wtr) {
		jsonw_name(json_wtr, key);
		jsonw_start_object(json_wtr);
	} else {
		printf("%s\n", o->prefix ? macro_title : title);
	}
}

static void section_end(void)
{
	print_end_object("\n");
}

static void upper(char *s)
{
	for (; *s; s++)
		*s = toupper((unsigned char)*s);
}

/* one yes/no answer: JSON key, plain sentence, or HAVE_/NO_HAVE_ macro */
static void bool_feature(const struct probe_out *o, const char *key,
			 const char *plain, const char *macro, bool res)
{
	if (json_wtr)
		jsonw_bool_field(json_wtr, key, res);
	else if (o->prefix)
		printf("#define %s%sHAVE_%s\n", o->prefix, res ? "" : "NO_",
		       macro);
	else
		printf("%s is %savailable\n", plain, res ? "" : "NOT ");
}

/* ---- system configuration ---- */

static int read_sysctl(const char *path)
{
	char buf[64], *end;
	FILE *f = fopen(path, "r");
	long v;

	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || *end != '\n' || v < -1 || v > 0x7fffffff)
		return -1;
	return v;
}

struct sysctl_desc {
	const char *path;
	const char *key;
	const char *unknown;		/* value -1 */
	const char *other;		/* any other value, %d */
	const char *said[3];		/* values 0, 1, 2 */
};

static const struct sysctl_desc sysctls[] = {
	{ "/proc/sys/kernel/unprivileged_bpf_disabled",
	  "unprivileged_bpf_disabled",
	  "Unable to retrieve required privileges for bpf() syscall",
	  "bpf() syscall restriction has unknown value %d",
	  { "bpf() syscall for unprivileged users is enabled",
	    "bpf() syscall restricted to privileged users (without recovery)",
	    "bpf() syscall restricted to privileged users (admin can change)" } },
	{ "/proc/sys/net/core/bpf_jit_enable", "bpf_jit_enable",
	  "Unable to retrieve JIT-compiler status",
	  "JIT-compiler status has unknown value %d",
	  { "JIT compiler is disabled", "JIT compiler is enabled",
	    "JIT compiler is enabled with debugging traces in kernel logs" } },
	{ "/proc/sys/net/core/bpf_jit_harden", "bpf_jit_harden",
	  "Unable to retrieve JIT hardening status",
	  "JIT hardening status has unknown value %d",
	  { "JIT compiler hardening is disabled",
	    "JIT compiler hardening is enabled for unprivileged users",
	    "JIT compiler hardening is enabled for all users" } },
	{ "/proc/sys/net/core/bpf_jit_kallsyms", "bpf_jit_kallsyms",
	  "Unable to retrieve JIT kallsyms export status",
	  "JIT kallsyms exports status has unknown value %d",
	  { "JIT compiler kallsyms exports are disabled",
	    "JIT compiler kallsyms exports are enabled for root", NULL } },
	{ "/proc/sys/net/core/bpf_jit_limit", "bpf_jit_limit",
	  "Unable to retrieve global memory limit for JIT compiler for unprivileged users",
	  "Global memory limit for JIT compiler for unprivileged users is %d bytes",
	  { NULL, NULL, NULL } },
};

static void print_sysctl(const struct sysctl_desc *d)
{
	int v = read_sysctl(d->path);

	if (json_wtr) {
		jsonw_int_field(json_wtr, d->key, v);
		return;
	}
	if (v == -1)
		printf("%s\n", d->unknown);
	else if (v >= 0 && v <= 2 && d->said[v])
		printf("%s\n", d->said[v]);
	else
		printf(d->other, v), printf("\n");
}

/* the kernel config options bpftool reports; macros show only CONFIG_HZ */
static const char *const config_opts[] = {
	"CONFIG_BPF", "CONFIG_BPF_SYSCALL", "CONFIG_HAVE_EBPF_JIT",
	"CONFIG_BPF_JIT", "CONFIG_BPF_JIT_ALWAYS_ON", "CONFIG_DEBUG_INFO_BTF",
	"CONFIG_DEBUG_INFO_BTF_MODULES", "CONFIG_CGROUPS", "CONFIG_CGROUP_BPF",
	"CONFIG_CGROUP_NET_CLASSID", "CONFIG_SOCK_CGROUP_DATA",
	"CONFIG_BPF_EVENTS", "CONFIG_KPROBE_EVENTS", "CONFIG_UPROBE_EVENTS",
	"CONFIG_TRACING", "CONFIG_FTRACE_SYSCALLS",
	"CONFIG_FUNCTION_ERROR_INJECTION", "CONFIG_BPF_KPROBE_OVERRIDE",
	"CONFIG_NET", "CONFIG_XDP_SOCKETS", "CONFIG_LWTUNNEL_BPF",
	"CONFIG_NET_ACT_BPF", "CONFIG_NET_CLS_BPF", "CONFIG_NET_CLS_ACT",
	"CONFIG_NET_SCH_INGRESS", "CONFIG_XFRM", "CONFIG_IP_ROUTE_CLASSID",
	"CONFIG_IPV6_SEG6_BPF", "CONFIG_BPF_LIRC_MODE2",
	"CONFIG_BPF_STREAM_PARSER", "CONFIG_NETFILTER_XT_MATCH_BPF",
	"CONFIG_BPFILTER", "CONFIG_BPFILTER_UMH", "CONFIG_TEST_BPF",
	"CONFIG_HZ",
};
#define CONFIG_HZ_IDX (ARRAY_SIZE(config_opts) - 1)

/* /boot/config-RELEASE, else /proc/config.gz (gzopen reads both) */
static gzFile open_kconfig(void)
{
	char path[128], buf[256];
	struct utsname u;
	gzFile f = NULL;

	if (!uname(&u)) {
		snprintf(path, sizeof(path), "/boot/config-%s", u.release);
		f = gzopen(path, "r");
	}
	if (!f)
		f = gzopen("/proc/config.gz", "r");
	if (!f) {
		p_info("skipping kernel config, can't open file: %s",
		       strerror(errno));
		return NULL;
	}
	if (!gzgets(f, buf, sizeof(buf)) || !gzgets(f, buf, sizeof(buf)) ||
	    strcmp(buf, "# Automatically generated file; DO NOT EDIT.\n")) {
		p_info("skipping kernel config, can't find correct file");
		gzclose(f);
		return NULL;
	}
	return f;
}

static void read_kconfig(char **values)
{
	char buf[4096], *eq;
	gzFile f = open_kconfig();
	size_t i, len;

	if (!f)
		return;
	while (gzgets(f, buf, sizeof(buf))) {
		if (strncmp(buf, "CONFIG_", 7))
			continue;
		eq = strchr(buf, '=');
		len = strlen(buf);
		if (!eq)
			continue;
		if (buf[len - 1] == '\n')
			buf[len - 1] = '\0';
		*eq = '\0';
		if (!eq[1])
			continue;
		for (i = 0; i < ARRAY_SIZE(config_opts); i++)
			if (!values[i] && !strcmp(buf, config_opts[i]))
				values[i] = strdup(eq + 1);
	}
	gzclose(f);
}

static void print_kconfig(const struct probe_out *o, const char *name,
			  const char *value)
{
	if (json_wtr) {
		if (value)
			jsonw_string_field(json_wtr, name, value);
		else
			jsonw_null_field(json_wtr, name);
	} else if (o->prefix) {
		if (value)
			printf("#define %s%s %s\n", o->prefix, name, value);
		else
			printf("/* %s%s is not set */\n", o->prefix, name);
	} else if (value) {
		printf("%s is set to %s\n", name, value);
	} else {
		printf("%s is not set\n", name);
	}
}

static bool have_procfs(void)
{
	struct statfs st;

	return !statfs("/proc", &st) && st.f_type == PROC_SUPER_MAGIC;
}

static void section_system(const struct probe_out *o)
{
	char *values[ARRAY_SIZE(config_opts)] = {};
	size_t i;

	section_start(o, "system_config", "Scanning system configuration...",
		      "/*** Misc kernel config items ***/");
	if (!o->prefix) {
		if (have_procfs())
			for (i = 0; i < ARRAY_SIZE(sysctls); i++)
				print_sysctl(&sysctls[i]);
		else
			p_info("/* procfs not mounted, skipping related probes */");
	}
	read_kconfig(values);
	for (i = 0; i < ARRAY_SIZE(config_opts); i++) {
		if (!o->prefix || i == CONFIG_HZ_IDX)
			print_kconfig(o, config_opts[i], values[i]);
		free(values[i]);
	}
	section_end();
}

/* ---- BPF probes ---- */

static bool offloadable_prog(__u32 t)
{
	return t == BPF_PROG_TYPE_SCHED_CLS || t == BPF_PROG_TYPE_XDP;
}

static bool offloadable_map(__u32 t)
{
	return t == BPF_MAP_TYPE_HASH || t == BPF_MAP_TYPE_ARRAY;
}

static void type_feature(const struct probe_out *o, const char *what,
			 const char *name, bool res)
{
	char key[96], plain[96], macro[96];

	snprintf(key, sizeof(key), "have_%s_%s_type", name, what);
	snprintf(plain, sizeof(plain), "eBPF %s_type %s",
		 strcmp(what, "prog") ? what : "program", name);
	snprintf(macro, sizeof(macro), "%s_%s_TYPE", name, what);
	upper(macro);
	bool_feature(o, key, plain, macro, res);
}

void feature_section_start(const char *key, const char *title)
{
	static const struct probe_out plain;

	section_start(&plain, key, title, NULL);
}

void feature_section_end(void)
{
	section_end();
}

void feature_type_answer(const char *what, const char *name, bool res)
{
	static const struct probe_out plain;

	type_feature(&plain, what, name, res);
}

/* the program types probed, in id order; supported[] gets the answers */
static int section_progs(const struct probe_out *o, struct feat_probe *p,
			 __u32 *types, bool *supported)
{
	const char *name;
	int n = 0;
	__u32 t;

	section_start(o, "program_types", "Scanning eBPF program types...",
		      "/*** eBPF program types ***/");
	for (t = 1; (name = prog_type_name(t)) && n < FEAT_MAX_PROG_TYPES;
	     t++) {
		if (o->ifindex && !offloadable_prog(t))
			continue;
		types[n] = t;
		supported[n] = feat_prog_type(p, t);
		type_feature(o, "prog", name, supported[n]);
		n++;
	}
	section_end();
	return n;
}

static void section_maps(const struct probe_out *o, struct feat_probe *p)
{
	const char *name;
	__u32 t;

	section_start(o, "map_types", "Scanning eBPF map types...",
		      "/*** eBPF map types ***/");
	for (t = 1; (name = map_type_name(t)); t++) {
		if (o->ifindex && !offloadable_map(t))
			continue;
		type_feature(o, "map", name, feat_map_type(p, t));
	}
	section_end();
}

static bool dmesg_helper(unsigned int id)
{
	return id == HELPER_TRACE_PRINTK || id == HELPER_PROBE_WRITE_USER ||
	       id == HELPER_TRACE_VPRINTK;
}

static void print_type_helpers(const struct probe_out *o, const char *tname,
			       bool supported, bool probed, const bool *row)
{
	unsigned int id, n = 0;
	char key[96];

	if (json_wtr) {
		snprintf(key, sizeof(key), "%s_available_helpers", tname);
		jsonw_name(json_wtr, key);
		jsonw_start_array(json_wtr);
	} else if (!o->prefix) {
		printf("eBPF helpers supported for program type %s:", tname);
	}
	for (id = 1; id < helper_max_id(); id++) {
		const char *h = helper_name(id);

		if (!h || (!o->full && dmesg_helper(id)))
			continue;
		n += row[id];
		if (json_wtr) {
			if (row[id])
				jsonw_string(json_wtr, h);
		} else if (o->prefix) {
			printf("#define %sBPF__PROG_TYPE_%s__HELPER_%s %d\n",
			       o->prefix, tname, h, row[id]);
		} else if (row[id]) {
			printf("\n\t- %s", h);
		}
	}
	if (json_wtr) {
		jsonw_end_array(json_wtr);
	} else if (!o->prefix) {
		printf("\n");
		if (!n && !supported)
			printf("\tProgram type not supported\n");
		else if (!n || !probed)
			printf("\tCould not determine which helpers are available\n");
	}
}

static int section_helpers(const struct probe_out *o, struct feat_probe *p,
			   const __u32 *types, const bool *supported, int n)
{
	__u32 probe_types[FEAT_MAX_PROG_TYPES];
	int slot[FEAT_MAX_PROG_TYPES];
	bool *avail, *row;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int i, np = 0, err;

	avail = calloc((size_t)n * FEAT_MAX_HELPERS, sizeof(bool));
	if (!avail)
		return p_err("out of memory");
	/* only types that load and that a bare program can use are probed */
	for (i = 0; i < n; i++) {
		slot[i] = -1;
		if (supported[i] && feat_helpers_probeable(types[i])) {
			slot[i] = np;
			probe_types[np++] = types[i];
		}
	}
	err = feat_helpers(p, probe_types, np, helper_max_id(),
			   o->full ? NULL : dmesg_helper, avail,
			   cpus < 1 ? 1 : cpus > 4 ? 4 : cpus);
	if (err) {
		free(avail);
		return p_err("helper probes failed: %s", strerror(-err));
	}

	section_start(o, "helpers", "Scanning eBPF helper functions...",
		      "/*** eBPF helper functions ***/");
	if (o->prefix)
		printf("/*\n"
		       " * Use %1$sHAVE_PROG_TYPE_HELPER(prog_type_name, helper_name)\n"
		       " * to determine if <helper_name> is available for <prog_type_name>,\n"
		       " * e.g.\n"
		       " *\t#if %1$sHAVE_PROG_TYPE_HELPER(xdp, bpf_redirect)\n"
		       " *\t\t// do stuff with this helper\n"
		       " *\t#elif\n"
		       " *\t\t// use a workaround\n"
		       " *\t#endif\n"
		       " */\n"
		       "#define %1$sHAVE_PROG_TYPE_HELPER(prog_type, helper)\t\\\n"
		       "\t%1$sBPF__PROG_TYPE_ ## prog_type ## __HELPER_ ## helper\n",
		       o->prefix);
	/* unprobed types use the all-false row past the probed ones */
	for (i = 0; i < n; i++) {
		row = avail + (size_t)(slot[i] >= 0 ? slot[i] : np) *
			      FEAT_MAX_HELPERS;
		print_type_helpers(o, prog_type_name(types[i]), supported[i],
				   slot[i] >= 0, row);
	}
	section_end();
	free(avail);
	return 0;
}

static void section_misc(const struct probe_out *o, struct feat_probe *p)
{
	static const struct {
		enum feat_misc which;
		const char *key, *plain, *macro;
	} misc[] = {
		{ FEAT_LARGE_INSN_LIMIT, "have_large_insn_limit",
		  "Large program size limit", "LARGE_INSN_LIMIT" },
		{ FEAT_BOUNDED_LOOPS, "have_bounded_loops",
		  "Bounded loop support", "BOUNDED_LOOPS" },
		{ FEAT_V2_ISA, "have_v2_isa_extension", "ISA extension v2",
		  "V2_ISA_EXTENSION" },
		{ FEAT_V3_ISA, "have_v3_isa_extension", "ISA extension v3",
		  "V3_ISA_EXTENSION" },
	};
	size_t i;

	section_start(o, "misc", "Scanning miscellaneous eBPF features...",
		      "/*** eBPF misc features ***/");
	for (i = 0; i < ARRAY_SIZE(misc); i++)
		bool_feature(o, misc[i].key, misc[i].plain, misc[i].macro,
			     feat_misc(p, misc[i].which));
	section_end();
}

/* ---- privileges ---- */

static const cap_value_t bpf_caps[] = {
	CAP_SYS_ADMIN, CAP_BPF, CAP_NET_ADMIN, CAP_PERFMON,
};

/*
 * A full probe needs every BPF capability; `unprivileged` drops the ones
 * we have (effective set only) so the answers are an ordinary user's.
 */
static int handle_perms(bool unpriv)
{
	cap_value_t have[ARRAY_SIZE(bpf_caps)];
	char missing[96] = "";
	cap_flag_value_t v;
	unsigned int i, n = 0, want = 0;
	cap_t caps = cap_get_proc();
	int err = 0;

	if (!caps)
		return p_err("failed to get capabilities for process: %s",
			     strerror(errno));
	for (i = 0; i < ARRAY_SIZE(bpf_caps); i++) {
		char *name;

		/* kernels before 5.8 have only CAP_SYS_ADMIN for BPF */
		if (!CAP_IS_SUPPORTED(bpf_caps[i]))
			continue;
		if (cap_get_flag(caps, bpf_caps[i], CAP_EFFECTIVE, &v))
			v = CAP_CLEAR;
		want++;
		if (v == CAP_SET) {
			have[n++] = bpf_caps[i];
			continue;
		}
		name = cap_to_name(bpf_caps[i]);
		if (name) {
			upper(name);
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), "%s, ",
				 name);
			cap_free(name);
		}
	}
	if (!unpriv && n < want)
		err = p_err("missing %srequired for full feature probing; run as root or use 'unprivileged'",
			    missing);
	else if (unpriv && n &&
		 (cap_set_flag(caps, CAP_EFFECTIVE, n, have, CAP_CLEAR) ||
		  cap_set_proc(caps)))
		err = p_err("failed to drop capabilities: %s",
			    strerror(errno));
	cap_free(caps);
	return err;
}

/* ---- commands ---- */

static int parse_probe(struct argcur *a, struct probe_out *o)
{
	bool target = false;
	const char *w;

	while ((w = arg_peek(a))) {
		if (arg_is(a, "kernel")) {
			if (target)
				return p_err("component to probe already specified");
			target = true;
			arg_next(a);
		} else if (arg_is(a, "dev")) {
			arg_next(a);
			if (target)
				return p_err("component to probe already specified");
			if (!arg_more(a))
				return p_err("expected network device name after 'dev'");
			w = arg_next(a);
			o->ifindex = if_nametoindex(w);
			if (!o->ifindex)
				return p_err("unrecognized netdevice '%s': %s",
					     w, strerror(errno));
			target = true;
		} else if (arg_is(a, "full")) {
			o->full = true;
			arg_next(a);
		} else if (arg_is(a, "macros") && !o->prefix) {
			o->prefix = "";
			arg_next(a);
		} else if (arg_is(a, "prefix")) {
			if (!o->prefix)
				return p_err("'prefix' argument can only be use after 'macros'");
			if (*o->prefix)
				return p_err("'prefix' already defined");
			arg_next(a);
			if (!arg_more(a))
				return p_err("expected prefix after 'prefix'");
			o->prefix = arg_next(a);
		} else if (arg_is(a, "unprivileged")) {
			o->unpriv = true;
			arg_next(a);
		} else {
			return p_err("expected no more arguments, 'kernel', 'dev', 'btf', 'macros' or 'prefix', got: '%s'?",
				     w);
		}
	}
	return 0;
}

static int probe_live(struct probe_out *o)
{
	__u32 types[FEAT_MAX_PROG_TYPES];
	bool supported[FEAT_MAX_PROG_TYPES];
	struct feat_probe *p;
	int n, err = 0;

	if (handle_perms(o->unpriv))
		return -1;
	p = feat_probe_new(o->ifindex);
	if (!p)
		return p_err("out of memory");
	if (json_wtr) {
		o->prefix = NULL;
		jsonw_start_object(json_wtr);
	}
	if (!o->ifindex)
		section_system(o);
	section_start(o, "syscall_config", "Scanning system call availability...",
		      "/*** System call availability ***/");
	n = feat_bpf_syscall();
	bool_feature(o, "have_bpf_syscall", "bpf() syscall", "BPF_SYSCALL", n);
	section_end();
	if (n) {
		n = section_progs(o, p, types, supported);
		section_maps(o, p);
		err = section_helpers(o, p, types, supported, n);
		if (!err)
			section_misc(o, p);
	}
	if (json_wtr)
		jsonw_end_object(json_wtr);
	feat_probe_free(p);
	return err;
}

static int do_probe(int argc, char **argv)
{
	struct probe_out o = {};
	ARGCUR(a, argc, argv);

	if (arg_is(&a, "btf")) {
		arg_next(&a);
		return feature_probe_btf(&a);
	}
	if (parse_probe(&a, &o))
		return -1;
	return probe_live(&o);
}

static const char *helper_name_u(__u32 id)
{
	return helper_name(id);
}

static int do_list_builtins(int argc, char **argv)
{
	static const struct {
		const char *group;
		const char *(*name)(__u32 id);
	} groups[] = {
		{ "prog_types",		prog_type_name },
		{ "map_types",		map_type_name },
		{ "attach_types",	attach_type_name },
		{ "link_types",		link_type_name },
		{ "helpers",		helper_name_u },
	};
	const char *(*get)(__u32 id) = NULL;
	const char *name;
	size_t i;
	__u32 id;

	if (argc < 1)
		return usage();
	for (i = 0; i < ARRAY_SIZE(groups) && !get; i++)
		if (is_prefix(argv[0], groups[i].group))
			get = groups[i].name;
	if (!get)
		return p_err("expected 'prog_types', 'map_types', 'attach_types', 'link_types' or 'helpers', got: %s",
			     argv[0]);
	if (argc > 1)
		return p_err("too many arguments: '%s'", argv[1]);
	if (json_wtr)
		jsonw_start_array(json_wtr);
	for (id = 0; (name = get(id)); id++) {
		if (json_wtr)
			jsonw_string(json_wtr, name);
		else
			printf("%s\n", name);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
	return 0;
}

static const char help_text[] =
	"Usage: %1$s feature probe [COMPONENT] [full] [unprivileged] [macros [prefix PREFIX]]\n"
	"       %1$s feature probe btf BTF_SRC\n"
	"       %1$s feature list_builtins GROUP\n"
	"       %1$s feature help\n"
	"\n"
	"       COMPONENT := { kernel | dev NAME }\n"
	"       BTF_SRC := { file FILE | id BTF_ID }\n"
	"       GROUP := { prog_types | map_types | attach_types | link_types | helpers }\n"
	"       " HELP_SPEC_OPTIONS " }\n";

CMD_OBJECT(feature, help_text,
	{ "probe",		do_probe },
	{ "list_builtins",	do_list_builtins },
	CMD_HELP)
