// SPDX-License-Identifier: GPL-2.0-only
/*
 * JIT disassembly with LLVM, loaded at run time. Linking libLLVM would add
 * ~100 MB of mappings and tens of milliseconds of relocation to every
 * command, and make bpfkit fail to start where LLVM is missing; dlopen()
 * keeps the cost and the dependency on "prog dump jited" alone.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "jit_disasm.h"
#include "main.h"
#include "print.h"
#include "xlated_dump.h"

/* The few llvm-c declarations we need (llvm-c/Disassembler.h). */
typedef void *llvm_disasm_t;
typedef int (*llvm_opinfo_cb)(void *info, uint64_t pc, uint64_t off,
			      uint64_t size, int tag, void *tagbuf);
typedef const char *(*llvm_symlookup_cb)(void *info, uint64_t value,
					 uint64_t *type, uint64_t pc,
					 const char **name);

struct llvm_api {
	void (*init_target_info)(void);
	void (*init_target_mc)(void);
	void (*init_disassembler)(void);
	char *(*default_triple)(void);
	void (*dispose_message)(char *msg);
	llvm_disasm_t (*create)(const char *triple, void *info, int tag,
				llvm_opinfo_cb opinfo,
				llvm_symlookup_cb symlookup);
	size_t (*disasm)(llvm_disasm_t dc, uint8_t *bytes, uint64_t size,
			 uint64_t pc, char *out, size_t outsz);
	void (*dispose)(llvm_disasm_t dc);
};

struct jit_disasm {
	void *lib;
	struct llvm_api api;
	llvm_disasm_t dc;
};

/* The host's LLVM target, whose init functions we call by name. */
#if defined(__x86_64__) || defined(__i386__)
#define LLVM_TARGET "X86"
#elif defined(__aarch64__)
#define LLVM_TARGET "AArch64"
#elif defined(__arm__)
#define LLVM_TARGET "ARM"
#elif defined(__riscv)
#define LLVM_TARGET "RISCV"
#elif defined(__s390x__)
#define LLVM_TARGET "SystemZ"
#elif defined(__powerpc__)
#define LLVM_TARGET "PowerPC"
#elif defined(__loongarch__)
#define LLVM_TARGET "LoongArch"
#elif defined(__mips__)
#define LLVM_TARGET "Mips"
#else
#define LLVM_TARGET "X86"
#endif

#define LLVM_HINT "libLLVM-14.so.1 or newer; install libllvm14"

/*
 * The i-th libLLVM name to try; false past the last. 14 first: the version
 * upstream bpftool's output is checked against; then newer ones in their
 * three spellings, then older ones, then the unversioned name.
 */
static bool llvm_name(int i, char *name, size_t size)
{
	static const char *const fmt[] = {
		"libLLVM-%d.so.1", "libLLVM.so.%d.1", "libLLVM-%d.so",
	};
	const int newer = (30 - 14 + 1) * 3, older = 4;

	if (i < newer)
		snprintf(name, size, fmt[i % 3], 14 + i / 3);
	else if (i < newer + older)
		snprintf(name, size, "libLLVM-%d.so.1", 13 - (i - newer));
	else if (i == newer + older)
		snprintf(name, size, "libLLVM.so");
	else
		return false;
	return true;
}

static void *open_llvm(void)
{
	/*
	 * Not from the environment when bpfkit runs with more privilege than
	 * its caller (setcap on the binary, setuid): the caller would choose
	 * the code we run with it. secure_getenv() says NULL then.
	 */
	const char *env = secure_getenv("BPFKIT_LLVM_LIB");
	char name[64];
	void *h;
	int i;

	if (env && *env)
		return dlopen(env, RTLD_NOW | RTLD_LOCAL);
	for (i = 0; llvm_name(i, name, sizeof(name)); i++) {
		h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
		if (h)
			return h;
	}
	return NULL;
}

/* name (a bare soname) in a directory of LD_LIBRARY_PATH */
static bool in_ld_library_path(const char *name)
{
	const char *p = getenv("LD_LIBRARY_PATH");
	char path[PATH_MAX];
	size_t n;

	for (; p && *p; p += n + (p[n] == ':')) {
		n = strcspn(p, ":");
		if (n && (size_t)snprintf(path, sizeof(path), "%.*s/%s",
					  (int)n, p, name) < sizeof(path) &&
		    !access(path, R_OK))
			return true;
	}
	return false;
}

/*
 * The dynamic linker's cache holds every system library's soname, as a
 * string of its own or as the tail of its path.
 */
static bool in_ld_cache(const char *cache, size_t len, const char *name)
{
	size_t n = strlen(name) + 1;	/* with its NUL */
	const char *p = cache, *end = cache + len, *hit;

	while ((hit = memmem(p, end - p, name, n))) {
		if (hit == cache || hit[-1] == '\0' || hit[-1] == '/')
			return true;
		p = hit + 1;
	}
	return false;
}


/*
 * Found without loading it: "version" must not pull the whole of LLVM into
 * a command that never disassembles (see the test on LD_DEBUG=libs).
 */
bool jit_disasm_available(void)
{
	/* the same choice open_llvm() would make */
	const char *env = secure_getenv("BPFKIT_LLVM_LIB");
	struct btf_bytes cache = {};
	struct btf_err e;
	bool found = false;
	char name[64];
	int i;

	if (env && *env && strchr(env, '/'))
		return !access(env, R_OK);
	if (btf_src_read("/etc/ld.so.cache", &cache, &e))
		memset(&cache, 0, sizeof(cache));	/* then by name only */
	for (i = 0; !found; i++) {
		if (env && *env)
			snprintf(name, sizeof(name), "%s", env);
		else if (!llvm_name(i, name, sizeof(name)))
			break;
		found = in_ld_library_path(name) ||
			(cache.data && in_ld_cache(cache.data, cache.size, name));
		if (env && *env)
			break;
	}
	btf_src_bytes_free(&cache);
	return found;
}

static int bind_sym(void *lib, const char *name, void *slot)
{
	void *sym = dlsym(lib, name);

	if (!sym)
		return p_err("jited dump needs LLVM's disassembler, but libLLVM lacks %s (%s)",
			     name, LLVM_HINT);
	memcpy(slot, &sym, sizeof(sym));
	return 0;
}

static int bind_api(void *lib, struct llvm_api *a)
{
	return bind_sym(lib, "LLVMInitialize" LLVM_TARGET "TargetInfo",
		    &a->init_target_info) ||
	       bind_sym(lib, "LLVMInitialize" LLVM_TARGET "TargetMC",
		    &a->init_target_mc) ||
	       bind_sym(lib, "LLVMInitialize" LLVM_TARGET "Disassembler",
		    &a->init_disassembler) ||
	       bind_sym(lib, "LLVMGetDefaultTargetTriple",
			&a->default_triple) ||
	       bind_sym(lib, "LLVMDisposeMessage", &a->dispose_message) ||
	       bind_sym(lib, "LLVMCreateDisasm", &a->create) ||
	       bind_sym(lib, "LLVMDisasmInstruction", &a->disasm) ||
	       bind_sym(lib, "LLVMDisasmDispose", &a->dispose) ? -1 : 0;
}

/*
 * Saying "no reference" makes LLVM print branch targets as addresses
 * instead of raw displacements, as bpftool does.
 */
static const char *no_symbol(void *info, uint64_t value, uint64_t *type,
			     uint64_t pc, const char **name)
{
	(void)info;
	(void)value;
	(void)pc;
	(void)name;
	*type = 0;	/* LLVMDisassembler_ReferenceType_InOut_None */
	return NULL;
}

struct jit_disasm *jit_disasm_open(void)
{
	struct jit_disasm *d = calloc(1, sizeof(*d));
	char *triple;

	if (!d) {
		p_err("out of memory");
		return NULL;
	}
	d->lib = open_llvm();
	if (!d->lib) {
		p_err("jited dump needs LLVM's disassembler (%s): %s",
		      LLVM_HINT, dlerror());
		free(d);
		return NULL;
	}
	if (bind_api(d->lib, &d->api)) {
		free(d);
		return NULL;
	}
	d->api.init_target_info();
	d->api.init_target_mc();
	d->api.init_disassembler();
	triple = d->api.default_triple();
	if (!triple) {
		p_err("Failed to retrieve triple");
		free(d);
		return NULL;
	}
	d->dc = d->api.create(triple, NULL, 0, NULL, no_symbol);
	d->api.dispose_message(triple);
	if (!d->dc) {
		p_err("Failed to create disassembler");
		free(d);
		return NULL;
	}
	return d;
}

void jit_disasm_close(struct jit_disasm *d)
{
	if (!d)
		return;
	if (d->dc)
		d->api.dispose(d->dc);
	/*
	 * The library stays mapped: unloading LLVM runs its C++ static
	 * destructors while libstdc++ may still reference them at exit.
	 */
	free(d);
}

/* Next token of s delimited by any of delims; NULL at the end. */
static char *token(char **s, const char *delims)
{
	char *p = *s + strspn(*s, delims), *end;

	if (!*p) {
		*s = p;
		return NULL;
	}
	end = p + strcspn(p, delims);
	if (*end)
		*end++ = '\0';
	*s = end;
	return p;
}

/* "\tmovq\t%rsp, %rbp" -> "operation":"movq","operands":["%rsp","%rbp"] */
static void insn_json(char *text)
{
	char *p = text, *tok;
	int n = 0;

	tok = token(&p, " \t");
	jsonw_string_field(json_wtr, "operation", tok ? tok : "");
	jsonw_name(json_wtr, "operands");
	jsonw_start_array(json_wtr);
	while ((tok = token(&p, " \t,()"))) {
		jsonw_string(json_wtr, tok);
		n++;
	}
	if (!n)
		jsonw_null(json_wtr);	/* bpftool's marker for "none" */
	jsonw_end_array(json_wtr);
}

static void print_opcodes(const unsigned char *b, size_t n)
{
	size_t i;

	if (json_wtr) {
		jsonw_name(json_wtr, "opcodes");
		jsonw_start_array(json_wtr);
		for (i = 0; i < n; i++)
			jsonw_hex_byte(json_wtr, b[i]);
		jsonw_end_array(json_wtr);
		return;
	}
	printf("\n\t");
	for (i = 0; i < n; i++)
		printf("%02x ", b[i]);
}

static const struct bpf_line_info *jit_linfo(const struct jit_func *fn,
					     __u32 pc, unsigned int *nr_skip)
{
	const struct bpf_line_info *li;

	if (!fn->linfo)
		return NULL;
	li = bpf_prog_linfo__lfind_addr_func(fn->linfo, fn->addr + pc,
					     fn->func_idx, *nr_skip);
	if (li)
		(*nr_skip)++;
	return li;
}

int jit_disasm_print(struct jit_disasm *d, const struct jit_func *fn)
{
	const struct bpf_line_info *li;
	unsigned int nr_skip = 0;
	__u32 pc = 0;
	size_t count;
	char buf[256];

	/*
	 * Lengths come from the kernel's func_lens, cut to the image: say so
	 * (an error value also keeps the caller's "insns" key valid JSON).
	 */
	if (!fn->len)
		return p_err("no jited instructions for function %u",
			     fn->func_idx);
	if (json_wtr)
		jsonw_start_array(json_wtr);
	do {
		li = jit_linfo(fn, pc, &nr_skip);
		if (json_wtr) {
			jsonw_start_object(json_wtr);
			if (li)
				linfo_print_json(fn->btf, li, fn->linum);
			jsonw_name(json_wtr, "pc");
			jsonw_printf(json_wtr, "\"0x%x\"", pc);
		} else {
			if (li)
				linfo_print_plain(stdout, fn->btf, li,
						  fn->linum);
			printf("%4x:", pc);
		}
		buf[0] = '\0';
		count = d->api.disasm(d->dc, (uint8_t *)fn->image + pc,
				      fn->len - pc, fn->addr + pc, buf,
				      sizeof(buf));
		if (json_wtr)
			insn_json(buf);
		else
			fputs(buf, stdout);
		if (fn->opcodes)
			print_opcodes(fn->image + pc, count);
		/* inline: this runs once per instruction */
		if (json_wtr)
			jsonw_end_object(json_wtr);
		else
			putchar('\n');
		pc += count;
	} while (count > 0 && pc < fn->len);
	print_end_array(NULL);
	return 0;
}
