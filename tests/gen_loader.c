// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads tests/bpf/gen_skel.bpf.c through the skeleton bpfkit generated
 * (gen_skel.skel.h, or the light gen_skel.lskel.h with -DLIGHT): sets a
 * .rodata value before load, attaches the raw tracepoint, makes syscalls
 * and reads .bss back. Prints "calls=N last=M custom=K" on success.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "gen_skel.h"

#ifdef LIGHT
#include "gen_skel.lskel.h"
#else
#include "gen_skel.skel.h"
#endif

int main(void)
{
	struct gen_skel_bpf *skel;
	int i, err;

	skel = gen_skel_bpf__open();
	if (!skel) {
		fprintf(stderr, "open failed: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->cfg_mult = 5;
	err = gen_skel_bpf__load(skel);
	if (err) {
		fprintf(stderr, "load failed: %d\n", err);
		goto out;
	}
	/* values written before load are what the program sees */
	if (skel->rodata->cfg_mult != 5 || skel->data->gs_data_int != 7) {
		fprintf(stderr, "bad initial values\n");
		err = 1;
		goto out;
	}
#ifdef LIGHT
	err = gen_skel_bpf__gs_raw_tp__attach(skel);
	err = err < 0 ? err : 0;
#else
	skel->links.gs_raw_tp = bpf_program__attach(skel->progs.gs_raw_tp);
	err = skel->links.gs_raw_tp ? 0 : -errno;
#endif
	if (err) {
		fprintf(stderr, "attach failed: %d\n", err);
		goto out;
	}
	for (i = 0; i < 10; i++)
		syscall(SYS_getppid);
	printf("calls=%s last=%u custom=%s\n",
	       skel->bss->gs_calls >= 10 ? "ok" : "few", skel->bss->gs_last,
	       skel->data_custom->gs_custom_data > 11 ? "ok" : "unchanged");
out:
	gen_skel_bpf__destroy(skel);
	return err ? 1 : 0;
}
