// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen subskeleton at run time: gen_linked.skel.h is the skeleton of
 * gen_lib.bpf.o + gen_main.bpf.o linked by "gen object"; gen_lib.subskel.h
 * is the library's subskeleton. Sets the library's .rodata gl_base through
 * the subskeleton before load, attaches, makes syscalls, and reads the
 * library's .bss counter back through the subskeleton.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "gen_linked.skel.h"
#include "gen_lib.subskel.h"

int main(void)
{
	struct gen_linked *skel;
	struct gen_lib *lib;
	int i, err = 1;

	skel = gen_linked__open();
	if (!skel) {
		fprintf(stderr, "open failed: %s\n", strerror(errno));
		return 1;
	}
	lib = gen_lib__open(skel->obj);
	if (!lib) {
		fprintf(stderr, "subskeleton open failed: %s\n", strerror(errno));
		goto out;
	}
	*lib->rodata.gl_base = 40;
	err = gen_linked__load(skel);
	if (!err)
		err = gen_linked__attach(skel);
	if (err) {
		fprintf(stderr, "load/attach failed: %d\n", err);
		goto out;
	}
	for (i = 0; i < 10; i++)
		syscall(SYS_getppid);
	gen_linked__detach(skel);
	/* gl_count(1) = gl_scale(1) (overridden: 2) + gl_base + 1 */
	printf("hits=%s seen=%llu map=%s\n",
	       *lib->bss.gl_hits >= 10 && skel->bss->gm_hits ? "ok" : "few",
	       (unsigned long long)skel->bss->gm_seen,
	       lib->maps.gl_map == skel->maps.gl_map ? "same" : "different");
out:
	gen_lib__destroy(lib);
	gen_linked__destroy(skel);
	return err ? 1 : 0;
}
