#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: attach and detach each scheduler CYCLES times in a row while stress-ng keeps
# the CPUs busy. Every cycle must reach "enabled" under the scheduler's own name, detach on
# SIGINT with exit status 0 and return the state to "disabled"; after the cycles of each
# scheduler the numbers of BPF programs, maps and links (the kernel's ID tables, which
# bpftool prog/map/link list walk) must be back at the baseline taken before the first
# load: a scheduler or loader that leaks fails here.
#   reload.sh CYCLES BPF_COUNT SCHED_BINARY:OPS_NAME...   (BPF_COUNT: tests/vm/bpf_count.c)
set -u
. "$(dirname "$0")/lib.sh"

cycles="$1" counter="$2"
shift 2
[ $# -gt 0 ] || fail "usage: reload.sh CYCLES BPF_COUNT BINARY:OPS..."

# bpf_counts: "progs maps links" loaded in the kernel. Not bpftool: every listing loads
# its pid iterator (objects of its own that come and go) and under emulation takes 7-10 s.
bpf_counts() {
	"$counter" || fail "bpf_count failed"
}

# wait_counts WANT SECONDS: objects are freed after an RCU grace period and a workqueue
# pass once the last fd closes, so poll until the counts are back (wall-time deadline).
wait_counts() {
	local end=$((SECONDS + $2))
	while [ "$SECONDS" -le "$end" ]; do
		COUNTS=$(bpf_counts)
		[ "$COUNTS" = "$1" ] && return 0
		sleep 0.2
	done
	return 1
}

# Load that leaves room for the test itself: two CPU hogs at 30 % duty. No sleep stressor:
# under emulation its timer storm starved the fair class so much that ten reads of the
# sysfs state did not finish in six minutes (that was why this test never finished).
stress-ng --cpu 2 --cpu-load 30 --timeout 0 > /tmp/reload-stress.log 2>&1 &
stress_pid=$!
trap 'kill -INT $stress_pid 2>/dev/null' EXIT

[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before the first cycle"
base=$(bpf_counts)
echo "baseline BPF objects (progs maps links): $base"
total=0
for s in "$@"; do
	bin="${s%%:*}" name="${s##*:}" log=/tmp/reload.log
	echo "== $name: $cycles attach/detach cycles under stress-ng on $(uname -r)"
	t0=$SECONDS
	for i in $(seq 1 "$cycles"); do
		"$bin" > "$log" 2>&1 &
		pid=$!
		wait_state enabled 60 || { cat "$log"; fail "$name cycle $i: never enabled"; }
		ops=$(cat $SCX/root/ops)
		[ "$ops" = "$name" ] || fail "$name cycle $i: root/ops is '$ops'"
		[ "$i" = 1 ] && loaded=$(bpf_counts)
		kill -INT "$pid"
		wait_exit "$pid" 60
		[ "$WAIT_RC" = 0 ] || { cat "$log"; fail "$name cycle $i: exit status $WAIT_RC"; }
		wait_state disabled 30 || fail "$name cycle $i: state did not return to disabled"
		total=$((total + 1))
	done
	# A leak of any cycle adds up: count once all of them are done (bpftool under
	# emulation costs seconds a run).
	[ "$loaded" != "$base" ] || fail "$name: bpftool saw no new object while it was loaded"
	wait_counts "$base" 30 ||
		fail "$name: BPF objects $COUNTS after $cycles cycles, baseline $base (leak)"
	echo "ok: $name: $cycles cycles enabled->disabled, exit 0; BPF objects $loaded while" \
		"loaded, back to $base after the cycles ($((SECONDS - t0)) s)"
done
kill -0 "$stress_pid" 2>/dev/null || { cat /tmp/reload-stress.log; fail "stress-ng died during the cycles"; }
echo "ok: $total reload cycles of $# schedulers passed on $(uname -r), no leak"
