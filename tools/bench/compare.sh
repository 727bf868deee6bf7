#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Side-by-side comparison of the kernel's own scheduler (EEVDF), the kernel's example
# scx_simple (built here from the cached kernel sources, with their headers and flags) and
# scopex's scx_fifo, scx_vtime and scx_percpu: throughput, wakeup latency and size. See
# --help.
set -euo pipefail

HERE="$(dirname "$(readlink -f "$0")")"
ROOT="$(readlink -f "$HERE/../..")"
BUILD="$ROOT/build"
KERNEL=7.3.4
REPS=5
HACKBENCH="-g 4 -l 200"
CYCLICTEST="-t 2 -i 1000 -l 5000 -h 50000 -q"
OUT=""
SMOKE=0
RAW=""
ICOUNT=""
MTTCG=0
SIMPLE_ONLY=0
ALSO=()

usage() {
	cat <<EOF
Usage: tools/bench/compare.sh [-b BUILD] [-k KERNEL] [-r REPS] [-o FILE]
                              [--icount SHIFT | --mttcg]
                              [--hackbench ARGS] [--cyclictest ARGS]
                              [--also NAME:BINARY[:OPS]]... [--smoke]
       tools/bench/compare.sh [-b BUILD] [-o FILE] --report RAW

Compare five configurations in one VM run (2 vCPUs): the kernel's EEVDF (no BPF
scheduler), the kernel's upstream scx_simple, and scopex's scx_fifo, scx_vtime and
scx_percpu, run interleaved (A B C D E A B C D E ...) REPS times:
  hackbench $HACKBENCH       (rt-tests) elapsed time
  cyclictest $CYCLICTEST   p99 and max wakeup latency of SCHED_OTHER threads,
                     under stress-ng --cpu 2 in the background
Reports, per configuration, the median and min-max of each figure and its ratio to
scx_simple's median; and the size of each scheduler: source lines (BPF + userspace, all
lines and code lines without blanks and comments), BPF instructions as compiled,
after load (xlated) and processed by the verifier (bpf_prog_info.verified_insns, the
"processed N insns" of the verifier log), from tools/bench/bpf_insns.

Guest timings are emulated (QEMU TCG): only the ratios within one run mean anything,
and on a loaded host they swing by several times between repetitions. --icount makes the
guest's clock count instructions instead (QEMU -icount shift=SHIFT,sleep=off, one
instruction every 2^SHIFT ns, single-threaded TCG): the host's load no longer enters the
figures, which then agree within a few percent between repetitions and runs. Both vCPUs
then share one clock (a 2-vCPU guest does 2^-SHIFT instructions per ns in all), and while
the guest waits for the host (file I/O) its clock jumps ahead: shifts above 1 can make
the guest's 60 s attach deadlines expire. A full run takes 15 to 30 minutes, about twice
that with --icount, more on a host that runs other VMs.

  -b, --build DIR    meson build directory with the schedulers (default: build)
  -k, --kernel VER   kernel to boot (default $KERNEL)
  -r, --reps N       repetitions of each configuration (default $REPS)
  -o, --output FILE  also write the report (markdown) to FILE
      --icount SHIFT deterministic guest time, as above (0: a 1 GHz guest)
      --mttcg        one host thread per vCPU (scopex vm --mttcg): the two vCPUs run
                     in parallel, as in PLATFORM.md's QEMU command, so a second busy
                     CPU adds throughput; needs a host with cores to spare (on an idle
                     2-core host one configuration's repetitions spread by up to 2.5x)
      --hackbench ARGS, --cyclictest ARGS
                     the workloads' arguments instead of the defaults above
      --also NAME:BINARY[:OPS]
                     one more configuration, after the five (e.g. another build of
                     a scheduler; OPS is its ops name, default NAME); repeatable
      --smoke        a quick check that every configuration runs and reports
                     (1 repetition, hackbench -g 1 -l 20, cyclictest -l 300)
      --report RAW   no run: the report of an earlier run's raw output
                     (BUILD/bench/compare-KERNEL.raw, kept by every run)
      --build-simple no run: only build BUILD/bench/scx_simple (for scopex bench)
  -h, --help         show this help

scx_simple is built into BUILD/bench/ from \$SCOPEX_CACHE/src/linux-source-7.3
(tools/bootstrap.sh fetches it). Exit status: 0 when every configuration ran, 1 when
one failed (attach, ejection, no result), 2 on bad usage or a failed build.
EOF
}

die() { echo "compare.sh: $*" >&2; exit 2; }
. "$HERE/lib.sh"

while [ $# -gt 0 ]; do
	case "$1" in
	-b|--build) BUILD="$(readlink -f "${2:?}")"; shift 2 ;;
	-k|--kernel) KERNEL="${2:?}"; shift 2 ;;
	-r|--reps) REPS="${2:?}"; shift 2 ;;
	-o|--output) OUT="${2:?}"; shift 2 ;;
	--smoke) SMOKE=1; shift ;;
	--report) RAW="$(readlink -f "${2:?}")"; shift 2 ;;
	--icount) ICOUNT="${2:?}"; shift 2 ;;
	--mttcg) MTTCG=1; shift ;;
	--build-simple) SIMPLE_ONLY=1; shift ;;
	--also) ALSO+=("${2:?}"); shift 2 ;;
	--hackbench) HACKBENCH="${2:?}"; shift 2 ;;
	--cyclictest) CYCLICTEST="${2:?}"; shift 2 ;;
	-h|--help) usage; exit 0 ;;
	*) echo "compare.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "invalid repetition count '$REPS'"
[[ -z "$ICOUNT" || "$ICOUNT" =~ ^[0-9]$ ]] || die "invalid icount shift '$ICOUNT' (0..9)"
[[ -z "$ICOUNT" || "$MTTCG" = 0 ]] || die "--icount and --mttcg exclude each other"
if [ "$SMOKE" = 1 ]; then
	REPS=1 HACKBENCH="-g 1 -l 20" CYCLICTEST="-t 2 -i 1000 -l 300 -h 50000 -q"
fi

CACHE="${SCOPEX_CACHE:-$("$ROOT/tools/bootstrap.sh" --print-cache)}"
SRC="$CACHE/src/linux-source-7.3"
TC="$CACHE/toolchain"
BPF_INSNS="$BUILD/tools/bench/bpf_insns"
bench_binaries "$BUILD" "$BPF_INSNS"
bench_check_also ${ALSO[@]+"${ALSO[@]}"}
[ -d "$SRC/tools/sched_ext" ] || die "$SRC missing: run tools/bootstrap.sh"
for t in clang-19 gcc python3; do
	command -v "$t" > /dev/null || die "$t not found"
done

# --- upstream scx_simple, as tools/sched_ext/Makefile builds it --------------------------
BENCH="$BUILD/bench"
SIMPLE="$BENCH/scx_simple"
build_simple() {
	local sx="$SRC/tools/sched_ext" inc="$BENCH/include" sys
	[ "$SIMPLE" -nt "$sx/scx_simple.bpf.c" ] && [ "$SIMPLE" -nt "$sx/scx_simple.c" ] && return 0
	echo "compare.sh: building upstream scx_simple in $BENCH"
	mkdir -p "$inc"
	cp "$CACHE/include/vmlinux.h" "$inc/"
	sys=$(clang-19 -v -E - < /dev/null 2>&1 |
	      sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')
	# shellcheck disable=SC2086 # $sys is a list of options
	clang-19 -g -D__TARGET_ARCH_x86 -mlittle-endian -I"$sx/include" \
		-I"$sx/include/bpf-compat" -I"$inc" -I"$TC/include" -I"$SRC/tools/include/uapi" \
		-I"$SRC/include" $sys -Wall -Wno-compare-distinct-pointer-types \
		-Wno-microsoft-anon-tag -fms-extensions -O2 -mcpu=v3 -target bpf \
		-c "$sx/scx_simple.bpf.c" -o "$BENCH/scx_simple.bpf.o"
	"$TC/bin/bpftool" gen object "$BENCH/scx_simple.linked.o" "$BENCH/scx_simple.bpf.o"
	"$TC/bin/bpftool" gen skeleton "$BENCH/scx_simple.linked.o" name scx_simple \
		> "$inc/scx_simple.bpf.skel.h"
	gcc -g -O2 -rdynamic -pthread -Wall -Werror -I"$inc" -I"$TC/include" \
		-I"$SRC/tools/include" -I"$SRC/tools/include/uapi" -I"$sx/include" \
		"$sx/scx_simple.c" -o "$SIMPLE.tmp" "$TC/lib/libbpf.a" -lelf -lz -lpthread
	mv "$SIMPLE.tmp" "$SIMPLE"
}
build_simple || die "building scx_simple failed"
[ "$SIMPLE_ONLY" = 0 ] || exit 0

# --- sizes -----------------------------------------------------------------------------
# all lines, and code lines: neither blank nor only comment
count_lines() {
	awk '
	{ all++; line = $0 }
	incomment { if (sub(/.*\*\//, "", line)) incomment = 0; else next }
	{ gsub(/\/\*.*\*\//, "", line); sub(/\/\/.*/, "", line) }
	line ~ /\/\*/ { sub(/\/\*.*/, "", line); incomment = 1 }
	line ~ /[^ \t]/ { code++ }
	END { printf "%d %d\n", all, code }' "$@"
}

sizes() {
	local name="$1" bpf_c="$2" user_c="$3" obj="$4" b u
	read -r -a b <<< "$(count_lines "$bpf_c")"
	read -r -a u <<< "$(count_lines "$user_c")"
	printf '| %s | %d + %d = %d | %d + %d = %d | %s |\n' "$name" "${b[0]}" "${u[0]}" \
		$((b[0] + u[0])) "${b[1]}" "${u[1]}" $((b[1] + u[1])) \
		"$("$BPF_INSNS" "$obj" | awk '/^total/ {sub(/insns=/, "", $3); print $3}')"
}

# --- the run ----------------------------------------------------------------------------
if [ -z "$RAW" ]; then
	RAW="$BENCH/compare-$KERNEL${ICOUNT:+-icount$ICOUNT}"
	[ "$MTTCG" = 0 ] || RAW+="-mttcg"
	RAW+=".raw"
	mkdir -p "$BENCH"
	echo "compare.sh: booting $KERNEL for $REPS repetitions (output also in $RAW)"
	echo "SETUP icount=${ICOUNT:-off} mttcg=$MTTCG" > "$RAW"
	rc=0
	"$SCOPEX" vm --kernel "$KERNEL" --cpus 2 --timeout $((900 + REPS * 1200)) \
		${ICOUNT:+--icount "$ICOUNT"} $([ "$MTTCG" = 0 ] || echo --mttcg) -- \
		"$HERE/compare_guest.sh" "$REPS" "$BPF_INSNS" "$HACKBENCH" "$CYCLICTEST" \
		eevdf "simple:$SIMPLE" "fifo:$FIFO" "vtime:$VTIME" "percpu:$PERCPU" \
		${ALSO[@]+"${ALSO[@]}"} 2>&1 | tee -a "$RAW" || rc=$?
	[ "$rc" = 0 ] || { echo "compare.sh: the guest run failed ($rc)"; exit 1; }
fi
[ -r "$RAW" ] || die "cannot read $RAW"

report() {
	local reps kernel clock
	# (grep finding nothing is no error here)
	reps=$(grep -c 'RESULT cfg=percpu ' "$RAW" || true)
	kernel=$(grep -o '^== [^ ,]*' "$RAW" | head -n 1 | cut -c4- || true)
	clock=$(grep -o '^SETUP icount=[0-9]*' "$RAW" | cut -d= -f2 || true)
	clock=${clock:+, -icount shift=$clock (guest time counts instructions)}
	grep -q '^SETUP .*mttcg=1' "$RAW" && clock=", one host thread per vCPU (thread=multi)"
	echo "## Scheduler comparison on ${kernel:-?}, 2 vCPUs (QEMU TCG$clock), $reps repetitions, interleaved"
	echo
	# the workloads as the guest ran them (the "== KERNEL, N CPUs; WORKLOADS" line)
	grep -m 1 '^== ' "$RAW" | sed 's/^[^;]*; //; s/$/./' || true
	echo "Cells: median (min-max) and the median's ratio to scx_simple's."
	echo
	python3 - "$RAW" <<'PY'
import re, statistics, sys
res, progs = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"(RESULT|PROGS) (.*)", line.strip())
    if not m:
        continue
    kv = dict(f.split("=", 1) for f in m.group(2).split())
    cfg = kv.pop("cfg")
    if m.group(1) == "PROGS":
        progs[cfg] = kv
        continue
    for k in ("hackbench", "p99", "max"):
        res.setdefault(cfg, {}).setdefault(k, []).append(float(kv[k]))
# the five, then any --also configurations in the order they ran
order = ["eevdf", "simple", "fifo", "vtime", "percpu"]
missing = [c for c in order if c not in res] + [c for c in order[1:] if c not in progs]
order += [c for c in res if c not in order]
if missing:
    sys.exit("compare.sh: no results for " + ", ".join(missing))
def cell(cfg, k, fmt):
    v = res[cfg][k]
    med, base = statistics.median(v), statistics.median(res["simple"][k])
    ratio = f"{med / base:.2f}x" if base else "-"
    return f"{fmt.format(med)} ({fmt.format(min(v))}-{fmt.format(max(v))}) {ratio}"
print("| config | hackbench s: median (min-max) vs simple | cyclictest p99 us | cyclictest max us |")
print("| --- | --- | --- | --- |")
for c in order:
    print(f"| {c} | {cell(c, 'hackbench', '{:.3f}')} | {cell(c, 'p99', '{:.0f}')} "
          f"| {cell(c, 'max', '{:.0f}')} |")
print()
print("| scheduler | BPF programs | BPF insns after load (xlated) | verifier-processed insns | JITed bytes |")
print("| --- | --- | --- | --- | --- |")
for c in (c for c in order[1:] if c in progs):
    p = progs[c]
    print(f"| {c} | {p['progs']} | {p['xlated']} | {p['verified']} | {p['jited']} |")
PY
	echo
	echo "| scheduler | source lines: BPF + user = all | code lines (no blanks, comments) | BPF insns as compiled |"
	echo "| --- | --- | --- | --- |"
	sizes simple "$SRC/tools/sched_ext/scx_simple.bpf.c" "$SRC/tools/sched_ext/scx_simple.c" \
		"$BENCH/scx_simple.bpf.o"
	sizes fifo "$ROOT/scheds/scx_fifo/scx_fifo.bpf.c" "$ROOT/scheds/scx_fifo/scx_fifo.c" \
		"$BUILD/scheds/scx_fifo.bpf.o"
	sizes vtime "$ROOT/scheds/scx_vtime/scx_vtime.bpf.c" "$ROOT/scheds/scx_vtime/scx_vtime.c" \
		"$BUILD/scheds/scx_vtime.bpf.o"
	sizes percpu "$ROOT/scheds/scx_percpu/scx_percpu.bpf.c" \
		"$ROOT/scheds/scx_percpu/scx_percpu.c" "$BUILD/scheds/scx_percpu.bpf.o"
	echo
	echo "scx_simple's userspace includes the kernel's scx/common.h helpers; scopex's link"
	echo "libscopex (lib/), counted in neither."
}
echo
if [ -n "$OUT" ]; then
	report | tee "$OUT"
else
	report
fi
