#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scopex scope answers from the table, in every format, and refuses bad queries.
#   scope_cli.sh SCOPEX
set -u
scopex="$1"
fails=0

check() {	# check DESCRIPTION COMMAND... : the command must succeed
	local what="$1"
	shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fails=$((fails + 1)); fi
}

csv73=$("$scopex" scope -f csv -k 7.3.4)
csv618=$("$scopex" scope -f csv -k 6.18.15)
csv70=$("$scopex" scope -f csv -k 7.0.13)
check "-k 7.0.2: the rows of 7.0.13, the table's 7.0 kernel" \
	test "$("$scopex" scope -f csv -k 7.0.2 2> /dev/null)" = "$csv70"
out=$("$scopex" scope -f csv -k 7.4.1 2>&1)
check "-k 7.4.1: exit 2, 'unknown kernel', no row ('$out')" \
	test "$?" = 2 -a "$(grep -c "^scopex scope: unknown kernel version '7.4.1'" <<< "$out")" = 1 \
	-a "$(wc -l <<< "$out")" = 1
# a kfunc the table build cannot call: said, and the series' rules still listed
out=$("$scopex" scope scx_bpf_create_dsq -k 7.1.13)
check "create_dsq on 7.1.13: not callable on that build, allowed in init by the rules" \
	test "$(grep -c "not callable on Debian's 7.1.13 build: its BTF has no scx_bpf_create_dsq_impl" \
		<<< "$out")" = 1 -a "$(grep -A2 '^  allowed in:' <<< "$out" | grep -cw init)" = 1
out=$("$scopex" scope scx_bpf_create_dsq -k 7.3.4)
check "create_dsq on 7.3.4: callable" test "$(grep -c "not callable" <<< "$out")" = 0
check "csv header" test "$(head -n 1 <<< "$csv73")" = "kernel,callback,kfunc,verdict"
check "7.3.4: move_to_local___v2 rejected in enqueue" \
	grep -qx '7.3.4,enqueue,scx_bpf_dsq_move_to_local___v2,rejected' <<< "$csv73"
check "7.3.4: move_to_local___v2 allowed in dispatch" \
	grep -qx '7.3.4,dispatch,scx_bpf_dsq_move_to_local___v2,allowed' <<< "$csv73"
check "7.3.4: create_dsq sleepable-only in dump" \
	grep -qx '7.3.4,dump,scx_bpf_create_dsq,sleepable-only' <<< "$csv73"
check "7.3.4: dsq_insert rejected in syscall programs" \
	grep -qx '7.3.4,syscall,scx_bpf_dsq_insert,rejected' <<< "$csv73"
check "6.18.15: move_to_local ejects in enqueue" \
	grep -qx '6.18.15,enqueue,scx_bpf_dsq_move_to_local,ejects' <<< "$csv618"
check "6.18.15: reenqueue_local ejects in dispatch, allowed in cpu_release" \
	grep -qx '6.18.15,cpu_release,scx_bpf_reenqueue_local,allowed' <<< "$csv618"
check "every csv row has a known verdict" \
	test -z "$(printf '%s\n%s\n' "$csv73" "$csv618" | grep -v '^kernel,' |
		   grep -vE ',(allowed|rejected|ejects|sleepable-only)$')"
json=$("$scopex" scope -f json -k 7.3.4 dispatch)
check "json parses and has dispatch rows only" python3 -c '
import json, sys
rows = json.loads(sys.argv[1])
assert rows and all(r["callback"] == "dispatch" for r in rows), rows[:2]' "$json"
check "text for a kfunc names its group" \
	grep -q 'group dispatch' <<< "$("$scopex" scope scx_bpf_dsq_move_to_local)"
check "text for ops.enqueue() lists its groups" \
	grep -q 'groups enqueue, select_cpu' <<< "$("$scopex" scope 'ops.enqueue()')"

for bad in "scope nosuchthing" "scope -f xml" "scope -k 1.2.3" "scope -k all enqueue"; do
	err=$("$scopex" $bad 2>&1 >/dev/null)
	rc=$?
	check "'scopex $bad' exits 2 with a message ($err)" test "$rc" = 2 -a -n "$err"
done
exit $fails
