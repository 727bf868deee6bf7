#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest, on a kf_mask kernel (6.16 to 7.0): run-time conformance. For each case of
# conform_rt.bpf.c (a callback calling a kfunc, one allowed and one refused callback per
# group), attach the scheduler under load and check that the kernel does what the scope
# table says: an allowed call runs (the scheduler unloads itself with "N calls ok"), a
# call that "ejects" gets it ejected with the kernel's kf_mask message, a sleepable kfunc
# in a non-sleepable op is refused at load.
#   conform_rt.sh KERNEL SCHED_LOAD CONFORM_LOAD OBJDIR
set -u
. "$(dirname "$0")/../vm/lib.sh"

kernel="$1" load="$2" verdict="$3" dir="$4"
log=/tmp/rt.log
pass=0 failed=0

# case  context      kfunc                        group
cases="1 dispatch scx_bpf_dsq_move_to_local dispatch
2 enqueue scx_bpf_dsq_move_to_local dispatch
3 enqueue scx_bpf_dsq_insert___v2 enqueue
4 tick scx_bpf_dsq_insert___v2 enqueue
5 select_cpu scx_bpf_select_cpu_dfl select_cpu
6 tick scx_bpf_select_cpu_dfl select_cpu
7 cpu_release scx_bpf_reenqueue_local cpu_release
8 dispatch scx_bpf_reenqueue_local cpu_release
9 init scx_bpf_create_dsq unlocked
10 enqueue scx_bpf_create_dsq unlocked
11 enqueue scx_bpf_task_cgroup any(rq-locked)
12 init_task scx_bpf_task_cgroup any(rq-locked)
13 tick scx_bpf_now any"

# Work for the scheduler, and real-time work that takes CPUs away from it
# (ops.cpu_release()).
load_gen() {
	local bg

	stress-ng --cpu 2 --switch 2 --timeout 4s > /dev/null 2>&1 &
	bg=$!
	chrt -f 10 stress-ng --cpu 1 --timeout 3s > /dev/null 2>&1
	wait "$bg"
}

while read -r n ctx kf group; do
	want=$("$verdict" --verdict "$kernel" "$ctx" "$kf")
	"$load" -t 90 "$dir/conform_rt.$n.bpf.o" > "$log" 2>&1 &
	pid=$!
	for i in 1 2 3; do kill -0 "$pid" 2>/dev/null && load_gen; done
	wait_exit "$pid" 120
	rc=$WAIT_RC
	case "$want" in
	allowed)	ok=$([ "$rc" = 0 ] && grep -q "conform-rt: [0-9]* calls ok" "$log" && echo y) ;;
	ejects)		ok=$([ "$rc" = 1 ] && grep -q "kfunc with mask" "$log" && echo y) ;;
	sleepable-only|rejected)
			ok=$([ "$rc" = 2 ] &&
			     grep -q "sleepable kfunc $kf\|calling kernel function $kf" "$log" && echo y) ;;
	*)		ok= ;;
	esac
	msg=$(grep -o "exit: .*" "$log" | head -n 1)
	[ -z "$msg" ] && msg=$(grep -m1 -o "program must be sleepable.*\|calling kernel function.*" "$log")
	if [ -n "$ok" ]; then
		pass=$((pass + 1))
		echo "ok: $group: ops.$ctx() -> $kf(): table $want, kernel: $msg"
	else
		failed=$((failed + 1))
		echo "DISAGREE: $group: ops.$ctx() -> $kf(): table $want, exit status $rc:"
		cat "$log"
	fi
	wait_state disabled 30 || fail "state did not return to disabled after case $n"
done <<< "$cases"
echo "runtime conformance $kernel: $pass passed, $failed failed"
[ "$failed" = 0 ]
