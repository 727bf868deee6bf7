#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: run schedulers one after the other under a stress-ng mix and check that
# each was enabled under its own name, made every stressor progress, was neither ejected
# nor stalled, dispatched what it was given, and detached cleanly on SIGINT.
#   sched_stress.sh SECONDS SCHED_BINARY:OPS_NAME... [-- STRESSORS...]
# The stats lines of a scheduler must carry enqueued=N (tasks put into its shared queue)
# and dispatched=N (tasks moved from there to a CPU).
set -u
. "$(dirname "$0")/lib.sh"

secs="$1"
shift
scheds=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	scheds+=("$1")
	shift
done
[ $# -gt 0 ] && shift
stressors="${*:---cpu 2 --switch 2 --fork 2 --yield 2 --sleep 2 --sleep-max 32}"
[ "${#scheds[@]}" -gt 0 ] || fail "usage: sched_stress.sh SECONDS BINARY:OPS... [-- STRESSORS...]"

# Every stressor named in the mix reported bogo ops > 0 in stress-ng's metrics.
check_progress() {
	local s ops
	for s in $(grep -o -- '--[a-z]* [0-9]' <<< "$stressors" | cut -c3- | cut -d' ' -f1); do
		ops=$(awk -v s="$s" '$2 == "metrc:" && $4 == s && $5 ~ /^[0-9]+$/ {print $5}' \
			/tmp/stress.log | head -n 1)
		[ -n "$ops" ] && [ "$ops" -gt 0 ] || { cat /tmp/stress.log; fail "stressor $s made no progress"; }
		printf '%s=%s ' "$s" "$ops"
	done
	echo
}

# Every task put into the scheduler's queues was taken out again, except those still
# queued when it detached (the kernel takes them back): a task is queued at most once, so
# that is at most the number of tasks alive then. The load has ended by the SIGINT, so
# that is about the guest's own threads, not a share of the millions of enqueues.
#   check_counters LOG TASKS_ALIVE
check_counters() {
	local log="$1" alive="$2" enq disp gap limit
	enq=$(last_stat "$log" enqueued)
	disp=$(last_stat "$log" dispatched)
	[ -n "$enq" ] && [ -n "$disp" ] || fail "no enqueued/dispatched counters in the stats"
	[ "$disp" -gt 0 ] || fail "no dispatched tasks counted"
	gap=$((enq - disp))
	[ "$gap" -ge 0 ] || fail "dispatched=$disp exceeds enqueued=$enq"
	# + a few children of this script forked between the count and the detach (sleep)
	limit=$((alive + 8))
	[ "$gap" -le "$limit" ] ||
		fail "enqueued=$enq dispatched=$disp: $gap never dispatched, more than the $alive tasks alive at the detach"
	echo "ok: dispatched=$disp of enqueued=$enq; $gap still queued at the detach (at most $limit)"
}

# tasks alive now: the total of /proc/loadavg's RUNNING/TOTAL field
nr_tasks() {
	local a b c rt rest
	read -r a b c rt rest < /proc/loadavg
	echo "${rt#*/}"
}

run_one() {
	local bin="${1%%:*}" name="${1##*:}" log="/tmp/${1##*:}.log" src seq alive
	echo "== $name ($bin) on $(uname -r): stress-ng $stressors for ${secs}s"
	seq=$(cat $SCX/enable_seq)
	dmesg -C
	start_sched "$name" "$bin" "$name"
	echo "ok: $name enabled, root/ops=$(cat $SCX/root/ops)"

	stress-ng $stressors --timeout "${secs}s" --metrics-brief > /tmp/stress.log 2>&1
	src=$?
	[ "$src" = 0 ] || { cat /tmp/stress.log; fail "stress-ng exited with $src"; }
	[ "$(cat $SCX/state)" = enabled ] || { cat "$log"; fail "$name ejected under the load"; }
	# Still the one enabling: ejected and loaded again would have counted another.
	[ "$(cat $SCX/enable_seq)" = $((seq + 1)) ] ||
		{ cat "$log"; fail "enable_seq went from $seq to $(cat $SCX/enable_seq): $name was re-enabled"; }
	echo -n "ok: stress-ng completed, $name enabled once and still enabled; bogo ops: "
	check_progress

	alive=$(nr_tasks)
	stop_sched "$name"
	cat "$log"
	# The kernel's own word on why it was disabled: a stall or error would say so.
	dmesg | grep -q "\"$name\" disabled (unregistered from user space)" ||
		fail "the kernel did not log a clean unregistration of $name"
	[ "$(dmesg | grep -c "\"$name\" disabled")" = 1 ] ||
		{ dmesg | grep "\"$name\" disabled"; fail "the kernel disabled $name more than once"; }
	grep -qi 'stall\|error' "$log" && fail "$name reported a stall or error"
	echo "ok: $name detached cleanly on SIGINT, state disabled"
	check_counters "$log" "$alive"
}

for s in "${scheds[@]}"; do
	run_one "$s"
done
echo "ok: all ${#scheds[@]} schedulers passed on $(uname -r)"
