#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side: scopex vm propagates exit statuses and kills a hung guest at the timeout.
#   vm_runner.sh SCOPEX KERNEL
set -u
scopex="$(readlink -f "$1")" kernel="$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$scopex" vm --kernel "$kernel" -- sh -c 'echo in-guest; exit 7' > "$out" 2>&1
rc=$?
cat "$out"
[ "$rc" = 7 ] || { echo "FAIL: exit status $rc, expected 7"; exit 1; }
grep -q '^in-guest$' "$out" || { echo "FAIL: guest output not streamed"; exit 1; }
grep -q 'kernel log kept at' "$out" || { echo "FAIL: no kernel log path on failure"; exit 1; }
echo "ok: exit status 7 propagated"

start=$(date +%s)
"$scopex" vm --kernel "$kernel" --timeout 25 -- sleep 100000 > "$out" 2>&1
rc=$?
took=$(( $(date +%s) - start ))
cat "$out"
[ "$rc" = 124 ] || { echo "FAIL: hung guest gave $rc, expected 124"; exit 1; }
grep -q 'timed out after 25 s' "$out" || { echo "FAIL: no timeout message"; exit 1; }
[ "$took" -lt 60 ] || { echo "FAIL: took $took s to kill the guest"; exit 1; }
echo "ok: hung guest killed after $took s"

# A working directory under the host's /tmp (a clone made with mktemp -d) stays writable in
# the guest, but the guest's /tmp is its own: guests booted in parallel share no scratch files.
work=$(mktemp -d)
trap 'rm -f "$out"; rm -rf "$work"' EXIT
probe="scopex-vm-runner-$$"
(cd "$work" && "$scopex" vm --kernel "$kernel" -- sh -c "echo cwd > in-cwd &&
	echo guest > /tmp/$probe && stat -f -c 'tmp=%T' /tmp && ls -A /tmp &&
	echo thp=\$(cat /sys/kernel/mm/transparent_hugepage/enabled) &&
	echo rcu_stall=\$(cat /sys/module/rcupdate/parameters/rcu_cpu_stall_timeout)") \
	> "$out" 2>&1
rc=$?
cat "$out"
[ "$rc" = 0 ] || { echo "FAIL: guest command under a /tmp working directory gave $rc"; exit 1; }
[ "$(cat "$work/in-cwd" 2>/dev/null)" = cwd ] ||
	{ echo "FAIL: the working directory $work was not writable from the guest"; exit 1; }
[ ! -e "/tmp/$probe" ] ||
	{ rm -f "/tmp/$probe"; echo "FAIL: the guest wrote the host's /tmp"; exit 1; }
grep -q '^tmp=tmpfs$' "$out" || { echo "FAIL: the guest's /tmp is not a tmpfs"; exit 1; }
echo "ok: $work writable from the guest, whose /tmp is its own"
# The boot options that keep an emulated guest's slow RCU readers from ejecting schedulers.
grep -q '^thp=always madvise \[never\]$' "$out" || { echo "FAIL: huge pages not off"; exit 1; }
grep -q '^rcu_stall=300$' "$out" || { echo "FAIL: RCU stall timeout is not 300 s"; exit 1; }
echo "ok: transparent_hugepage=never, RCU stall warnings after 300 s"
