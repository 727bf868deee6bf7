#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side: scopex vm propagates exit statuses and kills a hung guest at the timeout.
#   vm_runner.sh SCOPEX KERNEL
set -u
scopex="$1" kernel="$2"
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
