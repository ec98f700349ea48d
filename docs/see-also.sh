#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Print the SEE ALSO section for one page: bpf(2), bpf-helpers(7) and every
# other bpfkit page. The heading reuses the underline character of the
# page's SYNOPSIS heading, so the new section sits at the same level.
#
#   see-also.sh PAGE.rst OTHER-PAGE...
set -e
page=$1
shift
ul=$(sed -n '/^SYNOPSIS[[:space:]]*$/{n;s/^\(.\).*/\1/p;q;}' "$page")
[ -n "$ul" ] || ul='='
printf '\nSEE ALSO\n%s\n\n' "$(printf '%s%s%s%s%s%s%s%s' "$ul" "$ul" "$ul" "$ul" "$ul" "$ul" "$ul" "$ul")"
refs='**bpf**\ (2), **bpf-helpers**\ (7)'
self=$(basename "$page" .rst)
for p in "$@"; do
	name=$(basename "$p" .rst)
	[ "$name" = "$self" ] && continue
	refs="$refs, **$name**\\ (8)"
done
printf '%s\n' "$refs"
