#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: scx_percpu under the stress-ng mix (sched_stress.sh), then its newer
# struct_ops features on a second run under load:
#  - the control program (SEC("syscall"), BPF_PROG_TEST_RUN) from another process: it
#    reads the per-CPU queue lengths and sets the slice, which round-trips into the
#    running scheduler; an out-of-range slice is refused and changes nothing;
#  - assoc=yes exactly when the kernel's BTF knows BPF_PROG_ASSOC_STRUCT_OPS, and the
#    control program works either way;
#  - the struct_ops shadow variable: -w sets percpu_ops.timeout_ms, read back from the
#    kernel's copy of the map with bpftool.
#   percpu.sh SCX_PERCPU BPFTOOL SECONDS
set -u
. "$(dirname "$0")/lib.sh"

bin="$1" bpftool="$2" secs="$3"
log=/tmp/percpu.log

"$(dirname "$0")/sched_stress.sh" "$secs" "$bin:percpu" || exit 1

# ctl_get KEY: KEY=VALUE from a fresh 'scx_percpu ctl' (run from this, another, process).
ctl_get() {
	"$bin" ctl | grep -o "$1=[-0-9:]*" | cut -d= -f2
}

if "$bpftool" btf dump file /sys/kernel/btf/vmlinux 2>/dev/null | grep -q "'BPF_PROG_ASSOC_STRUCT_OPS'"; then
	want_assoc=yes
else
	want_assoc=no
fi

echo "== scx_percpu control program on $(uname -r) (expect assoc=$want_assoc)"
"$bin" ctl > /tmp/ctl.out 2>&1 && fail "ctl succeeded with no scheduler running"
grep -q 'no running scx_percpu' /tmp/ctl.out || { cat /tmp/ctl.out; fail "ctl did not say why"; }

start_sched percpu "$bin" percpu -s 3000 -w 7000
grep -q "assoc=$want_assoc" "$log" || { cat "$log"; fail "expected assoc=$want_assoc"; }
echo "ok: attached, $(grep -o 'assoc=[a-z]*' "$log")"

# The shadow variable reached the kernel's copy of the struct_ops map.
tmo=$("$bpftool" struct_ops dump name percpu_ops | grep -o '"timeout_ms": [0-9]*' | grep -o '[0-9]*$')
[ "$tmo" = 7000 ] || fail "percpu_ops.timeout_ms in the kernel is '$tmo', expected 7000"
echo "ok: struct_ops shadow variable: kernel's percpu_ops.timeout_ms=$tmo"

stress-ng --cpu 6 --switch 2 --timeout "${secs}s" > /tmp/stress2.log 2>&1 &
spid=$!

[ "$(ctl_get slice_us)" = 3000 ] || { "$bin" ctl; fail "ctl read a slice other than -s 3000"; }
ncpu=$(nproc)
per_cpu=$("$bin" ctl | grep -o 'per_cpu=[-0-9,]*' | cut -d= -f2)
[ "$(tr ',' '\n' <<< "$per_cpu" | grep -c '^[0-9][0-9]*$')" = "$ncpu" ] ||
	fail "per_cpu='$per_cpu' is not $ncpu queue lengths"
# Six CPU hogs on fewer CPUs: some wait in the queues. Poll until the control program sees it.
n=100 total=0
while [ "$n" -gt 0 ]; do
	total=$(ctl_get queued)
	[ "${total:-0}" -gt 0 ] && break
	sleep 0.1
	n=$((n - 1))
done
[ "${total:-0}" -gt 0 ] || fail "the control program never saw a queued task under load"
echo "ok: ctl read queue lengths per_cpu=$per_cpu, then queued=$total under load"

"$bin" ctl -s 1500 | grep -q 'slice_us=1500' || fail "ctl -s 1500 did not report the new slice"
[ "$(ctl_get slice_us)" = 1500 ] || fail "the slice did not round-trip through the scheduler"
"$bin" ctl -s 500000 > /tmp/ctl.out 2>&1 && fail "ctl accepted a 500 ms slice"
grep -q 'rejected slice' /tmp/ctl.out || { cat /tmp/ctl.out; fail "no rejection message"; }
[ "$(ctl_get slice_us)" = 1500 ] || fail "a rejected slice changed the slice"
echo "ok: slice set to 1500 us through the control program; 500000 us refused, unchanged"
# The scheduler's own stats line, read through its own handle, agrees.
n=50
until grep -q 'slice_us=1500' "$log" || [ "$n" = 0 ]; do sleep 0.1; n=$((n - 1)); done
grep -q 'slice_us=1500' "$log" || { cat "$log"; fail "the scheduler's stats never showed 1500 us"; }

wait "$spid" || { cat /tmp/stress2.log; fail "stress-ng failed during the control test"; }
stop_sched percpu
tail -n 4 "$log"
echo "ok: scx_percpu control program and shadow variable on $(uname -r) (assoc=$want_assoc)"
