#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host side: `scopex new` end to end. Copy the source tree (the files git tracks or would
# track: no build directories) into a temporary directory, run `scopex new demo` there,
# configure and build the copy from scratch, and run demo's own VM test, which the build
# registers as demo-vm-KERNEL because scheds/demo/demo_vm.sh exists.
#   new_sched.sh SCOPEX SOURCE_ROOT KERNEL
set -u
scopex=$(realpath "$1") src="$2" kernel="$3"
tmp=$(mktemp -d /tmp/scopex-new.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
tree="$tmp/tree"
fail() {
	echo "FAIL: $*"
	exit 1
}

mkdir "$tree"
git -C "$src" ls-files -z --cached --others --exclude-standard |
	tar -C "$src" --null --files-from=- --ignore-failed-read -cf - 2>/dev/null |
	tar -C "$tree" -xf - || fail "copying the tree failed"
[ -f "$tree/scheds/meson.build" ] || fail "the copy has no scheds/meson.build"
echo "ok: copied $(find "$tree" -type f | wc -l) files of $src into $tree"

(cd "$tree" && "$scopex" new demo) > "$tmp/new.out" 2>&1
rc=$?
cat "$tmp/new.out"
[ "$rc" = 0 ] || fail "scopex new demo exited with $rc"
for f in demo.bpf.c demo.c demo_vm.sh; do
	[ -s "$tree/scheds/demo/$f" ] || fail "scheds/demo/$f missing or empty"
done
grep -q "'demo'" "$tree/scheds/meson.build" || fail "demo not added to the scheds list"
grep -q 'Edit first' "$tmp/new.out" || fail "scopex new did not say what to edit first"
echo "ok: scopex new demo created scheds/demo and listed it"

(cd "$tree" && meson setup build > "$tmp/setup.log" 2>&1) ||
	{ tail -n 30 "$tmp/setup.log"; fail "meson setup of the copy failed"; }
ninja -C "$tree/build" > "$tmp/build.log" 2>&1 ||
	{ grep -B2 -A12 'error\|FAILED' "$tmp/build.log" | head -n 60; fail "building the copy failed"; }
[ -x "$tree/build/scheds/demo" ] || fail "no demo binary after the build"
"$tree/build/scheds/demo" --help | grep -q '^Usage: demo' || fail "demo --help is not demo's"
echo "ok: the copy, demo included, built from scratch"

meson test -C "$tree/build" --print-errorlogs "demo-vm-$kernel" > "$tmp/test.log" 2>&1
rc=$?
sed -n '/^-* stdout/,/^====/p' "$tree/build/meson-logs/testlog.txt"
tail -n 8 "$tmp/test.log"
[ "$rc" = 0 ] || fail "demo-vm-$kernel failed ($rc)"
grep -q 'ok: all 1 schedulers passed' "$tree/build/meson-logs/testlog.txt" ||
	fail "demo-vm-$kernel did not run the stress test"
echo "ok: scopex new demo builds and passes its VM test on $kernel unchanged"
