#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `scopex run` on the host, whose kernel has no sched_ext: usage errors and the preflight
# refusal are clear and exit non-zero, before anything is loaded.
#   run_host.sh SCOPEX FIXTURE_OBJ
set -u
scopex="$1" obj="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# expect STATUS TEXT -- ARGS...: exit status STATUS and TEXT on stderr/stdout
expect() {
	local want="$1" text="$2" rc
	shift 3
	"$scopex" run "$@" > "$out" 2>&1
	rc=$?
	if [ "$rc" != "$want" ] || ! grep -qF -- "$text" "$out"; then
		cat "$out"
		echo "FAIL: scopex run $*: status $rc (want $want), output should hold '$text'"
		exit 1
	fi
	echo "ok: scopex run $*: $rc, $(grep -F -m1 -- "$text" "$out")"
}

expect 0 "Usage: scopex run OBJ.bpf.o" -- --help
expect 2 "missing OBJ.bpf.o" --
expect 2 "cannot open /nonexistent.bpf.o" -- /nonexistent.bpf.o
expect 2 "cannot open /proc/self/exe" -- /proc/self/exe
expect 2 "invalid duration" -- "$obj" -d 0
expect 2 "unexpected argument 'bogus'" -- "$obj" -- bogus
expect 2 "the object has no global variable 'no_such_var'" -- "$obj" -- no_such_var=1
expect 2 "invalid value in 'x=1z'" -- "$obj" -- x=1z
expect 2 "is not an integer or bool variable" -- "$obj" -- exit_record=1
if [ -d /sys/kernel/sched_ext ]; then
	echo "this kernel has sched_ext: the preflight refusal cannot be checked here"
	exit 77
fi
expect 2 "this kernel has no sched_ext (/sys/kernel/sched_ext missing)" -- "$obj" -d 1
echo "PASS"
