// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper: attach a pinned sk_lookup program to the current network
 * namespace with a BPF link and hold the link until killed.
 *
 *   nslink PROG_PIN
 *
 * Prints "ready LINK_FD" once attached.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

#define AT_SK_LOOKUP 36

int main(int argc, char **argv)
{
	int prog, ns, link;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PROG_PIN\n", argv[0]);
		return 2;
	}
	prog = bpf_obj_get(argv[1]);
	ns = open("/proc/self/ns/net", O_RDONLY);
	link = prog < 0 || ns < 0 ? -1 :
	       bpf_link_create(prog, ns, AT_SK_LOOKUP, NULL);
	if (link < 0) {
		fprintf(stderr, "nslink: %s\n", strerror(errno));
		return 1;
	}
	printf("ready %d\n", link);
	fflush(stdout);
	for (;;)
		pause();
}
