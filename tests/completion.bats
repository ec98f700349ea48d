#!/usr/bin/env bats
# bash-completion/bpfkit: driven the way bash drives it (COMP_WORDS,
# COMP_CWORD, COMP_LINE, COMP_POINT), in a fresh bash each time. When the
# bash-completion package is installed, every query runs both with and
# without it, and the two answers must agree.

load helpers

BASH_COMPLETION_LIB=/usr/share/bash-completion/bash_completion

# complete_in MODE WORD... : print COMPREPLY, one per line, sorted.
# The last WORD is the one being completed ("" for a new word).
complete_in() {
	local mode=$1
	shift
	bash --norc --noprofile -c '
		mode=$1 script=$2
		shift 2
		[ "$mode" = full ] && source "'"$BASH_COMPLETION_LIB"'"
		source "$script" || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$(( $# - 1 ))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_bpfkit "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$mode" "$REPO/bash-completion/bpfkit" "$@" | sort -u | sed '/^$/d'
}

# comp WORD... : the completions, checked to be the same in both modes.
comp() {
	local plain full try
	# live ids and names may change between the two runs when other
	# programs come and go: only a difference that persists is a failure
	for try in 1 2 3; do
		plain=$(complete_in plain "$BPFKIT" "$@")
		[ -r "$BASH_COMPLETION_LIB" ] || break
		full=$(complete_in full "$BPFKIT" "$@")
		[ "$plain" = "$full" ] && break
		if [ "$try" = 3 ]; then
			echo "with bash-completion: $full" >&2
			echo "without: $plain" >&2
			return 1
		fi
	done
	printf '%s\n' "$plain"
}

words() {
	printf '%s\n' "$@" | sort -u
}

# an object's command words, sorted as the completion prints them
obj_words() {
	table_words "$REPO/src/$1.c" | sort -u
}

teardown() {
	teardown_bpffs
}

@test "completion: the script defines _bpfkit and registers it" {
	run bash --norc -c 'source "$1" && declare -F _bpfkit && complete -p bpfkit' \
		_ "$REPO/bash-completion/bpfkit"
	[ "$status" -eq 0 ]
	[[ "$output" == *"complete -F _bpfkit bpfkit"* ]]
}

@test "completion: objects come from the OBJECT := line of help" {
	local objs
	objs=$("$BPFKIT" help 2>&1 | sed -n 's/^ *OBJECT := { \(.*\) }$/\1/p' | tr -d '|')
	[ -n "$objs" ]
	run comp ""
	[ "$status" -eq 0 ]
	[ "$output" = "$(words $objs batch help version)" ]
}

@test "completion: object prefixes" {
	run comp p
	[ "$output" = "$(words prog perf)" ]
	run comp pr
	[ "$output" = prog ]
	run comp b
	[ "$output" = "$(words batch btf)" ]
	run comp -j m
	[ "$output" = map ]
}

@test "completion: commands of each object equal its table" {
	local obj
	for obj in prog map link cgroup perf net feature btf gen struct_ops iter token core; do
		run comp "$obj" ""
		[ "$status" -eq 0 ]
		[ "$output" = "$(obj_words "$obj")" ] ||
			{ echo "$obj: got '$output'"; return 1; }
	done
}

@test "completion: command prefixes" {
	run comp map d
	[ "$output" = "$(words dump delete dequeue)" ]
	run comp prog lo
	[ "$output" = "$(words load loadall)" ]
	run comp link d
	[ "$output" = detach ]
	run comp btf s
	[ "$output" = show ]
}

@test "completion: handle keywords per object" {
	run comp prog show ""
	[ "$output" = "$(words id pinned tag name)" ]
	run comp map dump ""
	[ "$output" = "$(words id pinned name)" ]
	run comp link show ""
	[ "$output" = "$(words id pinned)" ]
	run comp btf show ""
	[ "$output" = id ]
	run comp btf dump ""
	[ "$output" = "$(words id prog map file)" ]
	run comp btf dump prog ""
	[ "$output" = "$(words id pinned tag name)" ]
}

@test "completion: long options, and options do not shift positions" {
	run comp --js
	[ "$output" = --json ]
	run comp -
	for o in --json --pretty --bpffs --nomount --debug --mapcompat --base-btf --output; do
		[[ "$output" == *"$o"* ]] || { echo "no $o"; return 1; }
	done
	run comp -p prog ""
	[ "$output" = "$(obj_words prog)" ]
	run comp -B /sys/kernel/btf/vmlinux btf ""
	[ "$output" = "$(obj_words btf)" ]
	run comp --output /tmp/x map ""
	[ "$output" = "$(obj_words map)" ]
}

@test "completion: files after file, pinned, -B, -o and >" {
	[ -e /sys/kernel/btf/vmlinux ] || skip_or_fail "no /sys/kernel/btf/vmlinux"
	run comp btf dump file /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
	run comp -B /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
	run comp --base-btf /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
	run comp prog show pinned /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
	run comp -o /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
	run comp btf dump file /sys/kernel/btf/vmlinux format c ">" /sys/kernel/btf/vmli
	[ "$output" = /sys/kernel/btf/vmlinux ]
}

@test "completion: btf diff sources, type and object" {
	run comp btf diff ""
	[ "$output" = "$(words file id)" ]
	run comp btf diff file a ""
	[ "$output" = "$(words file id)" ]
	run comp btf diff file a id 3 ""
	[ "$output" = "$(words type object)" ]
	run comp btf diff file a id 3 object x.o ""
	[ "$output" = "$(words type)" ]
	run comp btf diff id 1 id 2 type ""
	[ "$output" = "" ]
}

@test "completion: feature probe and list_builtins keywords" {
	run comp feature ""
	[ "$output" = "$(words probe list_builtins help)" ]
	run comp feature probe ""
	[ "$output" = "$(words btf kernel dev full unprivileged macros)" ]
	run comp feature probe kernel macros ""
	[ "$output" = "$(words full unprivileged prefix)" ]
	run comp feature probe dev ""
	printf '%s\n' "$output" | grep -qx lo
	run comp feature probe btf ""
	[ "$output" = "$(words file id)" ]
	run comp feature list_builtins ""
	[ "$output" = "$(words prog_types map_types attach_types link_types helpers)" ]
}

@test "completion: btf dump options: format raw|c, unsorted, root_id, root" {
	run comp btf dump file /sys/kernel/btf/vmlinux ""
	[ "$output" = "$(words file format root_id root)" ]
	run comp btf dump file a file b ""
	[ "$output" = "$(words file format root_id root)" ]
	run comp btf dump id 1 format ""
	[ "$output" = "$(words raw c)" ]
	run comp btf dump id 1 format c ""
	[ "$output" = "$(words unsorted root_id root)" ]
	run comp btf dump id 1 format c root task_struct ""
	[ "$output" = "$(words root_id root)" ]
	run comp btf dump id 1 root_id ""
	[ "$output" = "" ]
	run comp btf dump map id 1 ""
	[ "$output" = "$(words key value kv all format root_id root)" ]
}

@test "completion: map create types and keywords" {
	run comp map create /sys/fs/bpf/x ""
	[ "$output" = "$(words type key value entries name flags inner_map offload_dev)" ]
	run comp map create /sys/fs/bpf/x type ""
	for t in hash array ringbuf lru_hash queue bloom_filter arena; do
		[[ "$output" == *"$t"* ]] || { echo "no $t"; return 1; }
	done
	run comp map create /sys/fs/bpf/x type ring
	[ "$output" = ringbuf ]
	run comp map create /sys/fs/bpf/x type hash flags no_p
	[ "$output" = no_prealloc ]
	run comp map create /sys/fs/bpf/x type hash flags no_prealloc,mm
	[ "$output" = no_prealloc,mmapable ]
	run comp map create /sys/fs/bpf/x type hash key 4 ""
	[ "$output" = "$(words value entries name flags inner_map offload_dev)" ]
}

@test "completion: key/value keywords of map commands" {
	run comp map update id 1 ""
	[ "$output" = "$(words key value any exist noexist)" ]
	run comp map update id 1 key ""
	[ "$output" = hex ]
	run comp map update id 1 key 1 0 0 0 value 0 noexist ""
	[ "$output" = "" ]
	run comp map lookup id 1 ""
	[ "$output" = key ]
	run comp map push id 1 ""
	[ "$output" = value ]
	run comp map event_pipe id 1 ""
	[ "$output" = "$(words cpu index)" ]
}

@test "completion: prog dump, attach, load, run keywords" {
	run comp prog dump ""
	[ "$output" = "$(words xlated jited)" ]
	run comp prog dump xlated id 1 ""
	[ "$output" = "$(words file opcodes linum visual)" ]
	run comp -j prog dump xlated id 1 ""
	[ "$output" = "$(words file opcodes linum)" ]
	run comp prog dump xlated id 1 opcodes ""
	[ "$output" = "$(words linum visual)" ]
	run comp prog attach id 1 ""
	for t in sk_msg_verdict sk_skb_verdict sk_skb_stream_verdict \
		 sk_skb_stream_parser flow_dissector xdp tcx_ingress cgroup_inet_ingress; do
		printf '%s\n' "$output" | grep -qx "$t" || { echo "no $t"; return 1; }
	done
	run comp prog attach id 1 sk_msg_verdict ""
	[ "$output" = "$(words id pinned name)" ]
	run comp prog attach id 1 sk_msg_verdict id 2 ""
	[ "$output" = link ]
	run comp prog detach id 1 sk_msg_verdict id 2 ""
	[ "$output" = "" ]
	run comp prog attach id 1 xdp ""
	[ "$output" = dev ]
	run comp prog attach id 1 xdp dev l
	[ "$output" = lo ]
	run comp prog attach id 1 cgroup_sock_ops ""
	[ "$output" = cgroup ]
	run comp prog attach id 1 flow_dissector ""
	[ "$output" = link ]
	run comp prog load x.o /sys/fs/bpf/x ""
	[ "$output" = "$(words type map offload_dev xdpmeta_dev pinmaps autoattach kernel_btf)" ]
	run comp prog load x.o /sys/fs/bpf/x type xd
	[ "$output" = xdp ]
	run comp prog load x.o /sys/fs/bpf/x map ""
	[ "$output" = "$(words idx name)" ]
	run comp prog load x.o /sys/fs/bpf/x map idx 0 ""
	[ "$output" = "$(words id pinned name)" ]
	run comp prog run id 1 data_in /dev/null ""
	[ "$output" = "$(words data_out data_size_out ctx_in ctx_out ctx_size_out repeat)" ]
	run comp prog tracelog ""
	[ "$output" = "$(words stdout stderr)" ]
	run comp prog profile id 1 dur
	[ "$output" = duration ]
}

@test "completion: live ids, names and tags of a loaded program" {
	setup_bpffs
	local obj id tag
	obj=$(build_bpf_obj cli_basic.bpf.c)
	"$BPFLOAD" "$obj" "$BPFFS"
	run "$BPFKIT" prog show pinned "$BPFFS/cli_sock"
	[ "$status" -eq 0 ]
	id=${lines[0]%%:*}
	tag=$(printf '%s\n' "${lines[0]}" | sed -n 's/.* tag \([0-9a-f]*\).*/\1/p')
	[ -n "$id" ] && [ -n "$tag" ]

	run comp prog show id ""
	printf '%s\n' "$output" | grep -qx "$id" || { echo "no id $id in: $output"; return 1; }
	run comp prog dump xlated id "${id:0:1}"
	printf '%s\n' "$output" | grep -qx "$id"
	run comp prog show name cli_so
	printf '%s\n' "$output" | grep -qx cli_sock
	run comp prog show tag "${tag:0:4}"
	printf '%s\n' "$output" | grep -qx "$tag"
}

@test "completion: live ids of a loaded program's map" {
	setup_bpffs
	local obj mid
	obj=$(build_bpf_obj cli_basic.bpf.c)
	mkdir "$BPFFS/maps"
	"$BPFLOAD" "$obj" "$BPFFS" --maps "$BPFFS/maps"
	run "$BPFKIT" map show pinned "$BPFFS/maps/cli_counts"
	[ "$status" -eq 0 ]
	mid=${lines[0]%%:*}
	[ -n "$mid" ]
	run comp map dump id ""
	printf '%s\n' "$output" | grep -qx "$mid" || { echo "no id $mid in: $output"; return 1; }
	run comp map show name cli_cou
	echo "names: $output"
	printf '%s\n' "$output" | grep -qx cli_counts
}

@test "completion: cgroup, net and perf grammars" {
	run comp cgroup attach /sys ""
	[[ "$output" == *cgroup_inet_ingress* ]]
	run comp cgroup show /sys ""
	[ "$output" = effective ]
	run comp cgroup attach /sys cgroup_inet_ingress ""
	[ "$output" = "$(words id pinned tag name)" ]
	run comp cgroup attach /sys cgroup_inet_ingress id 3 ""
	[ "$output" = "$(words multi override)" ]
	run comp net attach ""
	[ "$output" = "$(words xdp xdpgeneric xdpdrv xdpoffload tcx_ingress tcx_egress)" ]
	run comp net attach xdp id 3 ""
	[ "$output" = dev ]
	run comp net detach xdp ""
	[ "$output" = dev ]
	run comp net attach xdp id 3 dev lo ""
	[ "$output" = overwrite ]
	run comp net show ""
	[ "$output" = dev ]
	run comp net show dev ""
	[[ "$output" == *lo* ]]
	run comp perf ""
	[ "$output" = "$(words show list help)" ]
	run comp struct_ops dump ""
	[ "$output" = "$(words id name)" ]
	run comp iter pin a.o /sys/fs/bpf/x ""
	[ "$output" = map ]
	run comp iter pin a.o /sys/fs/bpf/x map ""
	[ "$output" = "$(words id pinned name)" ]
}
