#!/usr/bin/env bats
# prog show: every field (plain and JSON), selection, holders, pins, errors.
# Other suites load objects at the same time: everything here is selected
# by the ids, names and paths this file creates.

load helpers

setup() {
	setup_bpffs
	OBJ=$(build_bpf_obj show_meta.bpf.c)
	mkdir "$BPFFS/p"
	start_holder "$OBJ" "$BPFFS/p"
	SOCK="$BPFFS/p/show_sock"
	XDP="$BPFFS/p/show_xdp_with_a_long_name"
	ID=$("$BPFKIT" -j prog show pinned "$SOCK" | jq .id)
	XID=$("$BPFKIT" -j prog show pinned "$XDP" | jq .id)
}

teardown() {
	teardown_bpffs
}

@test "prog show plain: header, load, size and extra lines" {
	run --separate-stderr "$BPFKIT" prog show id "$ID"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "${lines[0]}" =~ ^$ID:\ socket_filter\ \ name\ show_sock\ \ tag\ [0-9a-f]{16}\ \ gpl$ ]]
	[[ "${lines[1]}" =~ ^$'\t'loaded_at\ [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{4}\ \ uid\ 0$ ]]
	[[ "${lines[2]}" =~ ^$'\t'xlated\ [0-9]+B\ \ jited\ [0-9]+B\ \ memlock\ [0-9]+B\ \ map_ids\ [0-9]+,[0-9]+,[0-9]+$ ]]
	[[ "${lines[3]}" =~ ^$'\t'btf_id\ [0-9]+$ ]]
	[ "${lines[4]}" = $'\t'"pids bpfload($HOLDER_PID)" ]
	[ "${lines[5]}" = $'\t'"metadata:" ]
	[ "${lines[6]}" = $'\t\t''owner = "show-team"' ]
	[ "${lines[7]}" = $'\t\t''build = 42' ]
	[ "${#lines[@]}" -eq 8 ]
}

@test "prog show JSON: keys, order and values" {
	run --separate-stderr "$BPFKIT" -j prog show id "$ID"
	[ "$status" -eq 0 ]
	now=$(date +%s)
	echo "$output" | jq -e --argjson id "$ID" --argjson pid "$HOLDER_PID" --argjson now "$now" '
		.id == $id and .type == "socket_filter" and .name == "show_sock" and
		(.tag | test("^[0-9a-f]{16}$")) and .gpl_compatible == true and
		(.loaded_at | type == "number") and (($now - .loaded_at) | fabs < 600) and
		.uid == 0 and .orphaned == false and .bytes_xlated > 0 and
		.jited == true and .bytes_jited > 0 and .bytes_memlock > 0 and
		(.map_ids | length == 3) and .btf_id > 0 and .verified_insns > 0 and
		.pids == [{"pid": $pid, "comm": "bpfload"}] and
		.metadata == {"owner": "show-team", "build": 42} and
		(has("pinned") | not) and (has("run_time_ns") | not)' >/dev/null
	keys=$(echo "$output" | jq -c 'keys_unsorted')
	[ "$keys" = '["id","type","name","tag","gpl_compatible","loaded_at","uid","orphaned","bytes_xlated","jited","bytes_jited","bytes_memlock","map_ids","btf_id","verified_insns","pids","metadata"]' ]
}

@test "prog show: loaded_at plain and JSON agree" {
	secs=$("$BPFKIT" -j prog show id "$ID" | jq .loaded_at)
	plain=$("$BPFKIT" prog show id "$ID" | sed -n 's/^\tloaded_at \([^ ]*\) .*/\1/p')
	[ "$(date -d "@$secs" +%FT%T%z)" = "$plain" ]
}

@test "prog show (all): every program's loaded_at, plain and JSON agree" {
	# one line formatted per second: programs loaded in other seconds
	# (other suites', the system's) must not repeat an earlier line
	sleep 1.1
	start_holder "$OBJ" "$BPFFS/p2"
	"$BPFKIT" -j prog show | jq -r '.[] | "\(.id) \(.loaded_at)"' |
		while read -r id secs; do
			echo "$id $(date -d "@$secs" +%FT%T%z)"
		done | sort >"$BATS_TEST_TMPDIR/json"
	"$BPFKIT" prog show | awk '/^[0-9]+: / { id = $1 + 0 }
		/^\tloaded_at / { print id, $2 }' | sort >"$BATS_TEST_TMPDIR/plain"
	# programs loaded or freed between the two runs aside
	[ "$(join "$BATS_TEST_TMPDIR/json" "$BATS_TEST_TMPDIR/plain" |
		awk '$2 != $3' | wc -l)" -eq 0 ]
	[ "$(join "$BATS_TEST_TMPDIR/json" "$BATS_TEST_TMPDIR/plain" | wc -l)" -ge 4 ]
	[ "$(sort -u -k2 "$BATS_TEST_TMPDIR/plain" | wc -l)" -ge 2 ]
}

@test "prog show pretty JSON keeps one key per line" {
	run "$BPFKIT" -p prog show id "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "{" ]
	[ "${lines[1]}" = "    \"id\": $ID," ]
	[ "${lines[2]}" = '    "type": "socket_filter",' ]
	echo "$output" | jq -e . >/dev/null
}

@test "prog show: full name past 15 characters comes from BTF" {
	run "$BPFKIT" prog show name show_xdp_with_a_long_name
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "$XID: xdp  name show_xdp_with_a_long_name  tag "* ]]
	run "$BPFKIT" -j prog show id "$XID"
	[ "$(echo "$output" | jq -r .name)" = show_xdp_with_a_long_name ]
}

@test "prog show: run_time_ns and run_cnt appear with bpf stats" {
	old=$(sysctl -n kernel.bpf_stats_enabled)
	printf '\0%.0s' $(seq 64) >"$BATS_TEST_TMPDIR/pkt"
	sysctl -qw kernel.bpf_stats_enabled=1
	run "$BPFKIT" prog run id "$XID" data_in "$BATS_TEST_TMPDIR/pkt" repeat 3
	ran=$status
	json=$("$BPFKIT" -j prog show id "$XID")
	plain=$("$BPFKIT" prog show id "$XID" | head -1)
	sysctl -qw kernel.bpf_stats_enabled="$old"
	# prog run is a bpfkit command: its failure fails this test
	[ "$ran" -eq 0 ]
	echo "$json" | jq -e '.run_time_ns > 0 and .run_cnt >= 3' >/dev/null
	[[ "$plain" =~ \ \ gpl\ run_time_ns\ [0-9]+\ run_cnt\ [0-9]+$ ]]
	keys=$(echo "$json" | jq -c 'keys_unsorted[0:7]')
	[ "$keys" = '["id","type","name","tag","gpl_compatible","run_time_ns","run_cnt"]' ]
}

@test "prog show selects by id, pinned, tag and name: one match is an object" {
	tag=$("$BPFKIT" -j prog show id "$ID" | jq -r .tag)
	for h in "id $ID" "pinned $SOCK" "name show_sock" "tag $tag" "i $ID" "p $SOCK"; do
		run "$BPFKIT" -j prog show $h
		[ "$status" -eq 0 ]
		[ "$(echo "$output" | jq -r 'type')" = object ]
		[ "$(echo "$output" | jq .id)" = "$ID" ]
	done
	run "$BPFKIT" prog list id "$ID"
	[[ "${lines[0]}" == "$ID: socket_filter  name show_sock"* ]]
}

@test "prog show: several matches give an array" {
	mkdir "$BPFFS/q"
	start_holder "$OBJ" "$BPFFS/q"
	id2=$("$BPFKIT" -j prog show pinned "$BPFFS/q/show_sock" | jq .id)
	tag=$("$BPFKIT" -j prog show id "$ID" | jq -r .tag)
	run "$BPFKIT" -j prog show name show_sock
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson a "$ID" --argjson b "$id2" \
		'type == "array" and ([.[].id] | index($a) != null and index($b) != null)' >/dev/null
	run "$BPFKIT" -j prog show tag "$tag"
	echo "$output" | jq -e --argjson a "$ID" --argjson b "$id2" \
		'[.[].id] | index($a) != null and index($b) != null' >/dev/null
	run "$BPFKIT" prog show name show_sock
	[ "$(printf '%s\n' "${lines[@]}" | grep -cE "^($ID|$id2): socket_filter")" -eq 2 ]
}

# bpftool exits 255 too, but says nothing (an empty document under -j).
@test "prog show: no match is an error line or object, exit 255" {
	run --separate-stderr "$BPFKIT" prog show name bpfkit_no_such_prog
	[ "$status" -eq 255 ]
	[ -z "$output" ]
	[ "$stderr" = "Error: no program with name bpfkit_no_such_prog" ]
	run --separate-stderr "$BPFKIT" -j prog show tag 0123456789abcdef
	[ "$status" -eq 255 ]
	[ "$(jq -r .error <<<"$output")" = "no program with tag 0123456789abcdef" ]
	run --separate-stderr "$BPFKIT" -p prog show name bpfkit_no_such_prog
	[ "$status" -eq 255 ]
	jq -e '.error == "no program with name bpfkit_no_such_prog"' <<<"$output" >/dev/null
}

@test "prog show: holders appear and disappear" {
	run "$BPFKIT" -j prog show id "$ID"
	echo "$output" | jq -e --argjson pid "$HOLDER_PID" '.pids | map(.pid) | index($pid) != null' >/dev/null
	kill "$HOLDER_PID"
	wait "$HOLDER_PID" 2>/dev/null || true
	run "$BPFKIT" -j prog show id "$ID"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'has("pids") | not' >/dev/null
	run "$BPFKIT" prog show id "$ID"
	[[ "$output" != *pids* ]]
}

@test "prog show -f: pinned paths, plain and JSON" {
	run "$BPFKIT" -f prog show id "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[3]}" = $'\t'"pinned $SOCK" ]
	[[ "${lines[4]}" =~ ^$'\t'btf_id ]]
	run "$BPFKIT" -j -f prog show id "$ID"
	[ "$(echo "$output" | jq -c .pinned)" = "[\"$SOCK\"]" ]
	echo "$output" | jq -e 'keys_unsorted | index("pinned") == index("verified_insns") + 1' >/dev/null
	# a second pin of the same program: both paths, newest first
	run "$BPFKIT" prog pin id "$ID" "$BPFFS/second"
	if [ "$status" -eq 0 ]; then
		run "$BPFKIT" -j -f prog show id "$ID"
		echo "$output" | jq -e --arg a "$SOCK" --arg b "$BPFFS/second" \
			'.pinned | length == 2 and index($a) != null and index($b) != null' >/dev/null
	fi
	run "$BPFKIT" -j prog show id "$ID"
	echo "$output" | jq -e 'has("pinned") | not' >/dev/null
}

@test "prog show -f: pins at any depth, past PATH_MAX; symlinks not followed" {
	local name dir rel=""
	name=$(printf 'd%.0s' $(seq 1 60))
	# 80 levels of 60-byte names: deeper than any fixed limit, and a
	# path (4,900 bytes) no single open() could take
	(
		cd "$BPFFS" || exit 1
		for _ in $(seq 1 80); do
			mkdir "$name" && cd "$name" || exit 1
		done
		"$BPFKIT" prog pin id "$ID" ./deep_pin
	)
	for _ in $(seq 1 80); do rel="$rel/$name"; done
	ln -s "$BPFFS/p" "$BPFFS/link_to_p"
	run --separate-stderr "$BPFKIT" -j -f prog show id "$ID"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output" | jq -e --arg a "$SOCK" --arg b "$BPFFS$rel/deep_pin" \
		'.pinned | length == 2 and index($a) != null and index($b) != null' >/dev/null
	run "$BPFKIT" -f prog show id "$ID"
	[[ "$output" == *$'\t'"pinned $BPFFS$rel/deep_pin"* ]]
	[[ "$output" != *link_to_p* ]]
}

@test "prog show -f -j: every program has a pinned array" {
	run "$BPFKIT" -j -f prog show
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'all(.[]; .pinned | type == "array")' >/dev/null
	echo "$output" | jq -e --argjson id "$ID" --arg p "$SOCK" \
		'.[] | select(.id == $id) | .pinned == [$p]' >/dev/null
}

@test "prog show (all): our programs are listed, in id order" {
	run "$BPFKIT" -j prog show
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson a "$ID" --argjson b "$XID" \
		'([.[].id] | index($a) != null and index($b) != null) and ([.[].id] == ([.[].id] | sort))' >/dev/null
	run "$BPFKIT" prog
	[[ "$output" == *"$ID: socket_filter  name show_sock"* ]]
}

@test "prog show stays quiet while holders come and go" {
	obj=$(build_bpf_obj cli_basic.bpf.c)
	(
		for _ in $(seq 1 40); do
			"$BPFLOAD" "$obj" /nonexistent --no-pin --hold >/dev/null 2>&1 &
			sleep 0.02
			kill $! 2>/dev/null
			wait $! 2>/dev/null
		done
	) &
	churn=$!
	HOLDER_PIDS+=("$churn")
	for _ in $(seq 1 15); do
		run --separate-stderr "$BPFKIT" -j prog show
		[ "$status" -eq 0 ] || { echo "$output $stderr"; false; }
		[ -z "$stderr" ]
		echo "$output" | jq -e 'type == "array"' >/dev/null
		run --separate-stderr "$BPFKIT" -j link show
		[ "$status" -eq 0 ] || { echo "$output $stderr"; false; }
		[ -z "$stderr" ]
	done
	wait "$churn" || true
}

@test "prog show with inherited fds among ours: output and holders intact" {
	# fds 5 and 8 are not ours: the runs of fds we close must skip them
	run --separate-stderr bash -c "exec 5</dev/null 8</dev/null
		'$BPFKIT' -j prog show && '$BPFKIT' -f prog show id $ID"
	[ "$status" -eq 0 ] || { echo "$output $stderr"; false; }
	[ -z "$stderr" ]
	echo "${lines[0]}" | jq -e --argjson id "$ID" --argjson pid "$HOLDER_PID" \
		'map(select(.id == $id))[0].pids | map(.pid) | index($pid) != null' >/dev/null
	[[ "$output" == *$'\t'"pinned $SOCK"* ]]
}

@test "prog show under a low fd limit: every program, holder and pin" {
	run --separate-stderr bash -c "ulimit -n 32; '$BPFKIT' -j -f prog show"
	[ "$status" -eq 0 ] || { echo "$output $stderr"; false; }
	[ -z "$stderr" ]
	echo "$output" | jq -e --argjson id "$ID" --argjson pid "$HOLDER_PID" \
		--arg pin "$SOCK" 'map(select(.error)) == [] and
		(map(select(.id == $id))[0] |
		 (.pids | map(.pid) | index($pid) != null) and
		 (.pinned | index($pin) != null))' >/dev/null
}

# wait (bounded) for "ready" in FILE from PID
wait_ready() {
	for _ in $(seq 1 200); do
		grep -q ready "$1" 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || break
		sleep 0.05
	done
	cat "$1" >&2
	return 1
}

@test "holders: runs of many objects, and objects of two kinds interleaved with files" {
	# mkobjs holds 80 maps, then 100 programs, in a row (runs of fds told
	# by their fdinfo, and split between threads); the driver holds some
	# of them again, a program, a map and a plain file in turn
	build_tool mkobjs
	build_tool proc_walk_driver src/kern/proc_walk.c src/kern/fd_batch.c \
		src/base/array.c
	mkdir "$BPFFS/k"
	"$TBUILD/mkobjs" "$BPFFS/k" 100 80 >"$BATS_TEST_TMPDIR/mk.out" 2>&1 &
	MK=$!
	HOLDER_PIDS+=("$MK")
	wait_ready "$BATS_TEST_TMPDIR/mk.out" "$MK"
	: >"$BATS_TEST_TMPDIR/f"
	args=()
	for i in 0 1 2 3 4 5; do args+=("$BPFFS/k/p$i" "$BPFFS/k/m$i"); done
	# fds 3..14 are the objects; 15 is a file, then p6
	( exec 15<"$BATS_TEST_TMPDIR/f"
	  exec "$TBUILD/proc_walk_driver" hold "${args[@]}" "$BPFFS/k/p6" ) \
		>"$BATS_TEST_TMPDIR/hold.out" 2>&1 &
	DRV=$!
	HOLDER_PIDS+=("$DRV")
	wait_ready "$BATS_TEST_TMPDIR/hold.out" "$DRV"
	for kind in prog map; do
		run --separate-stderr "$BPFKIT" -j -f $kind show
		[ "$status" -eq 0 ]
		letter=p n=100
		[ $kind = map ] && letter=m n=80
		# every object: mkobjs, and the driver for those it holds too
		echo "$output" | jq -e --arg pre "$BPFFS/k/$letter" --argjson n $n \
			--argjson mk "$MK" --argjson drv "$DRV" --arg kind $kind '
			[.[] | select(.pinned // [] | any(startswith($pre)))] as $o |
			($o | length) == $n and
			all($o[]; (.pinned[0] | ltrimstr($pre) | tonumber) as $i |
			    .pids == ([{pid: $mk, comm: "mkobjs"}] +
				(if $i < 6 or ($kind == "prog" and $i == 6)
				 then [{pid: $drv, comm: "proc_walk_drive"}]
				 else [] end) | sort_by(.pid)))' >/dev/null
	done
}

@test "prog show | head -1 exits quietly" {
	run --separate-stderr bash -c "'$BPFKIT' prog show | head -1"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ -z "$stderr" ]
}

@test "prog show errors: JSON error objects and exit codes" {
	run --separate-stderr "$BPFKIT" -j prog show id 4000000000
	[ "$status" -eq 255 ]
	[ "$(echo "$output" | jq -r .error)" = "get by id (4000000000): No such file or directory" ]
	run --separate-stderr "$BPFKIT" prog show id 4000000000
	[ "$status" -eq 255 ]
	[ -z "$output" ]
	[ "$stderr" = "Error: get by id (4000000000): No such file or directory" ]
}

@test "prog show bad input: one error line each" {
	touch "$BATS_TEST_TMPDIR/regular"
	check() {
		local want=$1; shift
		run --separate-stderr "$BPFKIT" "$@"
		[ "$status" -eq 255 ]
		[ "$stderr" = "Error: $want" ]
		run --separate-stderr "$BPFKIT" -j "$@"
		[ "$status" -eq 255 ]
		[ "$(echo "$output" | jq -r .error)" = "$want" ]
	}
	check "what is 'id'?" prog show id
	check "can't parse abc as ID" prog show id abc
	check "can't parse -1 as ID" prog show id -- -1
	check "what is 'id'?" prog show id "$ID" extra
	check "expected 'id', 'tag', 'name' or 'pinned', got: 'bogus'?" prog show bogus 1
	check "can't parse tag" prog show tag 12345
	check "bpf obj get ($BATS_TEST_TMPDIR): directory not in bpf file system (bpffs)" \
		prog show pinned "$BATS_TEST_TMPDIR/regular"
	check "bpf obj get ($BPFFS/nope): No such file or directory" \
		prog show pinned "$BPFFS/nope"
}

@test "prog show pinned: a pinned object of another kind is refused" {
	obj=$(build_bpf_obj cli_basic.bpf.c)
	mkdir "$BPFFS/c" "$BPFFS/m"
	"$BPFLOAD" "$obj" "$BPFFS/c" --maps "$BPFFS/m"
	run --separate-stderr "$BPFKIT" prog show pinned "$BPFFS/m/cli_counts"
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: incorrect object type: map" ]
}

@test "prog show without privileges names the missing capability" {
	command -v setpriv >/dev/null || skip "needs setpriv"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all "$BPFKIT" -d prog show
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"Error: can't get next program: Operation not permitted (missing CAP_BPF"* ]]
	[[ "$stderr" == *"holder list incomplete"* ]]
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all "$BPFKIT" -j prog show
	echo "$output" | jq -e '.[0].error | test("missing CAP_BPF")' >/dev/null
}

@test "prog help lists every prog command" {
	run --separate-stderr "$BPFKIT" prog help
	[ "$status" -eq 0 ]
	for c in "{ show | list } [PROG]" "dump xlated PROG" "dump jited  PROG" \
		"pin   PROG FILE" "{ load | loadall } OBJ  PATH" "attach PROG ATTACH_TYPE" \
		"detach PROG ATTACH_TYPE" "run PROG" "profile PROG" "tracelog" \
		"tracelog { stdout | stderr } PROG" "prog help" "[kernel_btf BTF_FILE]" \
		"[autoattach]" "PROG := { id PROG_ID"; do
		[[ "$stderr" == *"$c"* ]] || { echo "missing: $c"; false; }
	done
}

# Same object, same question: the keys both tools print must agree.
same_keys() {
	jq -n --argjson a "$1" --argjson b "$2" \
		'[($a | keys[]) as $k | select($b | has($k)) | select($a[$k] != $b[$k]) | $k]'
}

@test "prog show -j agrees with Debian's bpftool" {
	require_bpftool
	ref=$BPFTOOL_REF
	for id in "$ID" "$XID"; do
		a=$("$BPFKIT" -j -f prog show id "$id")
		b=$("$ref" -j -f prog show id "$id")
		[ "$(same_keys "$a" "$b")" = "[]" ] || { same_keys "$a" "$b"; false; }
		# bpftool 7.1.0 lacks orphaned/pids/verified_insns, nothing else
		extra=$(jq -n -c --argjson a "$a" --argjson b "$b" '($a | keys) - ($b | keys)')
		[ "$extra" = '["orphaned","pids","verified_insns"]' ]
	done
	a=$("$BPFKIT" prog show id "$XID" | grep -v pids)
	b=$("$ref" prog show id "$XID")
	[ "$a" = "$b" ]
}

@test "map show -j agrees with Debian's bpftool" {
	require_bpftool
	ref=$BPFTOOL_REF
	mid=$("$BPFKIT" -j prog show id "$ID" | jq '.map_ids[0]')
	a=$("$BPFKIT" -j map show id "$mid")
	b=$("$ref" -j map show id "$mid")
	[ "$(same_keys "$a" "$b")" = "[]" ] || { same_keys "$a" "$b"; false; }
}
