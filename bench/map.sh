#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# map dump: bpfkit vs bpftool on a hash map of N (default 100000) u32 keys,
# once with a BTF-described struct value and once without BTF (same sizes).
# For each variant (plain, -j) the outputs are first checked identical, then
# both tools run alternately RUNS times; we print median wall time, median
# CPU time (user+sys: steadier than wall time on a busy machine), peak RSS
# and the ratios.
#
#   bench/map.sh [RUNS]        env: N=entries BPFKIT=binary BPFTOOL=reference
#
# Needs root, clang, and bpftool (Debian's /usr/sbin/bpftool by default).
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-7}
N=${N:-100000}
BPFKIT=${BPFKIT:-$PWD/bpfkit}
BPFTOOL=${BPFTOOL:-$(command -v bpftool || echo /usr/sbin/bpftool)}
TB=tests/build

[ "$(id -u)" = 0 ] || { echo "map.sh: needs root" >&2; exit 1; }
[ -x "$BPFTOOL" ] || { echo "map.sh: no bpftool to compare with" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "map.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -x "$BPFKIT" ] || make -s

mkdir -p "$TB"
cc -O2 -Wall -o "$TB/bpfload" tests/bpfload.c -lbpf -lelf -lz
cc -O2 -Wall -o "$TB/map_fill" tests/map_fill.c -lbpf
clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu \
	-c tests/bpf/map_bench.bpf.c -o "$TB/map_bench.bpf.o"

W=$(mktemp -d /tmp/bpfkit-bench-map.XXXXXX)
cleanup() {
	umount "$W/fs" 2>/dev/null || true
	rm -rf "$W"
}
trap cleanup EXIT
mkdir "$W/fs"
mount -t bpf bpf "$W/fs"
mkdir "$W/fs/p" "$W/fs/m"
"$TB/bpfload" "$TB/map_bench.bpf.o" "$W/fs/p" --maps "$W/fs/m"
"$BPFKIT" map create "$W/fs/nobtf" type hash key 4 value 32 entries 100000 name mb_nobtf
[ "$N" -le 100000 ] || N=100000
"$TB/map_fill" "$W/fs/m/mb_big" "$N"
"$TB/map_fill" "$W/fs/nobtf" "$N"

# wall_one TOOL ARGS... -> wall microseconds (bash's clock: no extra process)
wall_one() {
	local t0=${EPOCHREALTIME/./} t1
	"$@" >/dev/null
	t1=${EPOCHREALTIME/./}
	echo $(( t1 - t0 ))
}

# cpu_one TOOL ARGS... -> "cpu_ms rss_kb" (user+sys and peak RSS from time(1))
cpu_one() {
	/usr/bin/time -f '%U %S %M' -o "$W/rss" "$@" >/dev/null
	tail -1 "$W/rss" | awk '{ printf "%.0f %d\n", ($1 + $2) * 1000, $3 }'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { cut -d' ' -f"$1" "$2" | median; }

printf '%-12s %10s %10s %7s %9s %9s %7s %8s %8s  %s\n' variant "kit wall" "tool wall" ratio \
	"kit cpu" "tool cpu" ratio "kit RSS" "tool RSS" output
for v in "btf plain:$W/fs/m/mb_big:" "btf -j:$W/fs/m/mb_big:-j" \
	 "nobtf plain:$W/fs/nobtf:" "nobtf -j:$W/fs/nobtf:-j"; do
	name=${v%%:*}; rest=${v#*:}; path=${rest%%:*}; opt=${rest#*:}
	"$BPFKIT" $opt map dump pinned "$path" >"$W/a.out"
	"$BPFTOOL" $opt map dump pinned "$path" >"$W/b.out"
	if cmp -s "$W/a.out" "$W/b.out"; then same=identical; else same=DIFFERENT; fi
	: >"$W/kw"; : >"$W/tw"; : >"$W/ka"; : >"$W/ta"
	for _ in $(seq "$RUNS"); do
		wall_one "$BPFKIT" $opt map dump pinned "$path" >>"$W/kw"
		wall_one "$BPFTOOL" $opt map dump pinned "$path" >>"$W/tw"
	done
	for _ in $(seq "$RUNS"); do
		cpu_one "$BPFKIT" $opt map dump pinned "$path" >>"$W/ka"
		cpu_one "$BPFTOOL" $opt map dump pinned "$path" >>"$W/ta"
	done
	kw=$(col 1 "$W/kw"); tw=$(col 1 "$W/tw")
	kc=$(col 1 "$W/ka"); tc=$(col 1 "$W/ta")
	[ "$kc" -gt 0 ] || kc=1
	printf '%-12s %8.1fms %8.1fms %6.1fx %7dms %7dms %6.1fx %6sKB %6sKB  %s (%s bytes)\n' \
		"$name" "$(echo "$kw / 1000" | bc -l)" "$(echo "$tw / 1000" | bc -l)" \
		"$(echo "$tw / $kw" | bc -l)" "$kc" "$tc" "$(echo "$tc / $kc" | bc -l)" \
		"$(col 2 "$W/ka")" "$(col 2 "$W/ta")" "$same" "$(stat -c %s "$W/a.out")"
done
echo "($N entries; medians of $RUNS alternating runs each for wall time, and for"
echo " CPU time and peak RSS under time(1); output to /dev/null)"
