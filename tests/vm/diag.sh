#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host side of the diagnostics test: build the kernel's upstream scx_simple with its own
# headers and an out-of-scope call added to its ops.enqueue(), then run diag_guest.sh in
# a VM of KERNEL.
#   diag.sh SCOPEX KERNEL FIXTURE_OBJS FIXTURE_SRCS SCX_FIFO SCX_FIFO_OBJ WORK \
#           CLANG BPFTOOL LIBBPF_INCLUDE VMLINUX_H_DIR KERNEL_SRC
set -u
scopex="$1" kernel="$2" objs="$3" srcs="$4" fifo="$5" fifo_obj="$6" work="$7"
clang="$8" bpftool="$9" libbpf_inc="${10}" vmlinux_dir="${11}" ksrc="${12}"
sched_ext="$ksrc/tools/sched_ext"

[ -f "$sched_ext/scx_simple.bpf.c" ] || { echo "FAIL: no $sched_ext/scx_simple.bpf.c (tools/bootstrap.sh)"; exit 1; }
mkdir -p "$work"
work=$(cd "$work" && pwd -P)

# scx_simple with scx_bpf_dsq_move_to_local() (dispatch only) in its enqueue
src="$work/scx_simple_bad.bpf.c"
sed 's|^\(\tstat_inc(1);.*\)$|\1\n\tscx_bpf_dsq_move_to_local(SHARED_DSQ, 0);\t/* BAD: dispatch only */|' \
	"$sched_ext/scx_simple.bpf.c" > "$src"
grep -q '/\* BAD' "$src" || { echo "FAIL: could not add the call to scx_simple's enqueue"; exit 1; }
"$clang" -target bpf -g -O2 -mcpu=v3 -D__TARGET_ARCH_x86 -mlittle-endian \
	-I"$sched_ext/include" -isystem "$vmlinux_dir" -isystem "$libbpf_inc" \
	-Wno-compare-distinct-pointer-types -Wno-missing-declarations \
	-c "$src" -o "$work/scx_simple_bad.tmp.o" || { echo "FAIL: building scx_simple"; exit 1; }
"$bpftool" gen object "$work/scx_simple_bad.bpf.o" "$work/scx_simple_bad.tmp.o" ||
	{ echo "FAIL: linking scx_simple"; exit 1; }
echo "built $work/scx_simple_bad.bpf.o from $sched_ext/scx_simple.bpf.c"

exec "$scopex" vm --kernel "$kernel" --timeout 900 -- "$(dirname "$(realpath "$0")")/diag_guest.sh" \
	"$scopex" "$objs" "$srcs" "$fifo" "$fifo_obj" "$work/scx_simple_bad.bpf.o" "$src" "$work"
