#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: weighted fairness. Two groups of CPU-bound loops, one at nice 0 and one at
# nice 5, more loops than CPUs; after a fixed wall time, compare the CPU time (utime +
# stime from /proc/PID/stat) the groups got. sched_ext weighs a task by its nice value's
# sched_prio_to_weight scaled to 100 at nice 0: nice 0 -> 100, nice 5 -> 335 * 100 / 1024
# = 33 (rounded), so a weighted scheduler gives the nice-0 group 100/33 = 3.03 times the
# CPU time of the nice-5 group.
#   weight_fair.sh SECONDS LOOPS_PER_GROUP FAIR_BINARY:OPS [UNFAIR_BINARY:OPS]
# FAIR must match the ratio within 15%; UNFAIR (a scheduler that ignores weights) must
# not, which shows the check can fail. The kernel's own scheduler (EEVDF) is measured
# first for reference.
set -u
. "$(dirname "$0")/lib.sh"

secs="$1" per_group="$2" fair="$3" unfair="${4:-}"
want_milli=3030		# 100/33, in thousandths
tol_pct=15
pids0=() pids5=()

start_loops() {
	local i
	pids0=() pids5=()
	for i in $(seq "$per_group"); do
		nice -n 0 sh -c 'while :; do :; done' &
		pids0+=($!)
		nice -n 5 sh -c 'while :; do :; done' &
		pids5+=($!)
	done
}

stop_loops() {
	kill "${pids0[@]}" "${pids5[@]}" 2>/dev/null
	wait "${pids0[@]}" "${pids5[@]}" 2>/dev/null
}

# Sum of utime + stime, in clock ticks, of the given PIDs (fields 14 and 15).
cpu_ticks() {
	local pid sum=0 f
	for pid in "$@"; do
		read -r -a f < "/proc/$pid/stat" || fail "loop $pid died"
		sum=$((sum + f[13] + f[14]))
	done
	echo "$sum"
}

# measure LABEL: run both groups for $secs seconds; leaves the ratio x1000 in RATIO.
measure() {
	local a0 a5 b0 b5 d0 d5
	start_loops
	sleep 1		# let every loop start and get its weight before the window opens
	a0=$(cpu_ticks "${pids0[@]}") a5=$(cpu_ticks "${pids5[@]}")
	sleep "$secs"
	b0=$(cpu_ticks "${pids0[@]}") b5=$(cpu_ticks "${pids5[@]}")
	stop_loops
	d0=$((b0 - a0)) d5=$((b5 - a5))
	[ "$d5" -gt 0 ] || fail "$1: the nice-5 group got no CPU time (nice 0: $d0 ticks)"
	RATIO=$((d0 * 1000 / d5))
	printf 'RATIO %s: nice0=%d ticks nice5=%d ticks ratio=%d.%03d (weights predict %d.%03d)\n' \
		"$1" "$d0" "$d5" $((RATIO / 1000)) $((RATIO % 1000)) \
		$((want_milli / 1000)) $((want_milli % 1000))
}

within() {
	local dev=$(( (RATIO - want_milli) * 100 / want_milli ))
	[ "${dev#-}" -le "$tol_pct" ]
}

# with_sched BINARY:OPS: measure under that scheduler, detaching it afterwards.
with_sched() {
	local bin="${1%%:*}" name="${1##*:}"
	start_sched "$name" "$bin" "$name"
	measure "$name"
	stop_sched "$name"
}

echo "== $(uname -r), $(nproc) CPUs: $per_group loops at nice 0 and $per_group at nice 5, ${secs}s"
[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before the test"
measure eevdf

with_sched "$fair"
within || fail "${fair##*:}: ratio $RATIO/1000 is not within ${tol_pct}% of $want_milli/1000"
echo "ok: ${fair##*:} shares CPU by weight"

if [ -n "$unfair" ]; then
	with_sched "$unfair"
	within && fail "${unfair##*:}: ratio $RATIO/1000 matches the weights: the check cannot tell"
	echo "ok: ${unfair##*:} ignores weights, and the check notices"
fi
