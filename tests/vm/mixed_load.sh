#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: one scheduler under a mixed load for SECONDS: stress-ng (fork, exec,
# switch, yield, futex, sleep, cpu, timer) and, at the same time, hackbench runs back to
# back. The scheduler must stay enabled all along (polled once a second), the kernel must
# log no stall and only a clean unregistration, stress-ng must exit 0 with its
# "successful run completed" line, every hackbench run must succeed and the scheduler must
# detach on SIGINT with exit status 0.
#   mixed_load.sh SECONDS SCHED_BINARY:OPS_NAME
set -u
. "$(dirname "$0")/lib.sh"

secs="$1" bin="${2%%:*}" name="${2##*:}"
log="/tmp/$name.log"
slog=/tmp/mixed-stress.log
mix="--fork 2 --exec 1 --switch 2 --yield 2 --futex 2 --sleep 2 --sleep-max 16 --cpu 2
     --timer 1"

echo "== $name on $(uname -r): stress-ng + hackbench for ${secs}s"
dmesg -C
start_sched "$name" "$bin" "$name"

# shellcheck disable=SC2086
stress-ng $mix --timeout "${secs}s" --metrics-brief > "$slog" 2>&1 &
spid=$!
hb_ok=0 hb_bad=0 ejected=""
end=$((SECONDS + secs))
while [ "$SECONDS" -lt "$end" ]; do
	if hackbench -g 2 -f 10 -l 50 > /tmp/hackbench.log 2>&1; then
		hb_ok=$((hb_ok + 1))
	else
		hb_bad=$((hb_bad + 1))
		cat /tmp/hackbench.log
	fi
	[ "$(cat $SCX/state)" = enabled ] || { ejected="after $((secs - end + SECONDS)) s"; break; }
done
wait_exit "$spid" $((secs + 120))
src=$WAIT_RC
[ -z "$ejected" ] || { cat "$log"; fail "$name ejected $ejected"; }
[ "$src" = 0 ] || { cat "$slog"; fail "stress-ng exited with $src"; }
grep -q "successful run completed" "$slog" ||
	{ cat "$slog"; fail "no 'successful run completed' line from stress-ng"; }
[ "$hb_bad" = 0 ] || fail "$hb_bad of $((hb_ok + hb_bad)) hackbench runs failed"
[ "$hb_ok" -gt 0 ] || fail "no hackbench run completed"
[ "$(cat $SCX/state)" = enabled ] || { cat "$log"; fail "$name ejected under the load"; }
dmesg | grep -qi "stall" && { dmesg | tail -n 20; fail "the kernel logged a stall"; }
echo "ok: $name stayed enabled; stress-ng exit 0, successful run completed;" \
	"hackbench $hb_ok runs, 0 failed"
awk '$2 == "metrc:" && $5 ~ /^[0-9]+$/ {printf "%s=%s ", $4, $5} END {print ""}' "$slog"
# stress-ng 0.15 skips its exec stressor as root: the hackbench runs exec instead.
grep -i 'skip' "$slog"

stop_sched "$name"
dmesg | grep -q "\"$name\" disabled (unregistered from user space)" ||
	{ dmesg | tail -n 20; fail "the kernel did not log a clean unregistration of $name"; }
echo "ok: $name detached cleanly after ${secs}s of mixed load on $(uname -r)"
