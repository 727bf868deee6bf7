#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest (port_test.sh): the generic kfuncs of include/scx/bpf_kfuncs.bpf.h resolve
# against this kernel (generic_kfuncs.bpf.o loads), and the ported upstream scx_simple runs
# SECONDS under a stress-ng mix through `scopex run`, is never ejected and detaches cleanly.
#   port_guest.sh SCOPEX BPFTOOL SIMPLE.bpf.o GENERIC.bpf.o SECONDS
set -u
scopex=$1 bpftool=$2 simple=$3 generic=$4 secs=$5
. "$(dirname "$(realpath "$0")")/../vm/lib.sh"
echo "kernel $(uname -r)"

pin=/sys/fs/bpf/scopex-generic
mkdir -p "$pin"
"$bpftool" prog loadall "$generic" "$pin" > /tmp/generic.log 2>&1 ||
	{ grep -v '^\s\|^\[' /tmp/generic.log; fail "generic_kfuncs.bpf.o did not load"; }
! grep -q 'Error loading .BTF' /tmp/generic.log || { cat /tmp/generic.log; fail "its BTF was refused"; }
rm -rf "$pin"
echo "ok: every generic kfunc resolved and allowed"

# attach first: enabling switches every task, which takes long under emulation and load
start_sched simple "$scopex" simple run "$simple"
stress-ng --cpu 2 --switch 2 --fork 1 --yield 1 --sleep 1 --timeout $((secs + 60)) \
	> /tmp/stress.log 2>&1 &
stress=$!
end=$((SECONDS + secs))
while [ "$SECONDS" -lt "$end" ]; do
	[ "$(cat $SCX/state)" = enabled ] || { cat /tmp/simple.log; fail "ejected after $((secs - end + SECONDS)) s"; }
	sleep 1
done
stop_sched simple
kill "$stress" 2>/dev/null
wait "$stress" 2>/dev/null
cat /tmp/simple.log
grep -q '^scopex run: attached' /tmp/simple.log || fail "no 'attached' line"
grep -q 'unregistered from user space' /tmp/simple.log || fail "not a detach from user space"
echo "RESULT: ran $secs s under load, clean detach"
