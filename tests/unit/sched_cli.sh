#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side: a scheduler's command line (lib/cli.c), without loading anything.
#   sched_cli.sh SCHED_BINARY OPTION...   (OPTIONs: the number options it takes, e.g. -s -d)
# --help and -h exit 0 with the usage; a bad number, an unknown option or a stray argument
# exit 2 saying what was wrong; good options get past parsing to the preflight checks,
# which fail on a host without sched_ext.
set -u
bin="$1"
shift
name=$(basename "$bin")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
bad=0

# expect RC PATTERN ARGS...: exit status RC and PATTERN in the output
expect() {
	local want="$1" pat="$2" rc
	shift 2
	"$bin" "$@" > "$out" 2>&1
	rc=$?
	if [ "$rc" != "$want" ] || ! grep -q -- "$pat" "$out"; then
		echo "FAIL: $name $* gave $rc (expected $want and '$pat'):"
		sed 's/^/  | /' "$out"
		bad=$((bad + 1))
	else
		echo "ok: $name $* -> $rc"
	fi
}

expect 0 "^Usage: $name" --help
expect 0 "^Usage: $name" -h
for opt in "$@"; do
	expect 2 "invalid" "$opt" ""
	expect 2 "invalid" "$opt" -5
	expect 2 "invalid" "$opt" 12x
	expect 2 "invalid" "$opt" 99999999999999999999999
done
expect 2 "unrecognized option\|invalid option" --no-such-option
expect 2 "unexpected argument 'extra'" extra
# Past the parser to the preflight, which refuses where sched_ext is missing (never load a
# scheduler on a machine that could run it).
if [ ! -e /sys/kernel/sched_ext ]; then
	good=()
	for opt in "$@"; do
		good+=("$opt" 1)
	done
	expect 2 "has no sched_ext\|must run as root" "${good[@]}"
fi
exit $((bad > 0))
