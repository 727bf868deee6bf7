#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: load OBJ with `scopex run` under a stress-ng load for SECONDS and say what
# the kernel did with it, in one line the host compares with `scopex check`'s verdict:
#   RESULT: ran SECS s nr_dispatch=N nr_reenq=N      enabled throughout, counters rising
#   RESULT: ejected SECS s after attaching: EXIT     the kernel disabled it
#   RESULT: other: WHAT                              neither (refused, stalled, ...)
# OBJ's .bss holds nr_dispatch and nr_reenq, the calls of ops.dispatch() and of the path
# under test; they are read with bpftool. Exits 0 whenever a RESULT line was printed.
#   compat_guest.sh SCOPEX OBJ BPFTOOL SECONDS LOG_DIR
set -u
. "$(dirname "$0")/../vm/lib.sh"

scopex="$1" obj="$2" bpftool="$3" secs="$4" logs="$5"
out=/tmp/compat-run.out

# counters: "nr_dispatch=N nr_reenq=N" from the scheduler's .bss, empty if unreadable
counters() {
	local id

	id=$("$bpftool" map show | sed -n 's/^\([0-9]*\): array  name [^ ]*\.bss .*/\1/p' | head -n 1)
	[ -n "$id" ] || return
	"$bpftool" map dump id "$id" | grep -o '"nr_[a-z]*": [0-9]*' | tr -d '" ' | tr ':' '=' |
		sort | paste -sd ' '
}
count() { grep -o "$1=[0-9]*" <<< "$2" | cut -d= -f2; }
# ktime WORD: the kernel log's time of the last 'BPF scheduler "..." WORD'
ktime() { dmesg | sed -n "s/^\[ *\([0-9.]*\)\] sched_ext: BPF scheduler \".*\" $1.*/\1/p" | tail -n 1; }

# result WHAT: print the evidence and the verdict line, leave with status 0
result() {
	echo "--- scopex run output:"
	cat "$out"
	echo "--- sched_ext state: $(cat $SCX/state); kernel messages about sched_ext:"
	dmesg | grep -i 'sched_ext' | tail -n 10
	echo "RESULT: $*"
	exit 0
}

[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before the test"
mkdir -p "$logs"
dmesg -C
echo "== $(basename "$obj") on $(uname -r): scopex run, stress-ng --cpu 2 --switch 2 for ${secs} s"
"$scopex" run "$obj" --log-dir "$logs" > "$out" 2>&1 &
pid=$!
end=$((SECONDS + 60))
until grep -q 'scopex run: attached' "$out"; do
	kill -0 "$pid" 2>/dev/null || { wait "$pid"; result "other: not attached, exit $?"; }
	[ "$SECONDS" -le "$end" ] || result "other: not attached after 60 s"
	sleep 0.1
done
attached=$SECONDS
first=$(counters)
t0=$SECONDS
stress-ng --cpu 2 --switch 2 --timeout "${secs}s" > /tmp/stress.log 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null' EXIT

# Poll until SECONDS of load have passed or the loader is gone.
while [ $((SECONDS - t0)) -lt "$secs" ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.2
done
held=$((SECONDS - t0))
if ! kill -0 "$pid" 2>/dev/null; then
	wait "$pid"
	rc=$?
	exit_line=$(grep -m1 'scopex run: exit: ' "$out")
	[ -n "$exit_line" ] || result "other: loader exited ($rc) after $held s with no exit line"
	[ "$rc" = 1 ] || result "other: loader exit status $rc after $held s: $exit_line"
	echo "kernel log: enabled at $(ktime enabled) s, disabled at $(ktime disabled) s"
	result "ejected $((SECONDS - attached)) s after attaching: ${exit_line#scopex run: exit: }"
fi

state=$(cat $SCX/state)
last=$(counters)
kill -INT "$pid"
wait_exit "$pid" 30
echo "state after $held s of load: $state; counters before the load: ${first:-unreadable}; after: ${last:-unreadable}"
[ "$state" = enabled ] || result "other: loader alive but state '$state' after $held s"
[ "$WAIT_RC" = 0 ] || result "other: exit status $WAIT_RC after SIGINT"
grep -q 'unregistered from user space' "$out" || result "other: no clean unregistration"
n0=$(count nr_reenq "$first") n1=$(count nr_reenq "$last")
[ -n "$n0" ] && [ -n "$n1" ] || result "other: counters unreadable ('$first', '$last')"
[ "$n1" -gt "$n0" ] || result "other: the path did not run under load ($first -> $last)"
result "ran $held s $last"
