#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs/walkthrough.md against the tree: every file path it quotes exists, every link
# resolves, every function it names (`name()`) is defined or declared in the sources or
# libbpf's headers, every callback (`ops.name()`) is in the scope table, and every kernel
# message of the broken-fixtures table is in the captured log of that fixture and kernel.
#   doc_refs.sh SOURCE_ROOT LIBBPF_INCLUDE [DOC]
set -u
src="$1" libbpf_inc="$2" doc="${3:-$1/docs/walkthrough.md}"
bad=0
fail() {
	echo "FAIL: $*"
	bad=$((bad + 1))
}

[ -s "$doc" ] || { echo "FAIL: no $doc"; exit 1; }
# the text of every `...` span, one per line
spans=$(grep -o '`[^`]*`' "$doc" | tr -d '`' | sort -u)

n=0
for p in $(grep -oE '^(scheds|include|lib|tests|docs|tools|templates)/[A-Za-z0-9_./-]*$' <<< "$spans"); do
	case "$p" in *[A-Z]*) continue ;; esac	# placeholders: scheds/NAME/
	[ -e "$src/$p" ] || fail "path $p does not exist"
	n=$((n + 1))
done
echo "checked: $n paths"

n=0
for l in $(grep -oE '\]\([^)#]+' "$doc" | cut -c3-); do
	case "$l" in *://*) continue ;; esac
	[ -e "$(dirname "$doc")/$l" ] || fail "link $l does not resolve"
	n=$((n + 1))
done
echo "checked: $n links"

srcs=("$src/include" "$src/lib" "$src/scheds" "$src/templates" "$src/tools" "$src/tests"
      "$libbpf_inc")
n=0
for f in $(grep -oE '(^|[^.A-Za-z0-9_])[a-z_][a-z0-9_]*\(\)' <<< "$spans" | grep -oE '[a-z_][a-z0-9_]*\(\)' |
	   sort -u); do
	f="${f%()}"
	grep -rqw --include='*.[ch]' --include='*.sh' -- "$f" "${srcs[@]}" ||
		fail "function $f() is nowhere in the sources or libbpf's headers"
	n=$((n + 1))
done
echo "checked: $n functions"

n=0
for cb in $(grep -oE 'ops\.[a-z_]+\(\)' "$doc" | sort -u | sed 's/^ops\.//; s/()$//'); do
	grep -q "^SCX_CALLBACK($cb," "$src/include/scx/scope_table.h" ||
		fail "callback ops.$cb() is not in the scope table"
	n=$((n + 1))
done
echo "checked: $n callbacks"

# | `fixture` | mistake | RUNTIME_KERNEL cell | STATIC_KERNEL cell |, kernels from the header row
hdr=$(grep -m1 '^| fixture |' "$doc")
rt=$(awk -F'|' '{print $4}' <<< "$hdr" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')
st=$(awk -F'|' '{print $5}' <<< "$hdr" | grep -oE '[0-9]+\.[0-9]+\.[0-9]+')
[ -n "$rt" ] && [ -n "$st" ] || { fail "no fixture table with two kernels"; rt=x st=x; }
n=0
while IFS= read -r row; do
	name=$(awk -F'|' '{print $2}' <<< "$row" | tr -d ' `')
	[ -f "$src/tests/fixtures/broken/$name.bpf.c" ] || fail "no fixture $name"
	for col in 4:"$rt" 5:"$st"; do
		k="${col#*:}"
		cell=$(awk -F'|' -v c="${col%%:*}" '{print $c}' <<< "$row")
		quotes=$(grep -o '`[^`]*`' <<< "$cell" | tr -d '`')
		[ -n "$quotes" ] || fail "$name on $k: the table quotes nothing"
		while IFS= read -r q; do
			[ -n "$q" ] || continue
			cat "$src/tests/fixtures/logs/$k/$name".* 2>/dev/null | grep -qF -- "$q" ||
				fail "$name on $k: '$q' is not in tests/fixtures/logs/$k/$name.*"
			n=$((n + 1))
		done <<< "$quotes"
	done
done < <(grep -E '^\| `[a-z_]+` \|' "$doc")
[ "$n" -gt 0 ] || fail "no kernel message checked"
echo "checked: $n kernel messages of the fixture table, against tests/fixtures/logs ($rt, $st)"

[ "$bad" = 0 ] || { echo "$bad failures in $doc"; exit 1; }
echo "ok: $doc matches the tree"
