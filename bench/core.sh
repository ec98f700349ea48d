#!/usr/bin/env bash
# core check speed and memory: bpfkit's engine over several kernels in one
# run vs a loop that asks libbpf to relocate the same object per kernel
# (bench/core_libbpf.c: open with btf_custom_path, load, which fails right
# after relocation on purpose).
#
# Kernels: every BTF in ../shared/btf/ that is a whole vmlinux (the 6.1
# file and the 4.19 btfhub archive: bpfkit reads the archive itself,
# libbpf gets it unpacked since it reads raw BTF only) plus the running
# kernel's, repeated REPEAT times so the run is long enough to measure. Prints median wall and CPU time and peak RSS of
# each side, the speedup, and bpfkit's peak RSS against the largest BTF.
#
#   bench/core.sh [RUNS]      env: BPFKIT OBJ REPEAT
set -u
cd "$(dirname "$0")/.." || exit 2
RUNS=${1:-5}
REPEAT=${REPEAT:-4}
BPFKIT=${BPFKIT:-$PWD/bpfkit}
SHARED=../shared/btf

[ -x "$BPFKIT" ] || { echo "bench/core.sh: build bpfkit first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/core.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "bench/core.sh: libbpf's side needs root" >&2; exit 2; }

OUT=$(mktemp -d /tmp/bpfkit-bench-core.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

cc -O2 -o "$OUT/core_libbpf" bench/core_libbpf.c -lbpf -lelf -lz || exit 2
OBJ=${OBJ:-$OUT/core_kinds.bpf.o}
if [ ! -f "$OBJ" ]; then
	clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu \
		-c tests/bpf/core_kinds.bpf.c -o "$OBJ" || exit 2
fi

kernels=(/sys/kernel/btf/vmlinux)
kitkernels=(/sys/kernel/btf/vmlinux)
if [ -f "$SHARED/vmlinux-6.1.0-56-amd64.btf" ]; then
	kernels+=("$SHARED/vmlinux-6.1.0-56-amd64.btf")
	kitkernels+=("$SHARED/vmlinux-6.1.0-56-amd64.btf")
fi
for t in "$SHARED"/*.btf.tar.xz; do
	[ -f "$t" ] || continue
	tar -xJf "$t" -C "$OUT" && kernels+=("$(ls "$OUT"/*.btf | head -1)")
	kitkernels+=("$t")
done
list=()
kargs=()
aargs=()
for _ in $(seq 1 "$REPEAT"); do
	list+=("${kernels[@]}")
	for k in "${kernels[@]}"; do kargs+=(btf "$k"); done
	for k in "${kitkernels[@]}"; do aargs+=(btf "$k"); done
done
largest=0
for k in "${kernels[@]}"; do
	s=$(wc -c <"$k")
	[ "$s" -gt "$largest" ] && largest=$s
done

# run1 CMD...: "wall_ns rss_kb cpu_s"
run1() {
	local t0 t1
	t0=${EPOCHREALTIME/./}
	"$@" >/dev/null 2>"$OUT/err"
	t1=${EPOCHREALTIME/./}
	/usr/bin/time -f '%M %U %S' -o "$OUT/rss" "$@" >/dev/null 2>>"$OUT/err"
	echo "$(((t1 - t0) * 1000)) $(tail -1 "$OUT/rss" | awk '{ print $1, $2 + $3 }')"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

: >"$OUT/k"
: >"$OUT/l"
: >"$OUT/a"
for _ in $(seq 1 "$RUNS"); do
	run1 "$BPFKIT" -j core check "$OBJ" "${kargs[@]}" >>"$OUT/k"
	run1 "$OUT/core_libbpf" "$OBJ" "${list[@]}" >>"$OUT/l"
	run1 "$BPFKIT" -j core check "$OBJ" "${aargs[@]}" >>"$OUT/a"
done
col() { cut -d' ' -f"$2" "$OUT/$1" | median; }
echo "object $(basename "$OBJ"), ${#list[@]} kernels (${#kernels[@]} BTFs x $REPEAT), $(nproc) CPUs"
printf '%-22s %10s %10s %10s\n' "" wall_ms cpu_ms peak_KB
for s in k:bpfkit l:libbpf a:bpfkit-archives; do
	awk -v n="${s#*:}" -v t="$(col "${s%%:*}" 1)" -v c="$(col "${s%%:*}" 3)" \
	    -v m="$(col "${s%%:*}" 2)" 'BEGIN {
		printf "%-22s %10.1f %10.0f %10d\n", n, t / 1e6, c * 1000, m }'
done
awk -v kt="$(col k 1)" -v lt="$(col l 1)" -v km="$(col k 2)" -v big="$largest" 'BEGIN {
	printf "speedup on the same raw BTF files (libbpf/bpfkit wall): %.2fx\n", lt / kt
	printf "bpfkit peak RSS / largest BTF (%d KB): %.2fx\n", big / 1024, km * 1024 / big
}'
echo "(bpfkit-archives: the 4.19 kernel read from its .btf.tar.xz, decompressed each time)"
