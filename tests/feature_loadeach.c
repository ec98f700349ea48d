// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper for tests/feature.bats: load each program of an object on its
 * own and print "NAME ok", "NAME refused" (the verifier said the program
 * type may not call a helper) or "NAME error: LINE" (anything else).
 *
 *   feature_loadeach OBJ
 */
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static char log_buf[1 << 16];

static const char *const refusals[] = {
	"program of this type cannot use helper", "unknown func ",
	"not supported for program type", "helper call might sleep",
	"helper call is not allowed in probe",
};

static int silent(enum libbpf_print_level l, const char *f, va_list ap)
{
	(void)l; (void)f; (void)ap;
	return 0;
}

static void load_one(const char *path, const char *name)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .kernel_log_buf = log_buf,
		    .kernel_log_size = sizeof(log_buf), .kernel_log_level = 1);
	struct bpf_object *obj = bpf_object__open_file(path, &o);
	struct bpf_program *p;
	unsigned int i;

	if (!obj) {
		printf("%s error: open\n", name);
		return;
	}
	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p),
						     name));
	log_buf[0] = '\0';
	if (!bpf_object__load(obj)) {
		printf("%s ok\n", name);
	} else {
		for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
			if (strstr(log_buf, refusals[i]))
				break;
		if (i < sizeof(refusals) / sizeof(refusals[0]))
			printf("%s refused\n", name);
		else
			printf("%s error: %.200s\n", name, log_buf);
	}
	bpf_object__close(obj);
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *p;

	if (argc != 2)
		return 2;
	libbpf_set_print(silent);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return 1;
	bpf_object__for_each_program(p, obj)
		load_one(argv[1], bpf_program__name(p));
	bpf_object__close(obj);
	return 0;
}
