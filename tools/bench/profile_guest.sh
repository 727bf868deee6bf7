#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest, for profile.sh: for each configuration, one hackbench to warm up, one
# timed without the profiler, one with a single loop (-l 1), and one under `perf record
# -g -a -e cpu-clock`; writes OUTDIR/times.txt ("TIME cfg=NAME hackbench=SECONDS
# setup=SECONDS") and OUTDIR/NAME.script.gz.
#   profile_guest.sh OUTDIR "HACKBENCH ARGS" NAME[:BINARY[:OPS]]...
# A NAME without BINARY is the kernel's own scheduler (EEVDF). A scheduler that fails to
# attach, or is ejected during a run, fails the run.
set -u -o pipefail
. "$(dirname "$(readlink -f "$0")")/../../tests/vm/lib.sh"

out="$1" hb_args="$2"
shift 2
# perf.data on the guest's tmpfs: its writes are perf's own samples (the profiler class).
data=/tmp/profile.data

profile_one() {
	local name="$1" t t1
	hackbench $hb_args > /dev/null 2>&1
	t=$(hackbench $hb_args 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$t" ] || fail "$name: hackbench printed no time"
	# the same tasks, one loop: forking, start and exit, which the profile leaves out
	t1=$(hackbench $hb_args -l 1 2>&1 | awk '/^Time:/ {print $2}')
	[ -n "$t1" ] || fail "$name: hackbench -l 1 printed no time"
	echo "TIME cfg=$name hackbench=$t setup=$t1" >> "$out/times.txt"
	# -c 250000: a sample every 250 us of guest time on each CPU (tens of thousands a
	# run; denser sampling slows the profiled run down more than twice)
	perf record -q -g -a -e cpu-clock -c 250000 -o "$data" -- hackbench $hb_args \
		> /tmp/profile.hb 2>&1 || { cat /tmp/profile.hb; fail "$name: perf record failed"; }
	perf script -i "$data" -F comm,time,ip,sym 2> /dev/null | gzip > "$out/$name.script.gz.tmp" ||
		fail "$name: perf script failed"
	mv "$out/$name.script.gz.tmp" "$out/$name.script.gz"
	rm -f "$data"
	echo "profile: $name: hackbench $t s (one loop: $t1 s)," \
		"profiled run $(awk '/^Time:/ {print $2}' /tmp/profile.hb) s"
}

command -v perf > /dev/null || fail "perf is not installed (Debian package linux-perf)"
echo "== $(uname -r), $(nproc) CPUs; hackbench $hb_args"
: > "$out/times.txt"
for c in "$@"; do
	IFS=: read -r name bin ops <<< "$c"
	if [ -z "$bin" ]; then
		profile_one "$name"
		continue
	fi
	start_sched "$name" "$bin" "${ops:-$name}"
	profile_one "$name"
	stop_sched "$name"
done
