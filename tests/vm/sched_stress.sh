#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: run a scheduler under a stress-ng mix and check that it was enabled under
# its own name, scheduled the load, survived it, and detached cleanly on SIGINT.
#   sched_stress.sh SCHED_BINARY OPS_NAME SECONDS [STRESSORS...]
set -u
. "$(dirname "$0")/lib.sh"

bin="$1" name="$2" secs="$3"
shift 3
stressors="${*:---cpu 2 --switch 2 --fork 2}"
log=/tmp/sched.log

[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before the test"
"$bin" > "$log" 2>&1 &
pid=$!
wait_state enabled 60 || { cat "$log"; fail "$name never became enabled"; }
ops=$(cat $SCX/root/ops)
[ "$ops" = "$name" ] || fail "root/ops is '$ops', expected '$name'"
echo "ok: $name enabled on $(uname -r), root/ops=$ops"

stress-ng $stressors --timeout "${secs}s" --metrics-brief > /tmp/stress.log 2>&1
src=$?
tail -n 4 /tmp/stress.log
[ "$src" = 0 ] || fail "stress-ng exited with $src"
[ "$(cat $SCX/state)" = enabled ] || { cat "$log"; fail "$name no longer enabled after the load"; }
echo "ok: stress-ng ($stressors) completed in ${secs}s with $name enabled"

kill -INT "$pid"
wait_exit "$pid" 30
rc=$WAIT_RC
cat "$log"
[ "$rc" = 0 ] || fail "$name exited with $rc after SIGINT"
wait_state disabled 30 || fail "state did not return to disabled"
disp=$(last_stat "$log" dispatched)
[ -n "$disp" ] && [ "$disp" -gt 0 ] || fail "no dispatched tasks counted"
echo "ok: $name detached cleanly, state disabled, dispatched=$disp"
