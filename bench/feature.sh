#!/usr/bin/env bash
# feature probe and btf diff speed: bpfkit vs Debian's bpftool.
#
#   live probe    `feature probe` (-j, plain, macros) on the running kernel:
#                 both tools make hundreds of verifier loads. bpftool 7.1's
#                 helper answers are wrong on new kernels, so this compares
#                 cost only.
#   btf diff      `btf diff` of two vmlinux BTF files (OLD, default the 6.1
#                 BTF in ../shared/btf, and NEW, the running kernel's);
#                 bpftool has no diff: its line is what a user does instead,
#                 `btf dump` of both files (raw), before even running diff(1).
#
# Each case runs RUNS times, alternating the tools; medians of wall time
# (bash's clock around the bare command) and CPU time (user + system, from
# time(1) on a second run), and the ratio bpftool / bpfkit (> 1: bpfkit is
# faster).
#
#   bench/feature.sh [RUNS]     env: BPFKIT BPFTOOL OLD NEW
set -u
cd "$(dirname "$0")/.." || exit 2
RUNS=${1:-9}
BPFKIT=${BPFKIT:-$PWD/bpfkit}
BPFTOOL=${BPFTOOL:-/usr/sbin/bpftool}
NEW=${NEW:-/sys/kernel/btf/vmlinux}
OLD=${OLD:-$(ls ../shared/btf/*vmlinux* 2>/dev/null | grep -v '\.tar\.' | head -1)}

[ -x "$BPFTOOL" ] || { echo "bench/feature.sh: no $BPFTOOL to compare with" >&2; exit 2; }
[ -x "$BPFKIT" ] || { echo "bench/feature.sh: build bpfkit first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/feature.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

OUT=$(mktemp -d /tmp/bpfkit-bench-feature.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# run1 TOOL ARGS...: "wall_ns cpu_s"; a shell word "+" splits two commands
run1() {
	local t0 t1 cpu
	t0=${EPOCHREALTIME/./}
	runcmds "$@" || return 1
	t1=${EPOCHREALTIME/./}
	cpu=$( { /usr/bin/time -f '%U %S' bash -c "$(declare -f runcmds); runcmds \"\$@\"" _ "$@" ; } 2>&1 >/dev/null |
		tail -1 | awk '{ print $1 + $2 }')
	echo "$(((t1 - t0) * 1000)) $cpu"
}

# runcmds TOOL ARGS... [+ TOOL ARGS...]
runcmds() {
	local cmd=()
	while [ $# -gt 0 ]; do
		if [ "$1" = + ]; then
			"${cmd[@]}" >/dev/null 2>"$OUT/err" || { cat "$OUT/err" >&2; return 1; }
			cmd=()
		else
			cmd+=("$1")
		fi
		shift
	done
	"${cmd[@]}" >/dev/null 2>>"$OUT/err" || { cat "$OUT/err" >&2; return 1; }
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# bench LABEL "BPFKIT ARGS" "BPFTOOL ARGS" (word-split; "+" chains commands)
bench() {
	local label=$1 kargs=$2 targs=$3 i
	: >"$OUT/k"
	: >"$OUT/t"
	for i in $(seq 1 "$RUNS"); do
		# shellcheck disable=SC2086
		run1 $kargs >>"$OUT/k" || { echo "bench: bpfkit failed: $kargs" >&2; exit 1; }
		# shellcheck disable=SC2086
		run1 $targs >>"$OUT/t" || { echo "bench: bpftool failed: $targs" >&2; exit 1; }
	done
	awk -v l="$label" -v kt="$(cut -d' ' -f1 "$OUT/k" | median)" \
	    -v tt="$(cut -d' ' -f1 "$OUT/t" | median)" \
	    -v kc="$(cut -d' ' -f2 "$OUT/k" | median)" \
	    -v tc="$(cut -d' ' -f2 "$OUT/t" | median)" 'BEGIN {
		kc = kc > 0 ? kc : 0.005
		printf "%-30s %8.1f %8.1f %6.2fx %8.0f %8.0f %6.2fx\n", l,
			kt / 1e6, tt / 1e6, tt / kt, kc * 1000, tc * 1000, tc / kc }'
}

printf '%-30s %8s %8s %7s %8s %8s %7s\n' case kit_ms tool_ms wall kit_cpu tool_cpu cpu
bench "feature probe -j" "$BPFKIT -j feature probe" "$BPFTOOL -j feature probe"
bench "feature probe (plain)" "$BPFKIT feature probe" "$BPFTOOL feature probe"
bench "feature probe macros" "$BPFKIT feature probe macros" "$BPFTOOL feature probe macros"
# only the inputs decide; a failing bpfkit stops the bench (bench above)
if [ -n "$OLD" ] && [ -r "$OLD" ] && [ -r "$NEW" ]; then
	bench "btf diff OLD NEW (vs 2 dumps)" "$BPFKIT btf diff file $OLD file $NEW" \
		"$BPFTOOL btf dump file $OLD + $BPFTOOL btf dump file $NEW"
	bench "btf diff -j" "$BPFKIT -j btf diff file $OLD file $NEW" \
		"$BPFTOOL -j btf dump file $OLD + $BPFTOOL -j btf dump file $NEW"
else
	echo "btf diff: NOT MEASURED (no readable OLD='$OLD' or NEW='$NEW' BTF file)"
	echo "bench/feature.sh: btf diff not measured: set OLD= and NEW= to BTF files" >&2
fi
