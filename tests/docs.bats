#!/usr/bin/env bats
# Docs and completion stay in step with the command tables in src/:
# every page renders cleanly, every command is documented and completed.

load helpers

OBJECTS="prog map link cgroup perf net feature btf gen struct_ops iter token core"

# Long options in main.c's getopt table.
long_options() {
	awk '/^static const struct option long_opts\[\] = \{/ { on = 1; next }
	     on && /^\};/ { exit }
	     on && match($0, /\{ *"[^"]+"/) {
			w = substr($0, RSTART, RLENGTH); sub(/^\{ *"/, "", w)
			sub(/"$/, "", w); print w }' "$REPO/src/main.c"
}

render() {
	local page=$1
	{ cat "$page"; "$REPO/docs/see-also.sh" "$page" "$REPO"/docs/bpfkit*.rst; } |
		rst2man --strip-comments --halt=warning
}

completion_fn() {
	bash -c 'source "$1"; shift; "$@"' _ "$REPO/bash-completion/bpfkit" "$@"
}

@test "docs: a page for the overview and for each object" {
	for p in bpfkit $(printf 'bpfkit-%s ' $OBJECTS); do
		[ -f "$REPO/docs/$p.rst" ] || { echo "missing docs/$p.rst"; return 1; }
	done
}

@test "docs: every page renders with rst2man, no warnings" {
	command -v rst2man >/dev/null || skip_or_fail "rst2man is not installed"
	local page bad=0
	for page in "$REPO"/docs/bpfkit*.rst; do
		if ! out=$(render "$page" 2>&1 >/dev/null) || [ -n "$out" ]; then
			echo "$(basename "$page"): $out"
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}

@test "docs: pages have the man page sections" {
	local page s
	for page in "$REPO"/docs/bpfkit*.rst; do
		grep -qx ':Manual section: 8' "$page" ||
			{ echo "$page: no ':Manual section: 8'"; return 1; }
		for s in SYNOPSIS DESCRIPTION OPTIONS EXAMPLES; do
			grep -qx "$s" "$page" || { echo "$page: no $s"; return 1; }
		done
	done
	for s in $OBJECTS; do
		grep -qE '^[A-Z_]+ COMMANDS$' "$REPO/docs/bpfkit-$s.rst" ||
			{ echo "bpfkit-$s.rst: no 'OBJ COMMANDS' section"; return 1; }
	done
}

@test "docs: make -C docs install writes every man page with SEE ALSO" {
	command -v rst2man >/dev/null || skip_or_fail "rst2man is not installed"
	local dest page name
	dest=$(mktemp -d)
	# a copy, so that concurrent runs never share docs/man/
	cp -r "$REPO/docs" "$dest/src"
	rm -rf "$dest/src/man"
	run make -s -C "$dest/src" install DESTDIR="$dest" PREFIX=/usr
	echo "$output"
	[ "$status" -eq 0 ] || { rm -rf "$dest"; return 1; }
	for page in "$REPO"/docs/bpfkit*.rst; do
		name=$(basename "$page" .rst)
		[ -s "$dest/usr/share/man/man8/$name.8" ] ||
			{ echo "no $name.8"; rm -rf "$dest"; return 1; }
		grep -q 'SEE ALSO' "$dest/usr/share/man/man8/$name.8" ||
			{ echo "$name.8: no SEE ALSO"; rm -rf "$dest"; return 1; }
	done
	# each page refers to the others
	grep -q 'bpfkit\\-prog' "$dest/usr/share/man/man8/bpfkit.8"
	rm -rf "$dest"
}

@test "docs: every command of each object's table is on its page" {
	local obj w page missing=""
	for obj in $OBJECTS; do
		page="$REPO/docs/bpfkit-$obj.rst"
		[ -f "$page" ] || { missing+=" bpfkit-$obj.rst"; continue; }
		for w in $(table_words "$REPO/src/$obj.c"); do
			grep -qE "\*\*([^*]* )?$w( [^*]*)?\*\*" "$page" ||
				missing+=" $obj/$w"
		done
	done
	[ -z "$missing" ] || { echo "not documented:$missing"; return 1; }
}

@test "docs: the tables are not empty (the parser still works)" {
	local obj
	for obj in $OBJECTS; do
		[ "$(table_words "$REPO/src/$obj.c" | wc -l)" -ge 3 ] ||
		[ "$(table_words "$REPO/src/$obj.c" | wc -l)" -ge 2 ] ||
			{ echo "src/$obj.c: no cmds[] rows found"; return 1; }
	done
	[ "$(table_words "$REPO/src/main.c" | wc -l)" -ge 6 ]
}

@test "completion: command lists equal each object's table, in order" {
	local obj want got
	for obj in $OBJECTS; do
		want=$(table_words "$REPO/src/$obj.c" | tr '\n' ' ')
		got=$(completion_fn _bpfkit_commands "$obj" | tr -s ' \n' '  ')
		[ "${got% }" = "${want% }" ] ||
			{ echo "$obj: table '$want' completion '$got'"; return 1; }
	done
}

@test "help: OBJECT := line equals the top-level table" {
	local want got
	want=$(table_words "$REPO/src/main.c" | grep -vxE 'help|batch|version' |
		paste -sd' ' | sed 's/ / | /g')
	run "$BPFKIT" help
	[ "$status" -eq 0 ]
	got=$(printf '%s\n' "$output" | sed -n 's/^ *OBJECT := { \(.*\) }$/\1/p')
	[ "$got" = "$want" ] || { echo "help '$got' table '$want'"; return 1; }
	# the overview page shows the same list
	grep -qF "$(echo "$want" | sed -E 's/([a-z_]+)/**\1**/g')" "$REPO/docs/bpfkit.rst"
}

@test "options: every long option is completed and documented" {
	local o missing=""
	for o in $(long_options); do
		completion_fn eval 'echo $_bpfkit_long_opts' | grep -qw -- "--$o" ||
			missing+=" completion:--$o"
		grep -qF -- "--$o" "$REPO/docs/bpfkit.rst" || missing+=" docs:--$o"
	done
	[ -n "$(long_options)" ]
	[ -z "$missing" ] || { echo "missing:$missing"; return 1; }
}

@test "completion: map types equal the map type name table" {
	local want got
	want=$(awk '/map_names\[\] = \{/ { on = 1; next } on && /^\};/ { exit }
		on && match($0, /"[^"]+"/) { print substr($0, RSTART + 1, RLENGTH - 2) }' \
		"$REPO/src/kern/names.c" | grep -vx unspec | sort | paste -sd' ')
	got=$(completion_fn eval 'echo $_bpfkit_map_types' | tr ' ' '\n' | sort | paste -sd' ')
	[ -n "$want" ]
	[ "$got" = "$want" ] || { echo "names.c: $want"; echo "completion: $got"; return 1; }
}

@test "README: documents the build and test commands" {
	[ -f "$REPO/README.md" ]
	grep -q 'make check' "$REPO/README.md"
	grep -q 'btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h' "$REPO/README.md"
	# every file in src/ is described in the layout section
	local f missing=""
	for f in "$REPO"/src/*.c "$REPO"/src/*/*.c; do
		grep -qF "$(basename "$f")" "$REPO/README.md" || missing+=" $(basename "$f")"
	done
	[ -z "$missing" ] || { echo "README does not describe:$missing"; return 1; }
}

@test "completion: attach types are names bpfkit parses" {
	local names t bad=""
	names=$(awk '/attach_names\[\] = \{/ { on = 1; next } on && /^\};/ { exit }
		on && match($0, /"[^"]+"/) { print substr($0, RSTART + 1, RLENGTH - 2) }' \
		"$REPO/src/kern/names.c")
	[ -n "$names" ]
	for t in $(completion_fn eval 'echo $_bpfkit_attach_types $_bpfkit_attach_dev_types $_bpfkit_attach_cgroup_types'); do
		printf '%s\n' $names | grep -qx "$t" || bad+=" $t"
	done
	[ -z "$bad" ] || { echo "not in names.c attach_names:$bad"; return 1; }
}

@test "completion: map flag names are the ones map create parses" {
	local want got
	want=$(awk '/map_flag_names\[\] = \{/ { on = 1; next } on && /^\};/ { exit }
		on && match($0, /"[^"]+"/) { print tolower(substr($0, RSTART + 1, RLENGTH - 2)) }' \
		"$REPO/src/map.c" | sort | paste -sd' ')
	got=$(completion_fn eval 'echo $_bpfkit_map_flags' | tr ' ' '\n' | sort | paste -sd' ')
	[ -n "$want" ]
	[ "$got" = "$want" ] || { echo "map.c: $want"; echo "completion: $got"; return 1; }
}

# "NAME := { a | b | ... }" of a help text (or an rst page), one word a
# line: the braces may span lines; markup and "|" continuation bars go.
spec_words() {
	awk -v name="$1" '
		{ gsub(/\*/, "") }
		!on && index($0, name " := {") { on = 1; $0 = substr($0, index($0, ":= {") + 4) }
		on { gsub(/^[ |]+/, ""); s = s " " $0
		     if (index($0, "}")) exit }
		END { sub(/}.*/, "", s); n = split(s, w, /[ |]+/)
		      for (i = 1; i <= n; i++) if (w[i] != "") print w[i] }'
}

names_table() {
	awk -v t="$1" '$0 ~ t "\\[\\] = \\{" { on = 1; next } on && /^\};/ { exit }
		on && match($0, /"[^"]+"/) { print substr($0, RSTART + 1, RLENGTH - 2) }' \
		"$REPO/src/kern/names.c" | grep -vx unspec | sort
}

# As the kernel's test_bpftool_synctypes.py does for bpftool: the type
# lists people read must be the names bpfkit knows.
@test "help and docs: map TYPE lists equal the map type name table" {
	local want help doc
	want=$(names_table map_names | paste -sd' ')
	help=$("$BPFKIT" map help 2>&1 | spec_words TYPE | sort | paste -sd' ')
	doc=$(spec_words TYPE <"$REPO/docs/bpfkit-map.rst" | sort | paste -sd' ')
	[ -n "$want" ]
	[ "$help" = "$want" ] || { echo "names.c: $want"; echo "map help: $help"; return 1; }
	[ "$doc" = "$want" ] || { echo "names.c: $want"; echo "bpfkit-map.rst: $doc"; return 1; }
}

@test "help and docs: prog ATTACH_TYPE words are names prog attach parses" {
	local t bad="" names
	names=$(names_table attach_names; awk '/attach_aliases\[\] = \{/ { on = 1; next }
		on && /^\};/ { exit } on && match($0, /"[^"]+"/) {
		print substr($0, RSTART + 1, RLENGTH - 2) }' "$REPO/src/kern/names.c")
	local words
	words=$("$BPFKIT" prog help 2>&1 | spec_words ATTACH_TYPE)
	[ -n "$words" ]
	for t in $words; do
		printf '%s\n' $names | grep -qx "$t" || bad+=" $t"
	done
	[ -z "$bad" ] || { echo "prog help names unknown attach types:$bad"; return 1; }
}

# Issue 8 item 17: map and btf help had "{-d|--debug} } |" (one "}" too many).
@test "help: braces and brackets balance in every object's help" {
	local o text
	for o in $OBJECTS; do
		text=$("$BPFKIT" $o help 2>&1)
		awk -v o="$o" '{ for (i = 1; i <= length($0); i++) {
				c = substr($0, i, 1)
				if (c == "{") b++; else if (c == "}") b--
				else if (c == "[") k++; else if (c == "]") k--
				if (b < 0 || k < 0) { print o ": closed before opened: " $0; exit 1 } } }
			END { if (b || k) { print o ": unbalanced (" b " braces, " k " brackets)"; exit 1 } }' \
			<<<"$text"
	done
}
