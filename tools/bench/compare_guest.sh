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

# p99 and max of cyclictest's histogram (-h BUCKETS -q): "USEC COUNT COUNT..." lines,
# then "# Histogram Overflows: N N...". An overflowing p99 is reported as BUCKETS.
cyclictest_p99() {
	awk '
	/^[0-9]+ / { for (i = 2; i <= NF; i++) { h[$1 + 0] += $i; n += $i }; top = $1 + 0; next }
	/^# Histogram Overflows:/ { for (i = 4; i <= NF; i++) { over += $i; n += $i } }
	/^# Max Latencies:/ { for (i = 4; i <= NF; i++) if ($i + 0 > max) max = $i + 0 }
	END {
		want = n * 0.99; acc = 0; p99 = top + 1
		for (u = 0; u <= top; u++) { acc += h[u]; if (acc >= want) { p99 = u; break } }
		printf "p99=%d max=%d samples=%d\n", p99, max, n
	}' "$1"
}

# The kernel frees a detached scheduler's programs later (RCU): wait until no struct_ops
# program is left, or bpf_insns --loaded would count them with the next scheduler's.
wait_no_progs() {
	local end=$((SECONDS + 30))
	while "$bpf_insns" --loaded > /dev/null 2>&1; do
		[ "$SECONDS" -le "$end" ] || fail "struct_ops programs still loaded 30 s after a detach"
		sleep 0.1
	done
}

measure() {
	local cfg="$1" rep="$2" hb load
	hb=$(hackbench $hb_args 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$hb" ] || fail "$cfg: hackbench printed no time"
	stress-ng --cpu 2 --timeout 0 > /dev/null 2>&1 &
	load=$!
	cyclictest $ct_args > /tmp/cyclictest.out 2>&1
	kill "$load"
	wait "$load" 2>/dev/null
	echo "RESULT cfg=$cfg rep=$rep hackbench=$hb $(cyclictest_p99 /tmp/cyclictest.out)"
}

echo "== $(uname -r), $(nproc) CPUs; hackbench $hb_args; cyclictest $ct_args under stress-ng --cpu 2"
for rep in $(seq "$reps"); do
	for c in "${cfgs[@]}"; do
		IFS=: read -r name bin ops <<< "$c"
		if [ -z "$bin" ]; then
			measure "$name" "$rep"
			continue
		fi
		[ "$rep" != 1 ] || wait_no_progs
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
