#!/usr/bin/env bats
# The output layer: the one path for files bpfkit writes (-o, prog dump
# ... file, prog run ... data_out), and escaping of untrusted names in JSON
# and plain output.

load helpers

VMLINUX=/sys/kernel/btf/vmlinux

setup() {
	D=$(mktemp -d /tmp/bpfkit-output.XXXXXX)
}

teardown() {
	teardown_bpffs
	[ -n "${D:-}" ] && rm -rf "$D"
	true
}

# nothing but the named files in $D
only_files() {
	[ "$(echo $(ls -A "$D" | sort))" = "$*" ]
}

# ---- -o FILE ----

# A private node of /dev/null's device: the same rules, and a broken build
# under test can replace it without harming the machine's /dev/null.
make_null() {
	mknod -m 666 "$D/null" c 1 3 2>/dev/null || skip_or_fail "needs mknod (root)"
	NULL_BEFORE=$(stat -c '%F %t:%T %i' "$D/null")
}

@test "-o into a device (/dev/null) writes through and never replaces it" {
	make_null
	run "$BPFKIT" -o "$D/null" version
	[ "$status" -eq 0 ]
	[ "$(stat -c '%F %t:%T %i' "$D/null")" = "$NULL_BEFORE" ]
	only_files null
}

@test "-o into a FIFO writes through it" {
	mkfifo "$D/fifo"
	timeout 20 cat "$D/fifo" >"$D/got" &
	run "$BPFKIT" -o "$D/fifo" version
	wait
	[ "$status" -eq 0 ]
	[ -p "$D/fifo" ]
	grep -q '^bpfkit v' "$D/got"
	only_files fifo got
}

@test "-o follows a symlink and replaces its target, not the link" {
	echo old >"$D/target"
	ln -s target "$D/link"
	run "$BPFKIT" -o "$D/link" version
	[ "$status" -eq 0 ]
	[ -L "$D/link" ]
	[ "$(readlink "$D/link")" = target ]
	grep -q '^bpfkit v' "$D/target"
	# a dangling link: its target is created
	ln -s "$D/new" "$D/dangling"
	run "$BPFKIT" -o "$D/dangling" version
	[ "$status" -eq 0 ]
	[ -L "$D/dangling" ]
	grep -q '^bpfkit v' "$D/new"
	# a loop is an error, not a replaced link
	ln -s loop2 "$D/loop1"
	ln -s loop1 "$D/loop2"
	run "$BPFKIT" -o "$D/loop1" version
	[ "$status" -eq 255 ]
	[[ "$output" == *"Too many levels of symbolic links"* ]]
	[ -L "$D/loop1" ] && [ -L "$D/loop2" ]
	only_files dangling link loop1 loop2 new target
}

@test "-o keeps a replaced file's mode and owner" {
	echo old >"$D/f"
	chmod 640 "$D/f"
	chown 65534:65534 "$D/f" 2>/dev/null || skip_or_fail "needs root for chown"
	run "$BPFKIT" -o "$D/f" version
	[ "$status" -eq 0 ]
	grep -q '^bpfkit v' "$D/f"
	[ "$(stat -c '%a %u %g' "$D/f")" = "640 65534 65534" ]
}

@test "-o honours the umask for a new file" {
	run bash -c "umask 077; '$BPFKIT' -o '$D/a' version"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$D/a")" = 600 ]
	run bash -c "umask 022; '$BPFKIT' -o '$D/b' version"
	[ "$(stat -c %a "$D/b")" = 644 ]
	run bash -c "umask 002; '$BPFKIT' -o '$D/c' version"
	[ "$(stat -c %a "$D/c")" = 664 ]
}

@test "-o with names of 249 to 255 bytes" {
	local n name
	for n in 249 250 251 252 253 254 255; do
		name=$(head -c "$n" /dev/zero | tr '\0' a)
		run "$BPFKIT" -o "$D/$name" version
		[ "$status" -eq 0 ]
		grep -q '^bpfkit v' "$D/$name"
		rm "$D/$name"
	done
	only_files
}

@test "-o: SIGINT and SIGTERM leave no temporary behind" {
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
	local i pid sig
	for i in $(seq 1 40); do
		sig=INT
		[ $((i % 2)) = 0 ] && sig=TERM
		# background jobs ignore SIGINT unless told otherwise
		env --default-signal=INT "$BPFKIT" -o "$D/vmlinux.h" \
			btf dump file "$VMLINUX" format c &
		pid=$!
		sleep "0.0$((RANDOM % 10))"
		kill -"$sig" "$pid" 2>/dev/null || true
		wait "$pid" || true
	done
	# either the complete header or nothing; never FILE.XXXXXX
	[ -z "$(ls -A "$D" | grep -v '^vmlinux\.h$')" ]
	if [ -e "$D/vmlinux.h" ]; then
		tail -n 1 "$D/vmlinux.h" | grep -q '__VMLINUX_H__'
	fi
}

@test "-o: an ignored SIGINT stays ignored" {
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
	# background jobs of a script start with SIGINT ignored
	"$BPFKIT" -o "$D/vmlinux.h" btf dump file "$VMLINUX" format c &
	pid=$!
	sleep 0.02
	kill -INT "$pid"
	wait "$pid"
	tail -n 1 "$D/vmlinux.h" | grep -q '__VMLINUX_H__'
	only_files vmlinux.h
}

# ---- prog dump ... file, prog run ... data_out: the same rules ----

load_net() {
	setup_bpffs
	local obj
	obj=$(build_bpf_obj ops_net.bpf.c)
	"$BPFKIT" prog loadall "$obj" "$BPFFS/net"
	XDP="$BPFFS/net/ops_xdp"
	PKT="$D/pkt.bin"
	printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmn\001\002' >"$PKT"
}

@test "prog dump file and data_out: symlinks followed, devices written through" {
	load_net
	make_null
	run "$BPFKIT" prog dump xlated pinned "$XDP" file "$D/null"
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog run pinned "$XDP" data_in "$PKT" data_out "$D/null"
	[ "$status" -eq 0 ]
	[ "$(stat -c '%F %t:%T %i' "$D/null")" = "$NULL_BEFORE" ]

	ln -s img "$D/img.link"
	run "$BPFKIT" prog dump xlated pinned "$XDP" file "$D/img.link"
	[ "$status" -eq 0 ]
	[ -L "$D/img.link" ] && [ -s "$D/img" ]
	[ "$(stat -c %a "$D/img")" = 600 ]

	echo old >"$D/out"
	chmod 604 "$D/out"
	ln -s out "$D/out.link"
	run "$BPFKIT" prog run pinned "$XDP" data_in "$PKT" data_out "$D/out.link"
	[ "$status" -eq 0 ]
	[ -L "$D/out.link" ]
	[ "$(stat -c '%a %s' "$D/out")" = "604 52" ]
	run bash -c "umask 077; '$BPFKIT' prog run pinned '$XDP' data_in '$PKT' data_out '$D/new'"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$D/new")" = 600 ]

	mkfifo "$D/fifo"
	timeout 20 cat "$D/fifo" >"$D/fifo.got" &
	run "$BPFKIT" prog run pinned "$XDP" data_in "$PKT" data_out "$D/fifo"
	wait
	[ "$status" -eq 0 ]
	[ "$(stat -c %s "$D/fifo.got")" = 52 ]
	only_files fifo fifo.got img img.link new null out out.link pkt.bin
}

# ---- untrusted names: valid UTF-8 JSON, no terminal control in plain ----

# strict: any byte that is not UTF-8, or any syntax error, fails
json_strict() {
	python3 -c 'import sys, json; json.loads(sys.stdin.buffer.read().decode("utf-8", "strict"))'
}

# A holder whose comm is $'\xff\e[31mX\ny' (exec through a link of that
# name), holding a program also pinned at p2/bad<c3 28><ESC>]0;t<BEL><c2 9b>.
weird_setup() {
	setup_bpffs
	local obj
	command -v python3 >/dev/null || skip_or_fail "needs python3"
	obj=$(build_bpf_obj btf_show.bpf.c)
	WEIRD_COMM=$'\xff\e[31mX\ny'
	ln -s "$BPFLOAD" "$D/$WEIRD_COMM"
	mkdir "$BPFFS/p" "$BPFFS/m" "$BPFFS/p2"
	BPFLOAD="$D/$WEIRD_COMM" start_holder "$obj" "$BPFFS/p" --maps "$BPFFS/m"
	WEIRD_PIN="$BPFFS/p2/bad"$'\xc3\x28\e]0;t\a\xc2\x9b'
	"$BPFKIT" prog pin pinned "$BPFFS/p/btf_show_prog" "$WEIRD_PIN"
	PROG_ID=$("$BPFKIT" -j prog show pinned "$BPFFS/p/btf_show_prog" | jq .id)
}

@test "-j: comm and pin paths that are not UTF-8 still make valid JSON" {
	weird_setup
	run "$BPFKIT" -j -f prog show id "$PROG_ID"
	[ "$status" -eq 0 ]
	echo "$output" | json_strict
	[ "$(echo "$output" | jq -r '.pids[0].comm')" = $'\ufffd\e[31mX\ny' ]
	echo "$output" | jq -e --arg p "$BPFFS/p2/bad"$'\ufffd(\e]0;t\a\u009b' \
		'.pinned | index($p) != null' >/dev/null
	# the whole listing, pretty, with every object's holders
	run "$BPFKIT" -j -p -f prog show
	echo "$output" | json_strict
	run "$BPFKIT" -j -f map show
	echo "$output" | json_strict
	run "$BPFKIT" -j btf show
	echo "$output" | json_strict
}

@test "plain: control bytes in comm and pin paths are printed escaped" {
	weird_setup
	run "$BPFKIT" -f prog show id "$PROG_ID"
	[ "$status" -eq 0 ]
	[[ "$output" != *$'\e'* ]] && [[ "$output" != *$'\a'* ]]
	[[ "$output" != *$'\xc2\x9b'* ]]
	[[ "$output" == *$'\n\tpids \\xff\\x1b[31mX\\x0ay('"$HOLDER_PID"')'* ]]
	[[ "$output" == *$'\n\tpinned '"$BPFFS/p2/bad"'\xc3(\x1b]0;t\x07\xc2\x9b'* ]]
	# the comm with its newline is whole in every show, not empty
	run "$BPFKIT" map show pinned "$BPFFS/m/btf_show_map"
	[[ "$output" == *'pids \xff\x1b[31mX\x0ay('* ]]
}

@test "-j: BTF names that are not UTF-8 are escaped as U+FFFD" {
	command -v python3 >/dev/null || skip_or_fail "needs python3"
	# one INT named "i<ff>nt<ESC>": raw BTF, header + type + strings
	python3 - "$D/bad.btf" <<'PY'
import struct, sys
strs = b'\0i\xffnt\x1b\0'
types = struct.pack('<IIII', 1, 1 << 24, 4, 32)
hdr = struct.pack('<HBBIIIII', 0xeb9f, 1, 0, 24, 0, len(types), len(types), len(strs))
open(sys.argv[1], 'wb').write(hdr + types + strs)
PY
	run "$BPFKIT" -j btf dump file "$D/bad.btf"
	[ "$status" -eq 0 ]
	echo "$output" | json_strict
	[ "$(echo "$output" | jq -r '.types[0].name')" = $'i\ufffdnt\e' ]
	run "$BPFKIT" -j -p btf dump file "$D/bad.btf"
	echo "$output" | json_strict
}

@test "gen object: the same output-file rules (umask, mode kept, no temporary)" {
	command -v clang >/dev/null || skip_or_fail "needs clang"
	local lib main
	lib=$(build_bpf_obj gen_lib.bpf.c)
	main=$(build_bpf_obj gen_main.bpf.c)
	run bash -c "umask 077; '$BPFKIT' gen object '$D/new.o' '$lib' '$main'"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$D/new.o")" = 600 ]
	echo old >"$D/old.o"
	chmod 640 "$D/old.o"
	run "$BPFKIT" gen object "$D/old.o" "$lib" "$main"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$D/old.o")" = 640 ]
	cmp "$D/new.o" "$D/old.o"
	only_files new.o old.o
}
