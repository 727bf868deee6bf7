#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The README's main job, inside the guest: scx_fifo under a short stress-ng load.
set -u
build="${1:-build}"
. "$(dirname "$0")/vm/lib.sh"
echo "== kernel $(uname -r), sched_ext state: $(cat $SCX/state)"
"$build/scheds/scx_fifo" &
pid=$!
wait_state enabled 60 || fail "scx_fifo did not become enabled"
echo "== state: $(cat $SCX/state), root/ops: $(cat $SCX/root/ops)"
echo "== stress-ng --cpu 2 --switch 2 --fork 2 for 10 s"
stress-ng --cpu 2 --switch 2 --fork 2 --timeout 10s --metrics-brief 2>&1 | tail -n 5
echo "== SIGINT"
kill -INT $pid
wait $pid
rc=$?
echo "== scx_fifo exited with $rc; state: $(cat $SCX/state)"
exit $rc
