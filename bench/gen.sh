#!/usr/bin/env bash
# gen skeleton speed: bpfkit vs Debian's bpftool on a large BPF object.
#
# The object is generated from C: NPROGS raw tracepoint programs, each with
# its own globals in .data, .rodata and .bss, a map per 4 programs, and a large
# initialized array, so the ELF is several hundred KB (printed). Outputs are
# checked byte-identical first; then each tool runs RUNS times, alternating,
# writing to a file, and the median wall time of each and the ratio
# (bpftool / bpfkit; > 1: bpfkit is faster) are printed, for the full and
# the light (-L) skeleton.
#
#   bench/gen.sh [RUNS]       env: BPFKIT BPFTOOL NPROGS BIG (bytes)
set -u
cd "$(dirname "$0")/.." || exit 2
RUNS=${1:-11}
BPFKIT=${BPFKIT:-$PWD/bpfkit}
BPFTOOL=${BPFTOOL:-/usr/sbin/bpftool}
NPROGS=${NPROGS:-150}
BIG=${BIG:-262144}

[ -x "$BPFTOOL" ] || { echo "bench/gen.sh: no $BPFTOOL to compare with" >&2; exit 2; }
[ -x "$BPFKIT" ] || { echo "bench/gen.sh: build bpfkit first (make)" >&2; exit 2; }
command -v clang >/dev/null || { echo "bench/gen.sh: needs clang" >&2; exit 2; }

OUT=$(mktemp -d /tmp/bpfkit-bench-gen.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

{
	echo '#include <linux/bpf.h>'
	echo '#include <bpf/bpf_helpers.h>'
	echo "char big_blob[$BIG] = { 1, 2, 3 };"
	echo 'struct rec { __u64 a; __u32 b[4]; char c; };'
	# light skeletons hold at most 64 maps: one map per 4 programs
	for i in $(seq 0 4 "$NPROGS"); do
		cat <<EOC
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 8);
	 __type(key, __u32); __type(value, struct rec); } map_$i SEC(".maps");
EOC
	done
	for i in $(seq 1 "$NPROGS"); do
		cat <<EOC
__u64 cnt_$i; int val_$i = $i; const volatile __u32 cfg_$i = $i;
struct rec recs_$i[2];
SEC("raw_tp/sys_enter") int prog_$i(void *ctx)
{
	__u32 k = $i; struct rec *r = bpf_map_lookup_elem(&map_$((i - i % 4)), &k);
	cnt_$i += val_$i * cfg_$i + big_blob[$i];
	if (r) recs_$i[1].a += r->a;
	return 0;
}
EOC
	done
	echo 'char LICENSE[] SEC("license") = "GPL";'
} >"$OUT/big.bpf.c"
clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu \
	-c "$OUT/big.bpf.c" -o "$OUT/big.bpf.o" ||
	{ echo "bench/gen.sh: clang failed" >&2; exit 1; }
echo "object: $(stat -c %s "$OUT/big.bpf.o") bytes, $NPROGS programs, $((NPROGS / 4 + 1)) maps"

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# run1 TOOL DEST ARGS...: wall time in microseconds, from bash's clock
run1() {
	local tool=$1 dest=$2 t0 t1
	shift 2
	t0=${EPOCHREALTIME/./}
	"$tool" "$@" >"$dest" 2>"$OUT/err" ||
		{ echo "bench/gen.sh: $tool $* failed:" >&2; cat "$OUT/err" >&2; exit 1; }
	t1=${EPOCHREALTIME/./}
	echo $((t1 - t0))
}

printf '%-22s %9s %9s %7s %10s\n' case kit_ms tool_ms ratio header_KB
bench() {
	local label=$1 i
	shift
	: >"$OUT/k"
	: >"$OUT/t"
	run1 "$BPFKIT" "$OUT/k.h" "$@" >/dev/null
	run1 "$BPFTOOL" "$OUT/t.h" "$@" >/dev/null
	cmp -s "$OUT/k.h" "$OUT/t.h" ||
		{ echo "bench/gen.sh: $label: outputs differ" >&2; exit 1; }
	for i in $(seq 1 "$RUNS"); do
		run1 "$BPFKIT" "$OUT/k.h" "$@" >>"$OUT/k"
		run1 "$BPFTOOL" "$OUT/t.h" "$@" >>"$OUT/t"
	done
	awk -v l="$label" -v k="$(median <"$OUT/k")" -v t="$(median <"$OUT/t")" \
		-v sz="$(stat -c %s "$OUT/k.h")" \
		'BEGIN { printf "%-22s %9.2f %9.2f %7.2f %10d\n", l, k / 1000, t / 1000, t / k, sz / 1024 }'
}

bench "gen skeleton" gen skeleton "$OUT/big.bpf.o"
bench "gen subskeleton" gen subskeleton "$OUT/big.bpf.o" name big
if [ "$(id -u)" = 0 ]; then
	bench "gen skeleton -L" -L gen skeleton "$OUT/big.bpf.o"
else
	echo "gen skeleton -L: needs root (the loader generator probes the kernel)"
fi
