#!/usr/bin/env bats
# iter pin: an iterator over all maps, and one over a map's elements
# (map MAP), pinned in a private bpffs and read back.

load helpers

setup() {
	setup_bpffs
	IT=$(build_bpf_obj admin_iter.bpf.c)
	ITM=$(build_bpf_obj admin_iter_map.bpf.c)
}

teardown() {
	teardown_bpffs
}

# a u32 -> u64 hash map with two elements, pinned at $BPFFS/m
make_map() {
	"$BPFKIT" map create "$BPFFS/m" type hash key 4 value 8 entries 8 name adm_itm
	"$BPFKIT" map update pinned "$BPFFS/m" key 1 0 0 0 value 7 0 0 0 0 0 0 0
	"$BPFKIT" map update pinned "$BPFFS/m" key 2 0 0 0 value 9 0 0 0 0 0 0 0
}

@test "iter pin: a map iterator, read back through the pin" {
	make_map
	run --separate-stderr "$BPFKIT" iter pin "$IT" "$BPFFS/it"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	mid=$("$BPFKIT" -j map show pinned "$BPFFS/m" | jq .id)
	grep -qx "map $mid" "$BPFFS/it"
	# the pin is an iter link
	run "$BPFKIT" -j link show pinned "$BPFFS/it"
	echo "$output" | jq -e '.type == "iter" and .target_name == "bpf_map"' >/dev/null
}

@test "iter pin ... map MAP: the map's elements" {
	make_map
	run "$BPFKIT" -j iter pin "$ITM" "$BPFFS/elems" map pinned "$BPFFS/m"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	[ "$(sort "$BPFFS/elems")" = "$(printf '1 7\n2 9')" ]
	mid=$("$BPFKIT" -j map show pinned "$BPFFS/m" | jq .id)
	run "$BPFKIT" -j link show pinned "$BPFFS/elems"
	echo "$output" | jq -e --argjson m "$mid" '.target_name == "bpf_map_elem" and .map_id == $m' >/dev/null
}

@test "iter pin: same result as bpftool's pin" {
	BT=/usr/sbin/bpftool
	[ -x "$BT" ] || skip "Debian's bpftool is not installed (comparison only)"
	make_map
	"$BT" iter pin "$ITM" "$BPFFS/bt" map pinned "$BPFFS/m"
	"$BPFKIT" iter pin "$ITM" "$BPFFS/kit" map pinned "$BPFFS/m"
	diff <(sort "$BPFFS/bt") <(sort "$BPFFS/kit")
	diff <("$BPFKIT" -j link show pinned "$BPFFS/bt" | jq -c '{type, target_name, map_id}') \
		<("$BPFKIT" -j link show pinned "$BPFFS/kit" | jq -c '{type, target_name, map_id}')
}

@test "iter pin: bad input, one error line, bpftool's exit codes" {
	make_map
	"$BPFKIT" iter pin "$IT" "$BPFFS/taken"
	OBJ=$(build_bpf_obj admin.bpf.c)
	check() {	# STATUS ARGS...
		local want=$1
		shift
		run --separate-stderr "$BPFKIT" iter "$@"
		[ "$status" -eq "$want" ] || { echo "$*: status $status"; return 1; }
		[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ] ||
			{ echo "$*: $stderr"; return 1; }
		[ -z "$output" ] || { echo "$*: stdout $output"; return 1; }
		run --separate-stderr "$BPFKIT" -j iter "$@"
		echo "$output" | jq -e .error >/dev/null
	}
	check 255 pin
	check 255 pin "$IT"
	check 239 pin "$IT" "$BPFFS/taken"
	check 254 pin "/nonexistent-$$.o" "$BPFFS/x1"
	check 247 pin "$ITM" "$BPFFS/x2"
	[[ "$stderr" == *"needs 'map MAP'"* ]] || true
	check 234 pin "$OBJ" "$BPFFS/x3"
	check 255 pin "$ITM" "$BPFFS/x4" map
	check 255 pin "$ITM" "$BPFFS/x5" map pinned "$BPFFS/none"
	check 255 pin "$IT" "$BPFFS/x6" extra
	[ ! -e "$BPFFS/x2" ] && [ ! -e "$BPFFS/x3" ]
}
