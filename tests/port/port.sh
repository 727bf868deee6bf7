#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The mechanical part of moving a scheduler from upstream's headers (tools/sched_ext's
# scx/common.bpf.h) to scopex's, as docs/walkthrough.md describes it:
#  - the include;
#  - BPF_STRUCT_OPS(name, ...) -> SCX_OP(callback, name, ...), and the _SLEEPABLE form,
#    the callback read off the SCX_OPS_DEFINE initializer (.callback = (void *)name);
#  - UEI_DEFINE / UEI_RECORD -> SCX_EXIT_RECORD_DEFINE / scx_exit_record_fill.
# Static helpers that call sched_ext kfuncs are not converted: they need SCX_HELPER and
# the callbacks they serve, which the compiler then asks for. Enough for upstream's
# scx_simple and scx_cpu0; a test of the recipe, not a general converter.
#   port.sh IN.bpf.c OUT.bpf.c
set -eu
in=$1 out=$2
map=$(sed -nE 's/^\s*\.([a-z_]+)\s*=\s*\(void \*\)\s*([A-Za-z_][A-Za-z_0-9]*).*/\1 \2/p' "$in")
[ -n "$map" ] || { echo "port.sh: no '.callback = (void *)name' in $in" >&2; exit 1; }
sed -e 's|#include <scx/common.bpf.h>|#include <scx/scopex.bpf.h>|' \
    -e 's/UEI_DEFINE(\([A-Za-z_0-9]*\))/SCX_EXIT_RECORD_DEFINE(\1)/' \
    -e 's/UEI_RECORD(\([A-Za-z_0-9]*\), *\([A-Za-z_0-9]*\))/scx_exit_record_fill(\1, \2)/' \
    "$in" > "$out.tmp"
while read -r cb fn; do
	sed -i -E -e "s/BPF_STRUCT_OPS\($fn\b/SCX_OP($cb, $fn/" \
		  -e "s/BPF_STRUCT_OPS_SLEEPABLE\($fn\b/SCX_OP_SLEEPABLE($cb, $fn/" "$out.tmp"
done <<< "$map"
mv "$out.tmp" "$out"
