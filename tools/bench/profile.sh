#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Where hackbench's time goes under each scheduler: one VM run profiles hackbench under
# EEVDF, upstream scx_simple and scopex's schedulers with perf and splits the time into
# the socket work itself, allocator slow paths, scheduling and process setup. See --help.
set -euo pipefail

HERE="$(dirname "$(readlink -f "$0")")"
ROOT="$(readlink -f "$HERE/../..")"
BUILD="$ROOT/build"
KERNEL=7.3.4
ICOUNT=1
HACKBENCH="-g 4 -l 200"
OUT=""
SMOKE=""
ALSO=()

usage() {
	cat <<EOF
Usage: tools/bench/profile.sh [-b BUILD] [-k KERNEL] [-o FILE] [--icount SHIFT]
                              [--hackbench ARGS] [--also NAME:BINARY[:OPS]]... [--smoke]

Profile hackbench $HACKBENCH in one VM run (2 vCPUs) under the kernel's EEVDF, the
kernel's upstream scx_simple and scopex's scx_fifo, scx_vtime and scx_percpu. For each:
one hackbench to warm up, one timed, one with a single loop (-l 1: forking, starting and
reaping the tasks) and one under perf record -g -a -e cpu-clock. The report splits the
messaging time (the timed run less the one-loop run) by the profile's share of non-idle
samples in each class of call chain (tools/bench/profile_report.py --help):
  syscalls    the socket reads and writes, allocators' fast paths included;
  allocator   slab and page allocator slow paths (new slabs, page zeroing, per-CPU
              object caches flushed and refilled);
  scheduling  schedule, wakeups, tick, IPIs, sched_ext and BPF;
  process     process exit and page faults of the forked tasks;
  profiler    perf itself.
It tells what a scheduler can still save: only the classes it changes.

The shares leave out idle samples and perf's own (the unprofiled run has no perf), and
the profiler's column is its share of the window's non-idle samples. Under --icount (default
$ICOUNT) guest time counts instructions, so shares are shares of instructions. Takes
about 7 minutes, --smoke about 4.

  -b, --build DIR    meson build directory with the schedulers (default: build)
  -k, --kernel VER   kernel to boot (default $KERNEL)
  -o, --output FILE  also write the report (markdown) to FILE
      --icount SHIFT QEMU -icount shift (default $ICOUNT; see compare.sh --help)
      --hackbench ARGS
                     hackbench's arguments instead of the default above
      --also NAME:BINARY[:OPS]
                     one more configuration, after the five; repeatable
      --smoke        a quick check that every configuration runs and reports
                     (hackbench -g 1 -l 20)
  -h, --help         show this help

The profiles stay in BUILD/bench/profile-KERNEL/ (--smoke: profile-KERNEL-smoke/;
NAME.script.gz: perf script output; times.txt); profile_report.py --leaves N DIR lists
each configuration's commonest leaf functions from them. Exit status: 0 when every
configuration ran, 1 when one failed (attach, ejection, no samples), 2 on bad usage or a
failed build.
EOF
}

die() { echo "profile.sh: $*" >&2; exit 2; }
. "$HERE/lib.sh"

while [ $# -gt 0 ]; do
	case "$1" in
	-b|--build) BUILD="$(readlink -f "${2:?}")"; shift 2 ;;
	-k|--kernel) KERNEL="${2:?}"; shift 2 ;;
	-o|--output) OUT="${2:?}"; shift 2 ;;
	--icount) ICOUNT="${2:?}"; shift 2 ;;
	--hackbench) HACKBENCH="${2:?}"; shift 2 ;;
	--also) ALSO+=("${2:?}"); shift 2 ;;
	--smoke) HACKBENCH="-g 1 -l 20" SMOKE=-smoke; shift ;;
	-h|--help) usage; exit 0 ;;
	*) echo "profile.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
[[ "$ICOUNT" =~ ^[0-9]$ ]] || die "invalid icount shift '$ICOUNT' (0..9)"
[[ "$KERNEL" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "invalid kernel version '$KERNEL'"

bench_binaries "$BUILD"
bench_check_also ${ALSO[@]+"${ALSO[@]}"}
command -v perf > /dev/null || die "perf not found: run tools/bootstrap.sh (linux-perf)"
"$HERE/compare.sh" --build "$BUILD" --build-simple || exit 2

DIR="$BUILD/bench/profile-$KERNEL$SMOKE"
rm -rf "$DIR.tmp"
mkdir -p "$DIR.tmp"
echo "profile.sh: booting $KERNEL (hackbench $HACKBENCH; profiles in $DIR)"
rc=0
"$SCOPEX" vm --kernel "$KERNEL" --cpus 2 --timeout 2400 --icount "$ICOUNT" -- \
	"$HERE/profile_guest.sh" "$DIR.tmp" "$HACKBENCH" \
	eevdf "simple:$BUILD/bench/scx_simple" "fifo:$FIFO" "vtime:$VTIME" "percpu:$PERCPU" \
	${ALSO[@]+"${ALSO[@]}"} || rc=$?
if [ "$rc" != 0 ]; then
	echo "profile.sh: the guest run failed ($rc); partial profiles in $DIR.tmp"
	exit 1
fi
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"

report() {
	echo "## Where hackbench's time goes on $KERNEL, 2 vCPUs (QEMU TCG, -icount shift=$ICOUNT)"
	echo
	echo "hackbench $HACKBENCH. Messaging: the unprofiled hackbench time less its one-loop"
	echo "run's. Each class: milliseconds of the messaging time (its share of the non-idle"
	echo "samples in the profile's messaging window)."
	echo
	python3 "$HERE/profile_report.py" "$DIR"
}
if [ -n "$OUT" ]; then
	report > "$OUT.tmp" || { rm -f "$OUT.tmp"; exit 1; }
	mv "$OUT.tmp" "$OUT"
	cat "$OUT"
else
	report
fi
