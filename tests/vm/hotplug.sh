#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest (scopex vm --cpus 4): start a scheduler with CPU N-1 offline, run it for a
# while, bring the CPU back, then take CPUs 1..N-1 offline and back online ROUNDS times, all
# under stress-ng. sched_ext ejects a scheduler that has no
# ops.cpu_online/cpu_offline at each hotplug event with an exit code that asks for a
# restart (SCX_ECODE_ACT_RESTART | SCX_ECODE_RSN_HOTPLUG, "cpu N going offline"). So
# either the scheduler is never ejected, or every ejection is that restart request and the
# loader reattaches it: at the end the same loader process still runs the scheduler, and
# it detaches cleanly on SIGINT. The script says which of the two happened.
#   hotplug.sh ROUNDS OPS_NAME=COMMAND... (COMMAND split on spaces)
set -u
. "$(dirname "$0")/lib.sh"

rounds="$1"
shift
ncpu=$(nproc)
[ "$ncpu" -ge 2 ] || fail "hotplug needs at least 2 CPUs, the guest has $ncpu"
last=$((ncpu - 1))
OFFLINE_S=20	# four times scx_percpu's watchdog timeout (5 s)
[ -w /sys/devices/system/cpu/cpu1/online ] || fail "CPU 1 cannot be taken offline"

# set_cpu CPU 0|1: hotplug, and check that the CPU went where it was sent
set_cpu() {
	echo "$2" > "/sys/devices/system/cpu/cpu$1/online" || fail "echo $2 > cpu$1/online failed"
	[ "$(cat "/sys/devices/system/cpu/cpu$1/online")" = "$2" ] || fail "cpu$1 online is not $2"
}

stress-ng --cpu "$ncpu" --switch 2 --fork 1 --timeout 0 > /tmp/hp-stress.log 2>&1 &
stress_pid=$!
trap 'kill -INT $stress_pid 2>/dev/null; for c in $(seq 1 $((ncpu - 1))); do
	echo 1 > /sys/devices/system/cpu/cpu$c/online; done 2>/dev/null' EXIT

for s in "$@"; do
	name="${s%%=*}" cmd="${s#*=}" log=/tmp/hotplug.log
	echo "== $name: $rounds rounds of CPUs 1..$((ncpu - 1)) offline/online on $(uname -r)"
	dmesg -C
	# Start with the last CPU offline and run for OFFLINE_S: a task's affinity mask keeps
	# offline CPUs, and a scheduler that queues work there stalls it (the watchdog
	# ejects it within its timeout). Then bring the CPU back: the first hotplug event.
	set_cpu "$last" 0
	# shellcheck disable=SC2086
	$cmd > "$log" 2>&1 &
	pid=$!
	wait_state enabled 60 || { cat "$log"; fail "$name never became enabled"; }
	end=$((SECONDS + OFFLINE_S))
	while [ "$SECONDS" -le "$end" ]; do
		if ! kill -0 "$pid" 2>/dev/null || grep -q "exit:" "$log"; then
			cat "$log"
			fail "$name ejected while CPU $last was offline"
		fi
		sleep 0.5
	done
	echo "ok: $name: ${OFFLINE_S} s with CPU $last offline, never ejected"
	set_cpu "$last" 1
	events=1
	wait_state enabled 60 || { cat "$log"; fail "$name not re-enabled after CPU $last came back"; }
	for r in $(seq 1 "$rounds"); do
		for c in $(seq 1 $((ncpu - 1))); do
			set_cpu "$c" 0
			set_cpu "$c" 1
			events=$((events + 2))
			kill -0 "$pid" 2>/dev/null || { cat "$log"; fail "$name's loader exited in round $r"; }
			# after an ejection the loader needs a moment to reattach
			wait_state enabled 60 || { cat "$log"; fail "$name not re-enabled in round $r"; }
		done
	done
	# An ejection is asynchronous: let the last restart finish (attached once more than
	# the ejections so far) before the SIGINT.
	end=$((SECONDS + 60))
	while [ "$SECONDS" -le "$end" ]; do
		hot=$(grep -c "going o[a-z]*line, exiting scheduler" "$log")
		attached=$(grep -c ": attached" "$log")
		[ "$attached" -gt "$hot" ] && [ "$(cat $SCX/state)" = enabled ] && break
		sleep 0.2
	done
	ejections=$(dmesg | grep -c "\"$name\" disabled")
	# The kernel logs "disabled (unregistered from the main kernel)"; the reason and the
	# restart request reach the loader through the exit info, and it prints both.
	[ "$ejections" = "$hot" ] ||
		{ cat "$log"; fail "$name: $ejections ejections, the loader saw $hot by hotplug"; }
	[ "$(grep -c "asks to be restarted" "$log")" = "$hot" ] ||
		{ cat "$log"; fail "$name: not every hotplug ejection asked for a restart"; }
	[ "$attached" = $((hot + 1)) ] ||
		{ cat "$log"; fail "$name: $hot hotplug ejections but attached $attached times"; }
	[ "$(cat $SCX/root/ops)" = "$name" ] || fail "root/ops is '$(cat $SCX/root/ops)'"
	kill -INT "$pid"
	wait_exit "$pid" 30
	[ "$WAIT_RC" = 0 ] || { cat "$log"; fail "$name exited with $WAIT_RC after SIGINT"; }
	wait_state disabled 30 || fail "state did not return to disabled"
	if [ "$hot" = 0 ]; then
		echo "ok: $name: $events hotplug events, never ejected; clean detach"
	else
		echo "ok: $name: $events hotplug events, $hot ejections, all hotplug restart" \
			"requests ('$(grep -o 'cpu [0-9]* going o[a-z]*line' "$log" | head -n 1)')," \
			"the loader reattached each time ($attached attaches); clean detach"
	fi
done
kill -0 "$stress_pid" 2>/dev/null || fail "stress-ng died during hotplug"
echo "ok: hotplug passed on $(uname -r) with $ncpu CPUs"
