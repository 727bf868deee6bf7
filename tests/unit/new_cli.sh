#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scopex new on the host: bad input exits 2 and writes nothing, a failure halfway (a
# template file missing) leaves nothing behind, a good NAME gives the three files and the
# list entry, and the generated code compiles: the BPF side in the default (static) scope
# mode with its skeleton, the userspace side against that skeleton.
#   new_cli.sh SCOPEX SOURCE_ROOT LIBBPF_INCLUDE BPF_CC CLANG BPFTOOL BPF_CFLAGS...
set -u
scopex="$1" src="$2" libbpf_inc="$3" bpf_cc="$4" clang="$5" bpftool="$6"
shift 6
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree="$tmp/tree"
fail() {
	echo "FAIL: $*"
	exit 1
}
snapshot() {
	(cd "$tree" && find . -printf '%p %m\n' | sort && md5sum scheds/meson.build)
}

mkdir -p "$tree/scheds"
cp "$src/scheds/meson.build" "$tree/scheds/"
before=$(snapshot)

# expect_usage ARGS...: exit 2, a message, nothing written.
expect_usage() {
	"$scopex" new "$@" > "$tmp/out" 2>&1
	local rc=$?
	[ "$rc" = 2 ] || { cat "$tmp/out"; fail "scopex new $* exited $rc, expected 2"; }
	[ -s "$tmp/out" ] || fail "scopex new $* said nothing"
	[ "$(snapshot)" = "$before" ] || fail "scopex new $* changed the tree"
	echo "ok: scopex new $* -> 2: $(head -n 1 "$tmp/out")"
}
expect_usage
expect_usage --dir "$tree"
expect_usage 1abc --dir "$tree"
expect_usage a-b --dir "$tree"
expect_usage Demo --dir "$tree"
expect_usage int --dir "$tree"
expect_usage "" --dir "$tree"
expect_usage "$(printf 'n%.0s' $(seq 33))" --dir "$tree"
expect_usage scx_fifo --dir "$tree"
expect_usage demo --dir "$tmp/nowhere"
expect_usage demo --dir "$tmp"
expect_usage demo extra --dir "$tree"
expect_usage --bogus demo --dir "$tree"
"$scopex" new --help | grep -q '^Usage: scopex new NAME' || fail "no usage on --help"

# A template directory missing its last file: the first two were written, then removed.
mkdir "$tmp/tpl"
cp "$src/templates/sched/tmpl.bpf.c" "$src/templates/sched/tmpl.c" "$tmp/tpl/"
SCOPEX_TEMPLATE_DIR="$tmp/tpl" "$scopex" new demo --dir "$tree" > "$tmp/out" 2>&1
rc=$?
[ "$rc" = 1 ] || { cat "$tmp/out"; fail "a missing template file gave $rc, expected 1"; }
[ "$(snapshot)" = "$before" ] || { snapshot; fail "a failed scopex new left files behind"; }
echo "ok: failure halfway -> 1, nothing left: $(head -n 1 "$tmp/out")"

"$scopex" new demo --dir "$tree" > "$tmp/out" 2>&1 || { cat "$tmp/out"; fail "scopex new demo failed"; }
grep -q 'Edit first: demo_enqueue() and demo_dispatch()' "$tmp/out" || fail "no edit-first hint"
for f in demo.bpf.c demo.c demo_vm.sh; do
	[ -s "$tree/scheds/demo/$f" ] || fail "scheds/demo/$f missing"
done
[ -x "$tree/scheds/demo/demo_vm.sh" ] || fail "demo_vm.sh is not executable"
mode=$(printf '%o' $((0777 & ~$(umask))))
[ "$(stat -c %a "$tree/scheds/demo")" = "$mode" ] ||
	fail "scheds/demo has mode $(stat -c %a "$tree/scheds/demo"), expected $mode"
grep -l 'tmpl\|TMPL' "$tree"/scheds/demo/* && fail "placeholders left in the generated files"
grep -q "^scheds = \[.*'demo'\]" "$tree/scheds/meson.build" || fail "demo not appended to the list"
[ "$(ls -A "$tree/scheds" | sort | tr '\n' ' ')" = "demo meson.build " ] ||
	fail "unexpected entries in scheds/: $(ls -A "$tree/scheds")"
echo "ok: scopex new demo -> scheds/demo/{demo.bpf.c,demo.c,demo_vm.sh}, listed"
expect_usage_after() {
	before=$(snapshot)
	expect_usage "$@"
}
expect_usage_after demo --dir "$tree"

# The generated scheduler compiles: BPF object and skeleton, then its userspace.
out="$tmp/demo.bpf.o"
"$bpf_cc" "$clang" "$bpftool" "$out" "$tmp/demo.bpf.o.d" "$tree/scheds/demo/demo.bpf.c" "$@" ||
	fail "the generated demo.bpf.c does not compile"
"$bpftool" gen skeleton "$out" name demo > "$tmp/demo.bpf.skel.h" || fail "no skeleton"
cc -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -fsyntax-only -I"$src/lib" -I"$src/include" \
	-isystem "$libbpf_inc" -I"$tmp" "$tree/scheds/demo/demo.c" ||
	fail "the generated demo.c does not compile"
echo "ok: the generated demo.bpf.c (static scoping) and demo.c compile"
