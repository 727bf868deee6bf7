#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scopex check on every upstream example scheduler (tools/sched_ext of the 7.3 sources),
# each built as its Makefile builds it, with its own headers: no false positive on any
# kernel; then a copy of each with scx_bpf_dsq_move_to_local() added at the top of its
# ops.enqueue(): exactly that call is reported, at its line, on 7.3.4 and on 6.18.15.
# Also prints the median time of one check per object (not asserted).
#   check_upstream.sh SCOPEX CLANG BPFTOOL CACHE_DIR VMLINUX_H_DIR LIBBPF_INCLUDE
set -u
scopex=$1 clang=$2 bpftool=$3 cache=$4 vmlinux_dir=$5 libbpf_inc=$6
src=$cache/src/linux-source-7.3/tools/sched_ext
kernels="6.16.12 6.17.13 6.18.15 6.19.14 7.0.13 7.1.13 7.2.12 7.3.4"
fails=0 passes=0

if [ ! -d "$src" ]; then
	echo "SKIP: no upstream sources at $src (run tools/bootstrap.sh)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# check DESCRIPTION COMMAND... : the command must succeed
	local what="$1"
	shift
	if "$@"; then echo "ok: $what"; passes=$((passes + 1)); else
		echo "FAIL: $what"; fails=$((fails + 1)); fi
}

. "$(dirname "$0")/upstream_build.sh"
upstream_build_init "$clang" "$bpftool" "$src" "$vmlinux_dir" "$libbpf_inc"

# Median wall time of 11 checks of OBJ, in microseconds.
median_us() {
	local i t0 t1 times=()

	for i in $(seq 11); do
		t0=$(date +%s%N)
		"$scopex" check "$1" > /dev/null 2>&1
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n 6p
}

medians=()
for c in "$src"/scx_*.bpf.c; do
	name=$(basename "$c" .bpf.c)
	obj=$tmp/$name.bpf.o
	if ! upstream_build "$c" "$obj"; then
		check "$name builds with its own headers: $(head -5 "$obj.log")" false
		continue
	fi
	for k in $kernels; do
		out=$("$scopex" check --kernel "$k" "$obj" 2>&1)
		rc=$?
		check "$name: no finding on $k (rc $rc${out:+, $(head -3 <<< "$out")})" \
			test "$rc" = 0 -a -z "$out"
	done
	medians+=("$name $(median_us "$obj")")

	# the same scheduler with a dispatch-only call at the top of its ops.enqueue()
	awk 'hit && /^\{$/ { print; print "\tscx_bpf_dsq_move_to_local(SCX_DSQ_GLOBAL, 0);"; hit = 0; next }
	     { print }
	     /BPF_STRUCT_OPS\([a-z0-9_]*_enqueue,/ { hit = 1 }' "$c" > "$tmp/$name.bpf.c"
	line=$(grep -n 'scx_bpf_dsq_move_to_local(SCX_DSQ_GLOBAL, 0);' "$tmp/$name.bpf.c" | cut -d: -f1)
	check "$name: one call injected into its enqueue callback" test -n "$line" -a \
		"$(wc -l <<< "$line")" = 1
	if ! upstream_build "$tmp/$name.bpf.c" "$tmp/$name.bad.o"; then
		check "$name with the injected call builds: $(head -5 "$tmp/$name.bad.o.log")" false
		continue
	fi
	out=$("$scopex" check "$tmp/$name.bad.o" 2>&1)
	rc=$?
	errors=$(grep ': error: ' <<< "$out")
	check "$name+inject: exit 1, one error (rc $rc)" test "$rc" = 1 -a "$(wc -l <<< "$errors")" = 1
	check "$name+inject: found at $name.bpf.c:$line in ops.enqueue() on 7.3.4 ($errors)" \
		grep -q "^$tmp/$name.bpf.c:$line:[0-9]*: error: scx_bpf_dsq_move_to_local___v2() \[group dispatch\] is not allowed in ops.enqueue() on 7.3.4: the verifier rejects it$" <<< "$errors"
	out=$("$scopex" check --kernel 6.18.15 "$tmp/$name.bad.o" 2>&1)
	errors=$(grep ': error: ' <<< "$out")
	check "$name+inject: ejects on 6.18.15 at the same line ($errors)" \
		grep -q "^$tmp/$name.bpf.c:$line:[0-9]*: error: scx_bpf_dsq_move_to_local() \[mask 0x2 (DISPATCH)\] is not allowed in ops.enqueue() on 6.18.15: it loads, and the scheduler is ejected" <<< "$errors"
done
check "all 8 upstream schedulers were checked" test "${#medians[@]}" = 8

echo "median time of one 'scopex check' per object (process included):"
printf '  %-14s %6d us\n' $(printf '%s\n' "${medians[@]}")
echo "$passes passed, $fails failed"
exit $((fails != 0))
