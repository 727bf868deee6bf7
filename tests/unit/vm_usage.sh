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
expect 2 "no command given" -- "$scopex" vm --kernel 7.3.4
expect 2 "invalid CPU count" -- "$scopex" vm --cpus 0 -- true
expect 2 "invalid timeout" -- "$scopex" vm --timeout x -- true
expect 2 "unrecognized option" -- "$scopex" vm --bogus -- true
expect 2 "unknown command 'nope'" -- "$scopex" nope
[ -z "$(ls -A "$empty")" ] || { echo "FAIL: left files in the cache: $(ls -A "$empty")"; fails=$((fails + 1)); }
exit $fails
