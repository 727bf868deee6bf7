#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scopex vm refuses bad usage clearly, without booting anything.   vm_usage.sh SCOPEX
set -u
scopex="$1"
fails=0

# expect STATUS PATTERN -- COMMAND...: run, check status and that stderr matches.
expect() {
	local want="$1" pat="$2" err rc
	shift 3
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" != "$want" ] || ! grep -q -- "$pat" <<< "$err"; then
		echo "FAIL: '$*' gave $rc (want $want): $err"
		fails=$((fails + 1))
	else
		echo "ok: '$*' -> $rc: $(head -n 1 <<< "$err")"
	fi
}

empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
expect 2 "unknown kernel version '9.9.9'" -- "$scopex" vm --kernel 9.9.9 -- true
expect 2 "not downloaded" -- env SCOPEX_CACHE="$empty" "$scopex" vm --kernel 6.18.15 -- true
# another release of a table series is taken (and must be fetched); paths are not
expect 2 "run tools/bootstrap.sh --kernels 6.18.3" -- env SCOPEX_CACHE="$empty" "$scopex" vm \
	--kernel 6.18.3 -- true
expect 2 "unknown kernel version '7.1.3/../7.3.4'" -- "$scopex" vm --kernel 7.1.3/../7.3.4 -- true
expect 2 "no command given" -- "$scopex" vm --kernel 7.3.4
expect 2 "invalid CPU count" -- "$scopex" vm --cpus 0 -- true
expect 2 "invalid timeout" -- "$scopex" vm --timeout x -- true
expect 2 "invalid icount shift '11'" -- "$scopex" vm --icount 11 -- true
expect 2 "invalid icount shift 'x'" -- "$scopex" vm --icount x -- true
expect 2 "--mttcg and --icount exclude each other" -- "$scopex" vm --mttcg --icount 1 -- true
expect 2 "invalid icount '-1'" -- "$scopex" bench --icount -1
expect 2 "invalid icount 'on'" -- "$scopex" bench --icount on
expect 2 "unrecognized option" -- "$scopex" vm --bogus -- true
expect 2 "unknown command 'nope'" -- "$scopex" nope
# A kernel that cannot boot: three boots, each failed one's log kept, then 125.
fake=$(mktemp -d)
trap 'rm -rf "$empty" "$fake"' EXIT
mkdir -p "$fake/kernels/7.3.4"
cache=$(SCOPEX_CACHE= "$scopex" scope -h >/dev/null; echo "${SCOPEX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scopex}")
if [ -x "$cache/virtiofsd/virtiofsd" ]; then
	ln -s "$cache/virtiofsd" "$fake/virtiofsd"
	# text, not zeros: qemu would try to run a zero page as a flat image and hang
	yes "not a kernel image" | head -c 8192 > "$fake/kernels/7.3.4/vmlinuz"
	expect 125 "did not boot in 3 attempts" -- env SCOPEX_CACHE="$fake" "$scopex" vm -- true
	n=$(ls "$fake"/vm-runs/run-*/console.log.* 2>/dev/null | wc -l)
	[ "$n" = 2 ] || { echo "FAIL: expected 2 kept logs of failed boots, found $n"; fails=$((fails + 1)); }
else
	echo "FAIL: no virtiofsd in $cache: run tools/bootstrap.sh"
	fails=$((fails + 1))
fi
[ -z "$(ls -A "$empty")" ] || { echo "FAIL: left files in the cache: $(ls -A "$empty")"; fails=$((fails + 1)); }
exit $fails
