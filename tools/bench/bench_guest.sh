#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest, for scopex bench: run the configurations interleaved (A B C A B C ...) and
# print machine-readable lines (tools/bench/bench_report.py parses them):
#   BOOT kernel=VER cpus=N
#   WORK cfg=NAME rep=N hackbench_s=S switch_ops=OPS/S ct_p99_us=U ct_max_us=U
#   PROG cfg=NAME rep=N prog=NAME run_ns=NS run_cnt=N xlated=BYTES jited=BYTES
#   VERIFIED cfg=NAME prog=NAME verified=N   (first repetition: bpf_prog_info.verified_insns,
#                                             the verifier log's "processed N insns")
#
#   bench_guest.sh REPS WORKLOAD BPFTOOL BPF_INSNS CFG...
# WORKLOAD is "full" or "smoke" (short runs). Each CFG is NAME|OPS|COMMAND...: NAME labels
# the results, OPS is the struct_ops name /sys/kernel/sched_ext/root/ops must show, COMMAND
# starts the scheduler; "NAME||" (no command) is the kernel's own scheduler (EEVDF).
# Per-program BPF run time comes from kernel.bpf_stats_enabled: run_time_ns and run_cnt
# of each struct_ops program, loaded afresh for each measurement.
set -u
. "$(dirname "$(readlink -f "$0")")/../../tests/vm/lib.sh"

reps="$1" workload="$2" bpftool="$3" bpf_insns="$4"
shift 4
cfgs=("$@")
PY=/usr/bin/python3

if [ "$workload" = smoke ]; then
	HB="-g 1 -l 20" STRESS_S=1 CT="-t 2 -i 1000 -l 100 -h 20000 -q"
else
	HB="-g 1 -l 30" STRESS_S=2 CT="-t 2 -i 1000 -l 200 -h 20000 -q"
fi

# stress-ng STRESSOR: bogo ops per second of real time, from --metrics-brief.
bogo_rate() {
	stress-ng "--$1" 2 --timeout "$STRESS_S" --metrics-brief 2>&1 |
		awk -v s="$1" '$4 == s && NF == 10 && !found { print $9; found = 1 }
			       END { if (!found) print "nan" }'
}

# The struct_ops programs loaded now, as JSON lines name/run_ns/run_cnt/sizes.
snapshot() {
	"$bpftool" prog show --json > "$1.raw" 2> /dev/null || echo '[]' > "$1.raw"
}

# PROG lines: run time and count of each struct_ops program in a snapshot.
prog_lines() {
	"$PY" - "$1" "$2.raw" <<'PY'
import json, sys
tag, after = sys.argv[1], json.load(open(sys.argv[2]))
for p in after:
    if p.get("type") != "struct_ops":
        continue
    ns, cnt = p.get("run_time_ns", 0), p.get("run_cnt", 0)
    print(f"PROG {tag} prog={p.get('name', '?')} run_ns={ns} run_cnt={cnt} "
          f"xlated={p.get('bytes_xlated', 0)} jited={p.get('bytes_jited', 0)}")
PY
}

# The scheduler's programs were loaded for this measurement (stats counting since), so one
# snapshot at the end gives each program's run time over attach plus workloads.
measure() {
	local tag="$1" sched="$2" hb sw ct
	hb=$(hackbench $HB 2>&1 | awk '/^Time:/ {print $2}')
	sw=$(bogo_rate switch)
	cyclictest $CT > /tmp/cyclictest.out 2>&1
	ct=$(cyclictest_p99 /tmp/cyclictest.out "ct_p99_us=%d ct_max_us=%d")
	echo "WORK $tag hackbench_s=${hb:-nan} switch_ops=$sw $ct"
	if [ "$sched" = 1 ]; then
		snapshot /tmp/after
		prog_lines "$tag" /tmp/after
	fi
}

# try_start_sched NAME OPS COMMAND...: attach; a scheduler that cannot attach on this kernel is
# reported (SKIP line, with its loader's last words) and left out of the later repetitions.
try_start_sched() {
	local name="$1" ops="$2"
	shift 2
	[ "$(cat $SCX/state)" = disabled ] || fail "sched_ext busy before $name"
	"$@" > "/tmp/$name.log" 2>&1 &
	SCHED_PID=$!
	if ! wait_state enabled 60; then
		kill -KILL "$SCHED_PID" 2> /dev/null
		wait "$SCHED_PID" 2> /dev/null
		tail -n 5 "/tmp/$name.log" | sed 's/^/  /'
		echo "SKIP cfg=$name reason=attach"
		SKIPPED="$SKIPPED $name "
		return 1
	fi
	[ "$(cat $SCX/root/ops)" = "$ops" ] ||
		fail "$name: root/ops is '$(cat $SCX/root/ops)', expected '$ops'"
}

sysctl -q -w kernel.bpf_stats_enabled=1 || fail "cannot enable kernel.bpf_stats_enabled"
echo "BOOT kernel=$(uname -r | cut -d+ -f1) cpus=$(nproc) workload=$workload"
SKIPPED=""
for rep in $(seq "$reps"); do
	for c in "${cfgs[@]}"; do
		echo "T $SECONDS"
		IFS='|' read -r name ops cmd <<< "$c"
		if [ -z "$cmd" ]; then
			measure "cfg=$name rep=$rep" 0
			continue
		fi
		[[ "$SKIPPED" == *" $name "* ]] && continue
		wait_no_progs "$bpf_insns"	# the PROG lines count every struct_ops program
		# shellcheck disable=SC2086 # cmd is a word list
		try_start_sched "$name" "$ops" $cmd || continue
		if [ "$rep" = 1 ]; then
			"$bpf_insns" --loaded > /tmp/progs.out || fail "$name: bpf_insns failed"
			awk -v c="$name" '/^prog / { for (i = 3; i <= NF; i++) if ($i ~ /^verified=/)
				print "VERIFIED cfg=" c " prog=" $2 " " $i }' /tmp/progs.out
		fi
		measure "cfg=$name rep=$rep" 1
		stop_sched "$name"
	done
done
echo "DONE"
