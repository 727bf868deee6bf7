#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host side of `scopex bench` (tools/scopex/bench.c runs it): instruction counts of
# every scheduler in every scope mode, callgrind counts of the kfmask model, VM boots in
# parallel, each with its configurations interleaved (bench_guest.sh), then the report
# (bench_report.py): results.json, report.md, PNG plots.
#
#   bench.sh BUILD OUT REPS smoke|full [ICOUNT]
# ICOUNT is the guests' -icount shift (scopex vm --icount), or "off" (the default here) for
# the host's clock.
set -euo pipefail

HERE="$(dirname "$(readlink -f "$0")")"
ROOT="$(readlink -f "$HERE/../..")"
BUILD="$(readlink -f "$1")" OUT="$2" REPS="$3" MODE="$4" ICOUNT="${5:-off}"
SCOPEX="$BUILD/tools/scopex/scopex"
BPF_INSNS="$BUILD/tools/bench/bpf_insns"
MODEL="$BUILD/tools/bench/kfmask_model"
SCHEDS="$BUILD/scheds"
CACHE="${SCOPEX_CACHE:-$("$ROOT/tools/bootstrap.sh" --print-cache)}"
BPFTOOL="$CACHE/toolchain/bin/bpftool"

die() { echo "scopex bench: $*" >&2; exit 2; }
log() { echo "scopex bench: $(date +%T) $*"; }

for f in "$SCOPEX" "$BPF_INSNS" "$MODEL" "$BPFTOOL" "$SCHEDS/scx_fifo"; do
	[ -x "$f" ] || die "$f missing: build first (ninja -C $BUILD)"
done
for t in valgrind gnuplot python3; do
	command -v "$t" > /dev/null || die "$t not found"
done
mkdir -p "$OUT/raw"
OUT="$(readlink -f "$OUT")"
RAW="$OUT/raw"
T0=$SECONDS
VM_CLOCK=()
[ "$ICOUNT" = off ] || VM_CLOCK=(--icount "$ICOUNT")

# --- upstream scx_simple (built by compare.sh, from the cached kernel sources) ----------
"$HERE/compare.sh" --build "$BUILD" --build-simple > /dev/null || die "building scx_simple failed"
SIMPLE="$BUILD/bench/scx_simple"

# --- instructions as compiled: every scheduler, every scope mode -------------------------
# The configured mode's object is NAME.bpf.o; the others NAME.MODE.bpf.o (scheds/meson.build).
configured=$(python3 -c 'import json,sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "scope_mode"))' \
	"$BUILD/meson-info/intro-buildoptions.json")
obj() {	# obj NAME MODE
	if [ "$2" = "$configured" ]; then echo "$SCHEDS/$1.bpf.o"; else echo "$SCHEDS/$1.$2.bpf.o"; fi
}
SCHED_NAMES=(scx_fifo scx_vtime scx_percpu)
MODES=(plain static runtime)
log "instruction counts (bpf_insns)"
: > "$RAW/insns.txt"
for s in "${SCHED_NAMES[@]}"; do
	for m in "${MODES[@]}"; do
		"$BPF_INSNS" "$(obj "$s" "$m")" | sed "s/^/INSNS sched=${s#scx_} mode=$m /" >> "$RAW/insns.txt"
	done
done
"$BPF_INSNS" "$BUILD/bench/scx_simple.bpf.o" | sed "s/^/INSNS sched=simple mode=upstream /" \
	>> "$RAW/insns.txt"

# --- callgrind: instructions per callback in the kfmask model ---------------------------
ITER=100000
[ "$MODE" = smoke ] && ITER=10000
log "kfmask model under callgrind ($ITER iterations)"
: > "$RAW/model.txt"
for cb in select_cpu enqueue dispatch running; do
	for m in runtime static; do
		for n in 0 "$ITER"; do
			valgrind --tool=callgrind --callgrind-out-file="$RAW/cg.out" \
				"$MODEL" "$m" "$cb" "$n" > /dev/null 2>&1 || die "kfmask_model $m $cb $n failed"
			echo "MODEL callback=$cb mode=$m iter=$n ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$RAW/cg.out")" \
				>> "$RAW/model.txt"
		done
	done
done
rm -f "$RAW/cg.out"

# --- VM runs ------------------------------------------------------------------------------
run() {	# run OBJ MODE: the scheduler in OBJ through scopex run (the same loader for all)
	echo "$SCOPEX run $(obj "$1" "$2")"
}
cfg() {	# cfg LABEL OPS COMMAND
	echo "$1|$2|$3"
}
# Under emulation on a shared 2-core host a measurement takes 20-40 s, so the boots are kept
# to what the comparisons need: scx_fifo in all three modes (scx_vtime and scx_percpu are
# compared by their deterministic counts).
controlled=("eevdf||" "$(cfg simple simple "$SIMPLE")")
for m in "${MODES[@]}"; do
	controlled+=("$(cfg "fifo-$m" fifo "$(run scx_fifo "$m")")")
done
fifo_g=("eevdf||" "$(cfg fifo-g fifo "$SCHEDS/scx_fifo -g")")
pair2=("eevdf||" "$(cfg fifo-static fifo "$(run scx_fifo static)")")

# boot LABEL KERNEL REPS CFG...: one VM boot, output in $RAW/LABEL.log. Boots run in
# parallel (each interleaves its own configurations): under emulation on a shared 2-core
# host this is what keeps a full run under 20 minutes; a boot's ratios stay within itself.
boot() {
	local label="$1" k="$2" reps="$3" rc=0 t=$SECONDS
	shift 3
	log "booting $k ($label): $# configurations x $reps"
	echo $(($# * reps)) > "$RAW/$label.want"
	# (scopex vm itself boots again a kernel that dies before the command starts)
	"$SCOPEX" vm --kernel "$k" --cpus 2 --timeout $((600 + reps * $# * 300)) \
		"${VM_CLOCK[@]}" -- "$HERE/bench_guest.sh" "$reps" "$MODE" "$BPFTOOL" "$BPF_INSNS" \
		"$@" > "$RAW/$label.log" 2>&1 || rc=$?
	log "$label done in $((SECONDS - t)) s (exit $rc)"
	if [ "$rc" != 0 ] || ! grep -q '^DONE' "$RAW/$label.log"; then
		tail -n 30 "$RAW/$label.log" >&2
		echo "scopex bench: the $label run failed" >&2
		return 1
	fi
}
# progress: the boots say nothing for 20 minutes, so every minute count the measurements
# each has written (one WORK line each) against what it was given
progress() {
	local f line n
	while sleep 60; do
		line=""
		for f in "$RAW"/*.want; do
			[ -e "$f" ] || continue
			n=$(grep -c '^WORK' "${f%.want}.log" 2>/dev/null || true)
			line+=" $(basename "$f" .want) ${n:-0}/$(cat "$f")"
		done
		[ -z "$line" ] || log "measurements done:$line"
	done
}
rm -f "$RAW"/*.log "$RAW"/*.want
progress & progress_pid=$!
trap 'kill $progress_pid 2>/dev/null || true' EXIT
pids=()
boot 7.0.13 7.0.13 "$REPS" "${fifo_g[@]}" & pids+=($!)
boot 7.1.13 7.1.13 "$REPS" "${fifo_g[@]}" & pids+=($!)
if [ "$MODE" = smoke ]; then
	boot 7.3.4 7.3.4 "$REPS" "${controlled[@]}" & pids+=($!)
else
	boot 6.18.15 6.18.15 "$REPS" "${pair2[@]}" & pids+=($!)
	# the controlled comparison is the longest: its repetitions split over two boots
	half=$(((REPS + 1) / 2))
	boot 7.3.4 7.3.4 "$half" "${controlled[@]}" & pids+=($!)
	[ "$REPS" -gt "$half" ] && { boot 7.3.4-b 7.3.4 $((REPS - half)) "${controlled[@]}" & pids+=($!); }
fi
failed=0
for p in "${pids[@]}"; do
	wait "$p" || failed=1
done
kill "$progress_pid" 2>/dev/null || true
rm -f "$RAW"/*.want
[ "$failed" = 0 ] || die "a VM run failed (raw output in $RAW)"

log "report"
python3 "$HERE/bench_report.py" "$OUT" "$MODE" "$REPS" "$((SECONDS - T0))" "$ICOUNT" ||
	die "report failed"
log "done in $((SECONDS - T0)) s: $OUT/report.md"
