#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: the loader's diagnostics, through `scopex run` and scx_fifo.
#   diag_guest.sh SCOPEX FIXTURE_OBJS FIXTURE_SRCS SCX_FIFO SCX_FIFO_OBJ SIMPLE_OBJ SIMPLE_SRC WORK
# - every broken fixture (tests/fixtures/broken, expect-* lines in its header): on a
#   static-filter kernel (7.1+) the refusal names the callback, kfunc, group, the allowed
#   callbacks and FILE:LINE of the call; on a runtime-mask kernel the ejection is decoded to
#   the same names; exit status non-zero, the verifier log saved;
# - the kernel's upstream scx_simple with an out-of-scope call in its enqueue: the same;
# - scx_bpf_error() and sysrq-S: reported, non-zero exit, latency measured (not asserted);
# - SIGINT: clean detach, exit 0; a second scheduler is refused; a restart request is
#   honoured up to --max-restarts.
set -u
. "$(dirname "$0")/lib.sh"

scopex="$1" objs="$2" srcs="$3" fifo="$4" fifo_obj="$5" simple_obj="$6" simple_src="$7"
work="$8"
kver=$(uname -r | grep -o '^[0-9]*\.[0-9]*\.[0-9]*')
case "$kver" in
6.*|7.0.*) mode=runtime ;;
*) mode=static ;;
esac
echo "kernel $kver: kfunc scoping checked at ${mode/static/load} time"
logs="$work/logs"
rm -rf "$logs"
# process substitution needs /dev/fd, which the VM's minimal /dev lacks
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
mkdir -p "$logs"

# Load, so that a runtime kernel reaches the bad calls at once.
( while :; do :; done ) & spin=$!
( while :; do sleep 0.01; done ) & nap=$!
trap 'kill $spin $nap 2>/dev/null' EXIT

expect() { sed -n "s/^ \* expect-$2: //p" "$srcs/$1.bpf.c"; }
bad_line() { grep -n '/\* BAD' "$1" | head -n 1 | cut -d: -f1; }
has() { grep -qF -- "$2" "$1" || { cat "$1"; fail "$3: expected '$2'"; }; }

# wait_text FILE TEXT SECONDS: poll FILE every 10 ms until it holds TEXT
wait_text() {
	local n=$(( $3 * 100 ))
	while [ "$n" -gt 0 ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.01
		n=$((n - 1))
	done
	return 1
}

# Microseconds of $EPOCHREALTIME, and of the guest's boot clock (the kernel log's clock).
usec() { local t="${1/./}"; echo $((10#$t)); }
boot_offset_us() {
	local up rest now
	read -r up rest < /proc/uptime
	now=$EPOCHREALTIME
	echo $(( $(usec "$now") - $(usec "$up")0000 ))
}

# timed_run OUT TRIGGER CMD...: run CMD (output to OUT, 120 s at most); when it prints
# "attached", note T0 and call the shell function TRIGGER; note T1 when "exit: " comes.
# Bash builtins only between the two, so that the times are the loader's, not fork's.
timed_run() {
	local out="$1" trigger="$2" line pid
	shift 2
	: > "$out"
	T0='' T1=''
	exec 3< <(timeout 120 "$@" 2>&1)
	pid=$!
	while IFS= read -r line <&3; do
		case "$line" in
		*"exit: "*) [ -n "$T1" ] || T1=$EPOCHREALTIME ;;
		*attached*) [ -n "$T0" ] || { T0=$EPOCHREALTIME; $trigger; } ;;
		esac
		printf '%s\n' "$line" >> "$out"
	done
	exec 3<&-
	wait "$pid"
	RUN_RC=$?
}

# latency WHAT FROM: print T0 -> T1, and the kernel's "disabled" message -> T1
latency() {
	local stamp trig_ms kern=""
	trig_ms=$(( ($(usec "$T1") - $(usec "$T0")) / 1000 ))
	stamp=$(dmesg | grep 'sched_ext: BPF scheduler ".*" disabled' | tail -n 1 |
		sed -n 's/^\[ *\([0-9]*\)\.\([0-9]*\)\].*/\1\2/p')
	if [ -n "$stamp" ]; then
		kern=$(( ($(usec "$T1") - 10#$stamp - $(boot_offset_us)) / 1000 ))
		kern=", $kern ms after the kernel logged it"
	fi
	echo "ok: $1 reported $trig_ms ms after $2$kern; exit $RUN_RC"
	echo "latency $1: $trig_ms ms from the trigger$kern"
}

# The refusal of a load, compiler style: FILE:LINE:COL: error: KF() [GROUP] ... ops.CB() on K
check_refusal() {
	local what="$1" out="$2" src="$3" line="$4" kf="$5" grp="$6" cb="$7" allowed="$8"
	local err

	err=$(grep -m1 ': error: ' "$out") || { cat "$out"; fail "$what: no error line"; }
	case "$err" in
	"$src:$line:"[0-9]*": error: $kf() [group $grp] "*|"$src:$line:"[0-9]*": error: $kf() [groups $grp] "*) ;;
	*) cat "$out"; fail "$what: error line is '$err', expected $src:$line:COL: error: $kf() [$grp] ..." ;;
	esac
	case "$err" in
	*" in ops.$cb()"*" on $kver") ;;
	*) cat "$out"; fail "$what: error line does not name ops.$cb() on $kver: '$err'" ;;
	esac
	has "$out" "$kf() is allowed in: $allowed" "$what"
	local log
	log=$(sed -n 's/^note: full verifier log: //p' "$out")
	[ -s "$log" ] || { cat "$out"; fail "$what: verifier log '$log' not saved"; }
	echo "ok: $what: $err"
}

# The decoding of an ejection: masks, kfunc, callback, allowed callbacks, call site
check_ejection() {
	local what="$1" out="$2" src="$3" line="$4" kf="$5" cb="$6" allowed="$7" masks="$8"
	local need="${masks% *}" have="${masks#* }"

	has "$out" "exit: runtime error" "$what"
	has "$out" "kfunc with mask $need called from an operation only allowing $have" "$what"
	grep -q "^note: kfuncs that need $need on $kver: .*$kf()" "$out" ||
		{ cat "$out"; fail "$what: $kf() not among the kfuncs of mask $need"; }
	grep -q "^note: operations that run with $have: .*ops\.$cb()" "$out" ||
		{ cat "$out"; fail "$what: ops.$cb() not among the operations of mask $have"; }
	has "$out" "those kfuncs are allowed in: ${allowed%%,*}" "$what"
	has "$out" "$src:$line:" "$what (call site)"
	has "$out" ": $kf() in ops.$cb() (" "$what (call site)"
	echo "ok: $what: ejection decoded: $kf() in ops.$cb(), mask $need from $have"
}

for name in dispatch_in_enqueue insert_in_tick reenqueue_in_dispatch create_dsq_in_dispatch \
	    select_cpu_in_dispatch; do
	src="$srcs/$name.bpf.c" out="$work/$name.out"
	timeout 120 "$scopex" run "$objs/$name.bpf.o" --log-dir "$logs" -d 20 > "$out" 2>&1
	rc=$?
	[ "$rc" != 0 ] || { cat "$out"; fail "$name: exit status 0"; }
	if [ "$mode" = static ] || [ -z "$(expect "$name" mask)" ]; then
		check_refusal "$name" "$out" "$src" "$(bad_line "$src")" "$(expect "$name" kfunc)" \
			"$(expect "$name" group)" "$(expect "$name" callback)" \
			"$(expect "$name" allowed)"
	else
		check_ejection "$name" "$out" "$src" "$(bad_line "$src")" "$(expect "$name" kfunc)" \
			"$(expect "$name" callback)" "$(expect "$name" allowed)" \
			"$(expect "$name" mask)"
	fi
done

# An ordinary verifier error: short summary, the kernel's words, the saved log.
out="$work/map_oob.out"
timeout 120 "$scopex" run "$objs/map_oob.bpf.o" --log-dir "$logs" -d 20 > "$out" 2>&1
rc=$?
[ "$rc" != 0 ] || { cat "$out"; fail "map_oob: exit status 0"; }
has "$out" ": error: the verifier refused program 'bad_enqueue' (ops.enqueue()): invalid access to map value" map_oob
has "$out" "R0 min value is outside of the allowed memory range" "map_oob (kernel's words)"
has "$out" "note: full verifier log: " map_oob
echo "ok: map_oob: $(grep -m1 ': error: ' "$out")"

# The kernel's own scx_simple, built with its own headers, with an out-of-scope call.
out="$work/simple.out"
timeout 120 "$scopex" run "$simple_obj" --log-dir "$logs" -d 20 > "$out" 2>&1
rc=$?
[ "$rc" != 0 ] || { cat "$out"; fail "upstream scx_simple: exit status 0"; }
if [ "$mode" = static ]; then
	check_refusal "upstream scx_simple" "$out" "$simple_src" "$(bad_line "$simple_src")" \
		scx_bpf_dsq_move_to_local dispatch enqueue "ops.dispatch()"
else
	check_ejection "upstream scx_simple" "$out" "$simple_src" "$(bad_line "$simple_src")" \
		scx_bpf_dsq_move_to_local enqueue "ops.dispatch()" "0x2 0x4"
fi

# scx_bpf_error(): the fixture errors out when a task named scx_trig* becomes runnable.
ln -sf "$(command -v sleep)" "$work/scx_trigger"
trigger_error() { "$work/scx_trigger" 0.01 & }
timed_run "$work/error.out" trigger_error "$scopex" run "$objs/error_trigger.bpf.o" -d 120
[ -n "$T0" ] || { cat "$work/error.out"; fail "error_trigger: not attached"; }
has "$work/error.out" "exit: scx_bpf_error" error_trigger
has "$work/error.out" "triggered by scx_trig" error_trigger
[ "$RUN_RC" = 1 ] || { cat "$work/error.out"; fail "error_trigger: exit status $RUN_RC, expected 1"; }
latency "scx_bpf_error" "trigger started (fork, exec, 10 ms sleep)"

# sysrq-S while scx_fifo runs.
trigger_sysrq() { echo S > /proc/sysrq-trigger; }
timed_run "$work/sysrq.out" trigger_sysrq "$fifo"
[ -n "$T0" ] || { cat "$work/sysrq.out"; fail "scx_fifo: not attached"; }
has "$work/sysrq.out" "disabled by sysrq-S" sysrq
[ "$RUN_RC" = 1 ] || { cat "$work/sysrq.out"; fail "sysrq: exit status $RUN_RC, expected 1"; }
latency "sysrq-S" "echo S > /proc/sysrq-trigger"
wait_state disabled 10 || fail "sysrq: sched_ext not disabled"

# SIGINT: clean detach, exit 0.
out="$work/sigint.out"
"$scopex" run "$fifo_obj" > "$out" 2>&1 &
pid=$!
wait_text "$out" "attached" 60 || { cat "$out"; fail "scopex run scx_fifo: not attached"; }
kill -INT "$pid"
wait_exit "$pid" 30
[ "$WAIT_RC" = 0 ] || { cat "$out"; fail "SIGINT: exit status $WAIT_RC, expected 0"; }
has "$out" "unregistered from user space" SIGINT
wait_state disabled 10 || fail "SIGINT: sched_ext not disabled"
echo "ok: SIGINT: clean detach, exit 0"

# A second scheduler while one is attached.
out="$work/first.out"
"$fifo" > "$out" 2>&1 &
pid=$!
wait_text "$out" "attached" 60 || { cat "$out"; fail "scx_fifo: not attached"; }
timeout 60 "$scopex" run "$objs/error_trigger.bpf.o" -d 5 > "$work/second.out" 2>&1
rc=$?
kill -INT "$pid"
wait_exit "$pid" 30
[ "$rc" = 2 ] || { cat "$work/second.out"; fail "second scheduler: exit status $rc, expected 2"; }
has "$work/second.out" "another BPF scheduler is attached (fifo" "second scheduler"
[ "$WAIT_RC" = 0 ] || { cat "$out"; fail "first scheduler disturbed: exit status $WAIT_RC"; }
echo "ok: a second scheduler is refused: $(head -n 1 "$work/second.out")"

# A restart request, honoured twice then refused.
out="$work/restart.out"
timeout 240 "$scopex" run "$objs/restart_request.bpf.o" --max-restarts 2 -d 200 > "$out" 2>&1
rc=$?
has "$out" "restarting (1/2)" restart
has "$out" "restarting (2/2)" restart
has "$out" "giving up" restart
[ "$(grep -c 'scopex run: attached' "$out")" = 3 ] || { cat "$out"; fail "restart: not attached 3 times"; }
[ "$rc" = 1 ] || { cat "$out"; fail "restart: exit status $rc, expected 1"; }
echo "ok: restart requests: reattached twice, then gave up (exit 1)"
echo "PASS: diagnostics on $kver"
