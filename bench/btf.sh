#!/usr/bin/env bash
# btf dump speed and memory: bpfkit vs Debian's bpftool on the running
# kernel's vmlinux BTF.
#
# Each case runs RUNS times, alternating the two tools, and prints for
# each the median wall time, the median CPU time (user + system: steadier
# than wall time on a busy machine) and the median peak RSS (/usr/bin/time
# %M), and the speedups (bpftool time / bpfkit time; > 1: bpfkit is faster).
#
# Debian's bpftool 7.1.0 does not sort C output and has no "unsorted"
# keyword, so every "format c" case runs plain "format c" on bpftool: bpfkit
# sorted (upstream HEAD's default) is compared with bpftool unsorted, and
# bpfkit "unsorted" with the same bpftool command.
#
#   bench/btf.sh [RUNS]       env: BPFKIT BPFTOOL BTF (a BTF file)
set -u
cd "$(dirname "$0")/.." || exit 2
RUNS=${1:-9}
BPFKIT=${BPFKIT:-$PWD/bpfkit}
BPFTOOL=${BPFTOOL:-/usr/sbin/bpftool}
BTF=${BTF:-/sys/kernel/btf/vmlinux}

[ -x "$BPFTOOL" ] || { echo "bench/btf.sh: no $BPFTOOL to compare with" >&2; exit 2; }
[ -x "$BPFKIT" ] || { echo "bench/btf.sh: build bpfkit first (make)" >&2; exit 2; }
[ -r "$BTF" ] || { echo "bench/btf.sh: cannot read $BTF" >&2; exit 2; }
if [ ! -x /usr/bin/time ]; then
	echo "bench/btf.sh: installing GNU time for peak RSS" >&2
	apt-get install -y -qq time >/dev/null 2>&1 ||
		{ echo "bench/btf.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
fi

OUT=$(mktemp -d /tmp/bpfkit-bench-btf.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# run1 TOOL DEST ARGS...: prints "wall_ns rss_kb cpu_s". Wall time comes
# from bash's clock around the bare command: wrapping it in time(1) would
# add a fork and exec to both sides and hide most of a fast tool's lead.
# CPU and peak RSS come from a second run under time(1).
run1() {
	local tool=$1 dest=$2 t0 t1
	shift 2
	t0=${EPOCHREALTIME/./}
	"$tool" "$@" >"$dest" 2>"$OUT/err" ||
		{ echo "bench/btf.sh: $tool $* failed:" >&2; cat "$OUT/err" >&2; exit 1; }
	t1=${EPOCHREALTIME/./}
	/usr/bin/time -f '%M %U %S' -o "$OUT/rss" "$tool" "$@" >"$dest" 2>"$OUT/err" ||
		{ echo "bench/btf.sh: $tool $* failed:" >&2; cat "$OUT/err" >&2; exit 1; }
	echo "$(((t1 - t0) * 1000)) $(tail -1 "$OUT/rss" | awk '{ print $1, $2 + $3 }')"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

printf '%-26s %8s %8s %7s %8s %8s %7s %8s %8s\n' case kit_ms tool_ms wall kit_cpu tool_cpu cpu kit_KB tool_KB

# bench LABEL KDEST TDEST "BPFKIT ARGS" "BPFTOOL ARGS": stdout to K/TDEST
bench() {
	local label=$1 kdest=$2 tdest=$3 kargs=$4 targs=$5 i r
	: >"$OUT/k"
	: >"$OUT/t"
	for i in $(seq 1 "$RUNS"); do
		# shellcheck disable=SC2086
		r=$(run1 "$BPFKIT" "$kdest" $kargs) || exit 1
		echo "$r" >>"$OUT/k"
		# shellcheck disable=SC2086
		r=$(run1 "$BPFTOOL" "$tdest" $targs) || exit 1
		echo "$r" >>"$OUT/t"
	done
	kt=$(cut -d' ' -f1 "$OUT/k" | median)
	tt=$(cut -d' ' -f1 "$OUT/t" | median)
	km=$(cut -d' ' -f2 "$OUT/k" | median)
	tm=$(cut -d' ' -f2 "$OUT/t" | median)
	kc=$(cut -d' ' -f3 "$OUT/k" | median)
	tc=$(cut -d' ' -f3 "$OUT/t" | median)
	awk -v l="$label" -v kt="$kt" -v tt="$tt" -v km="$km" -v tm="$tm" \
	    -v kc="$kc" -v tc="$tc" 'BEGIN {
		kc = kc > 0 ? kc : 0.005	# %U/%S tick: 10 ms
		printf "%-26s %8.1f %8.1f %6.1fx %8.0f %8.0f %6.1fx %8d %8d\n",
			l, kt / 1e6, tt / 1e6, tt / kt, kc * 1000, tc * 1000,
			tc / kc, km, tm }'
}

H=$OUT/vmlinux.h
bench "format c > file"          "$H" "$H"           "btf dump file $BTF format c"          "btf dump file $BTF format c"
bench "format c > /dev/null"     /dev/null /dev/null "btf dump file $BTF format c"          "btf dump file $BTF format c"
bench "format c unsorted > file" "$H" "$H"           "btf dump file $BTF format c unsorted" "btf dump file $BTF format c"
bench "format c -o file"         /dev/null "$H"      "-o $OUT/o.h btf dump file $BTF format c" "btf dump file $BTF format c"
bench "format raw > file"        "$OUT/raw" "$OUT/raw" "btf dump file $BTF format raw"      "btf dump file $BTF format raw"
bench "-j format raw > file"     "$OUT/raw" "$OUT/raw" "-j btf dump file $BTF format raw"   "-j btf dump file $BTF format raw"
echo "(ms: median wall and CPU (user+sys, 10 ms ticks) milliseconds; KB: median peak RSS."
echo " bpftool 7.1.0 never sorts: its side of every format c row is unsorted output;"
echo " the -o row compares bpfkit writing the file itself with bpftool > file)"
