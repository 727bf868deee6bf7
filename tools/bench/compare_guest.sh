#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest, for compare.sh: run the configurations interleaved (A B C D A B C D ...)
# and print one machine-readable line per measurement:
#   RESULT cfg=NAME rep=N hackbench=SECONDS p99=US max=US samples=N
#   PROGS cfg=NAME progs=N xlated=N jited=N verified=N   (once per scheduler)
# and, indented (for the log, not the report), each scheduler's counters after a detach.
#   compare_guest.sh REPS BPF_INSNS "HACKBENCH ARGS" "CYCLICTEST ARGS" NAME[:BINARY[:OPS]]...
# A NAME without BINARY is the kernel's own scheduler (EEVDF). A scheduler that fails to
# attach, or is ejected during a measurement, fails the run.
set -u
. "$(dirname "$(readlink -f "$0")")/../../tests/vm/lib.sh"

reps="$1" bpf_insns="$2" hb_args="$3" ct_args="$4"
shift 4
cfgs=("$@")

measure() {
	local cfg="$1" rep="$2" hb load ct
	hb=$(hackbench $hb_args 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$hb" ] || fail "$cfg: hackbench printed no time"
	stress-ng --cpu 2 --timeout 0 > /dev/null 2>&1 &
	load=$!
	cyclictest $ct_args > /tmp/cyclictest.out 2>&1
	kill "$load"
	wait "$load" 2>/dev/null
	ct=$(cyclictest_p99 /tmp/cyclictest.out "p99=%d max=%d samples=%d")
	echo "RESULT cfg=$cfg rep=$rep hackbench=$hb $ct"
}

echo "== $(uname -r), $(nproc) CPUs; hackbench $hb_args; cyclictest $ct_args under stress-ng --cpu 2"
for rep in $(seq "$reps"); do
	for c in "${cfgs[@]}"; do
		IFS=: read -r name bin ops <<< "$c"
		if [ -z "$bin" ]; then
			measure "$name" "$rep"
			continue
		fi
		[ "$rep" != 1 ] || wait_no_progs "$bpf_insns"
		start_sched "$name" "$bin" "${ops:-$name}"
		if [ "$rep" = 1 ]; then
			"$bpf_insns" --loaded > /tmp/progs.out || fail "$name: bpf_insns failed"
			sed "s/^/  $name: /" /tmp/progs.out
			echo "PROGS cfg=$name $(grep '^total' /tmp/progs.out | cut -d' ' -f2-)"
		fi
		measure "$name" "$rep"
		stop_sched "$name"
		# the scheduler's own counters after the detach (its last lines), for the log
		tail -n 2 "/tmp/$name.log" | sed "s/^/  $name rep $rep: /"
	done
done
