#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: how the loaders end. For each scheduler binary:
#  - SIGINT and SIGTERM: clean detach, exit status 0, the kernel logs an unregistration;
#  - SIGKILL: nothing of the loader runs, so the kernel detaches the scheduler when the
#    last fd of its struct_ops link closes; the state returns to "disabled" and the guest
#    keeps running on the fair class (a stress-ng run afterwards completes).
# Then two ejections through `scopex run`, each reported with its reason, exit status 1:
#  - the watchdog (tests/fixtures/broken/watchdog_stall.bpf.c never runs tasks named
#    scx_stall*; ops.timeout_ms is 1 s);
#  - scx_bpf_error() (error_trigger.bpf.c, tasks named scx_trig*).
#   faults.sh SCOPEX FIXTURE_OBJS SCHED_BINARY:OPS_NAME...
set -u
. "$(dirname "$0")/lib.sh"

scopex="$1" objs="$2"
shift 2
work=/tmp/faults
mkdir -p "$work"
has() { grep -qF -- "$2" "$1" || { cat "$1"; fail "$3: expected '$2'"; }; }

# start BIN OPS: run BIN in the background (PID in $PID), wait until OPS is enabled.
start() {
	[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before $2"
	dmesg -C
	"$1" > "$work/sched.log" 2>&1 &
	PID=$!
	wait_state enabled 60 || { cat "$work/sched.log"; fail "$2 never became enabled"; }
	[ "$(cat $SCX/root/ops)" = "$2" ] || fail "root/ops is '$(cat $SCX/root/ops)', expected $2"
}

# clean_stop SIGNAL OPS: the loader detaches and exits 0, the kernel says why.
clean_stop() {
	kill -"$1" "$PID"
	wait_exit "$PID" 30
	[ "$WAIT_RC" = 0 ] || { cat "$work/sched.log"; fail "$2: SIG$1 gave exit status $WAIT_RC"; }
	wait_state disabled 30 || fail "$2: SIG$1: state did not return to disabled"
	dmesg | grep -q "\"$2\" disabled (unregistered from user space)" ||
		{ dmesg | tail; fail "$2: SIG$1: no clean unregistration in the kernel log"; }
	echo "ok: $2: SIG$1: clean detach, exit 0"
}

# ( while :; do :; done ) keeps a CPU busy so that the scheduler has work to do.
( while :; do :; done ) & spin=$!
trap 'kill $spin 2>/dev/null' EXIT

for s in "$@"; do
	bin="${s%%:*}" name="${s##*:}"
	start "$bin" "$name"
	clean_stop INT "$name"
	start "$bin" "$name"
	clean_stop TERM "$name"

	start "$bin" "$name"
	kill -KILL "$PID"
	wait "$PID" 2>/dev/null
	rc=$?
	[ "$rc" = 137 ] || fail "$name: SIGKILL: exit status $rc, expected 137"
	wait_state disabled 30 || fail "$name: SIGKILL: the kernel did not detach the scheduler"
	dmesg | grep -q "\"$name\" disabled" || { dmesg | tail; fail "$name: SIGKILL: no kernel message"; }
	stress-ng --cpu 2 --fork 1 --timeout 3s > "$work/after.log" 2>&1 ||
		{ cat "$work/after.log"; fail "$name: SIGKILL: a follow-up stress-ng failed"; }
	echo "ok: $name: SIGKILL: the kernel detached it ($(dmesg | grep -o 'disabled (.*)' |
		tail -n 1)); stress-ng afterwards on the fair class: exit 0"
done

# The watchdog: a task that is never dispatched.
ln -sf "$(command -v sleep)" "$work/scx_stall"
out="$work/watchdog.out"
dmesg -C
timeout 120 "$scopex" run "$objs/watchdog_stall.bpf.o" -d 90 > "$out" 2>&1 &
pid=$!
wait_state enabled 60 || { cat "$out"; fail "watchdog_stall never became enabled"; }
"$work/scx_stall" 0.01 &
victim=$!
wait_exit "$pid" 100
rc=$WAIT_RC
wait "$victim"
has "$out" "runnable task stall" watchdog
has "$out" "scx_stall" watchdog
[ "$rc" = 1 ] || { cat "$out"; fail "watchdog: exit status $rc, expected 1"; }
wait_state disabled 10 || fail "watchdog: sched_ext not disabled"
echo "ok: watchdog ejection reported: $(grep -m1 'exit: ' "$out"), exit 1"

# scx_bpf_error()
ln -sf "$(command -v sleep)" "$work/scx_trigger"
out="$work/error.out"
timeout 120 "$scopex" run "$objs/error_trigger.bpf.o" -d 90 > "$out" 2>&1 &
pid=$!
wait_state enabled 60 || { cat "$out"; fail "error_trigger never became enabled"; }
"$work/scx_trigger" 0.01
wait_exit "$pid" 100
has "$out" "exit: scx_bpf_error" error_trigger
has "$out" "triggered by scx_trig" error_trigger
[ "$WAIT_RC" = 1 ] || { cat "$out"; fail "error_trigger: exit status $WAIT_RC, expected 1"; }
echo "ok: scx_bpf_error() ejection reported: $(grep -m1 'exit: ' "$out"), exit 1"
echo "ok: faults passed on $(uname -r)"
