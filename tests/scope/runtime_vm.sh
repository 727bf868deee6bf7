#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: the runtime scope mode on a real kernel.
#  1. scx_fifo built in runtime mode passes the verifier, schedules a stress-ng load with
#     its checks running on every callback and kfunc call, and detaches cleanly.
#  2. scx_violate (ops.enqueue() calls a dispatch-only kfunc after some enqueues) loads,
#     runs, and is ejected by its own check, with a message naming kfunc and callback.
#   runtime_vm.sh SCHED_LOAD FIFO_RUNTIME_OBJ VIOLATE_OBJ
set -u
. "$(dirname "$0")/../vm/lib.sh"

load="$1" fifo="$2" violate="$3"
log=/tmp/sched.log

[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before the test"
"$load" -t 600 "$fifo" > "$log" 2>&1 &
pid=$!
wait_state enabled 60 || { cat "$log"; fail "runtime-mode scx_fifo never became enabled"; }
stress-ng --cpu 2 --switch 2 --timeout 4s > /dev/null 2>&1
[ "$(cat $SCX/state)" = enabled ] ||
	{ cat "$log"; fail "runtime-mode scx_fifo ejected under load"; }
kill -INT "$pid"
wait_exit "$pid" 60
cat "$log"
[ "$WAIT_RC" = 0 ] ||
	fail "runtime-mode scx_fifo exited with $WAIT_RC, expected a clean detach"
wait_state disabled 30 || fail "state did not return to disabled"
echo "ok: scx_fifo (runtime scope mode) loaded, ran under load, detached cleanly on $(uname -r)"

"$load" -t 60 "$violate" > "$log" 2>&1 &
pid=$!
stress-ng --cpu 2 --switch 2 --timeout 5s > /dev/null 2>&1
wait_exit "$pid" 90
cat "$log"
[ "$WAIT_RC" = 1 ] || fail "scx_violate exited with $WAIT_RC, expected 1 (ejected)"
want="scx_bpf_dsq_move_to_local() called from ops.enqueue(): not allowed, allowed in ops.dispatch()"
grep -qF "$want" "$log" || fail "the exit message does not say: $want"
wait_state disabled 30 || fail "state did not return to disabled"
echo "ok: the planted violation was caught at run time: $want"
