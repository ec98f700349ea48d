// SPDX-License-Identifier: GPL-2.0-only
/* What BTF cannot answer: a kernel config value. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int CONFIG_HZ __kconfig;

SEC("kprobe/do_nanosleep")
int unk_config(void *ctx)
{
	return CONFIG_HZ;
}

char _license[] SEC("license") = "GPL";
