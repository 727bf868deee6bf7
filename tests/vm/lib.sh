# SPDX-License-Identifier: GPL-2.0
# Helpers for scripts that run inside the guest (scopex vm). State is polled, never slept on.

SCX=/sys/kernel/sched_ext

fail() {
	echo "FAIL: $*"
	echo "--- sched_ext state: $(cat $SCX/state 2>/dev/null)"
	echo "--- last kernel messages:"
	dmesg | tail -n 25
	exit 1
}

# wait_state WANT SECONDS: poll /sys/kernel/sched_ext/state every 100 ms. The deadline is
# wall time (bash's SECONDS), not a count of polls: under emulation each poll is slow. On
# a timeout it prints the states it saw, with the second each was first seen.
wait_state() {
	local want="$1" start=$SECONDS end=$((SECONDS + $2)) s last="" seen=""
	while [ "$SECONDS" -le "$end" ]; do
		read -r s < $SCX/state && [ "$s" = "$want" ] && return 0
		[ "$s" = "$last" ] || { seen="$seen $s@$((SECONDS - start))s"; last="$s"; }
		sleep 0.1
	done
	echo "--- wanted state $want within $2 s, saw:$seen"
	return 1
}

# wait_exit PID SECONDS: wait for a background child of this shell, killing it at the
# deadline; its exit status is left in WAIT_RC (not printed: $(...) is not its parent).
wait_exit() {
	local pid="$1" end=$((SECONDS + $2))
	while [ "$SECONDS" -le "$end" ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && { echo "killing $pid after $2 s"; kill -KILL "$pid"; }
	wait "$pid"
	WAIT_RC=$?
}

# last_stat LOG KEY: the value of KEY=N on the last stats line of LOG.
last_stat() {
	grep -o "$2=[0-9]*" "$1" | tail -n 1 | cut -d= -f2
}

# start_sched NAME BINARY OPS [ARGS...]: attach and check, leaving its PID in SCHED_PID;
# its log is /tmp/NAME.log.
start_sched() {
	[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before $1"
	"$2" "${@:4}" > "/tmp/$1.log" 2>&1 &
	SCHED_PID=$!
	wait_state enabled 60 || { cat "/tmp/$1.log"; fail "$1 never became enabled"; }
	[ "$(cat $SCX/root/ops)" = "$3" ] || fail "root/ops is '$(cat $SCX/root/ops)', expected '$3'"
}

# stop_sched NAME: SIGINT to SCHED_PID, which must still be attached, exit 0 and leave
# sched_ext disabled; its log is /tmp/NAME.log.
stop_sched() {
	[ "$(cat $SCX/state)" = enabled ] || { cat "/tmp/$1.log"; fail "$1 was ejected"; }
	kill -INT "$SCHED_PID"
	wait_exit "$SCHED_PID" 30
	[ "$WAIT_RC" = 0 ] || { cat "/tmp/$1.log"; fail "$1 exited with $WAIT_RC"; }
	wait_state disabled 30 || fail "state did not return to disabled after $1"
}

# wait_no_progs BPF_INSNS: the kernel frees a detached scheduler's programs later (RCU);
# wait until no struct_ops program is left, or the next scheduler's counts would include
# them. BPF_INSNS is tools/bench's bpf_insns, whose --loaded fails when there is none.
wait_no_progs() {
	local end=$((SECONDS + 30))

	while "$1" --loaded > /dev/null 2>&1; do
		[ "$SECONDS" -le "$end" ] || fail "struct_ops programs still loaded 30 s after a detach"
		sleep 0.1
	done
}

# cyclictest_p99 FILE FORMAT: p99, max and sample count of cyclictest's histogram (-h
# BUCKETS -q: "USEC COUNT COUNT..." lines, then "# Histogram Overflows: N N..."), printed
# with the printf FORMAT (which may leave out the last ones). An overflowing p99 is BUCKETS.
cyclictest_p99() {
	awk -v fmt="$2\n" '
	/^[0-9]+ / { for (i = 2; i <= NF; i++) { h[$1 + 0] += $i; n += $i }; top = $1 + 0; next }
	/^# Histogram Overflows:/ { for (i = 4; i <= NF; i++) { over += $i; n += $i } }
	/^# Max Latencies:/ { for (i = 4; i <= NF; i++) if ($i + 0 > max) max = $i + 0 }
	END {
		want = n * 0.99; acc = 0; p99 = top + 1
		for (u = 0; u <= top; u++) { acc += h[u]; if (acc >= want) { p99 = u; break } }
		printf fmt, p99, max, n
	}' "$1"
}
