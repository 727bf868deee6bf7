#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scopex check's verdict against the real kernels, for one object. The kernel's upstream
# scx_simple, built with its own headers, calls upstream's scx_bpf_reenqueue_local() compat
# wrapper from ops.dispatch() on every 16th dispatch. The wrapper resolves to
# scx_bpf_dsq_reenq() on 7.3.4 (any context) and to the cpu_release-only
# scx_bpf_reenqueue_local() on 6.18.15. So:
#  - offline, `scopex check` must call the object clean for 7.3.4 and report
#    scx_bpf_reenqueue_local() in ops.dispatch() at its line for 6.18.15;
#  - in a VM of each kernel (compat_guest.sh, one VM at a time) the object must run
#    SECONDS under load with the path counted, where the verdict is clean, and be ejected
#    with the kfunc-mask error, decoded to the same kfunc and callback, where it is not.
# Any disagreement between checker and kernel fails the test.
#   compat_vm.sh SCOPEX CLANG BPFTOOL CACHE_DIR VMLINUX_H_DIR LIBBPF_INCLUDE WORK SECONDS
set -u
scopex=$1 clang=$2 bpftool=$3 cache=$4 vmlinux_dir=$5 libbpf_inc=$6 work=$7 secs=$8
src=$cache/src/linux-source-7.3/tools/sched_ext
here=$(dirname "$(realpath "$0")")
fails=0 passes=0 summary=()

[ -f "$src/scx_simple.bpf.c" ] || { echo "FAIL: no $src/scx_simple.bpf.c (tools/bootstrap.sh)"; exit 1; }
mkdir -p "$work"
work=$(cd "$work" && pwd -P)

check() {	# check DESCRIPTION COMMAND... : the command must succeed
	local what="$1"
	shift
	if "$@"; then echo "ok: $what"; passes=$((passes + 1)); else
		echo "FAIL: $what"; fails=$((fails + 1)); fi
}

# scx_simple with two .bss counters and the compat call in its ops.dispatch(). The call
# statement gets no instruction of its own (the wrapper is inlined from compat.bpf.h):
# checker and loader must both find it in the source, at the same line and column.
c=$work/scx_simple_reenq.bpf.c obj=$work/scx_simple_reenq.bpf.o
awk '/^UEI_DEFINE\(uei\);$/ { print; print "u64 nr_dispatch, nr_reenq;\t/* read by the test */"; next }
     hit && /^\{$/ { print
	print "\tif (!(__sync_fetch_and_add(&nr_dispatch, 1) % 16)) {"
	print "\t\tscx_bpf_reenqueue_local();\t/* REENQ: upstream compat wrapper */"
	print "\t\t__sync_fetch_and_add(&nr_reenq, 1);"
	print "\t}"
	hit = 0; next }
     { print }
     /BPF_STRUCT_OPS\(simple_dispatch,/ { hit = 1 }' "$src/scx_simple.bpf.c" > "$c"
line=$(grep -n '/\* REENQ: ' "$c" | cut -d: -f1)
[ "$(wc -w <<< "$line")" = 1 ] || { echo "FAIL: could not add the call to scx_simple's dispatch"; exit 1; }
. "$here/upstream_build.sh"
upstream_build_init "$clang" "$bpftool" "$src" "$vmlinux_dir" "$libbpf_inc"
upstream_build "$c" "$obj" || { cat "$obj.log"; echo "FAIL: building $c"; exit 1; }
echo "built $obj from $src/scx_simple.bpf.c (call at line $line)"

# 1. offline
declare -A verdict
for k in 7.3.4 6.18.15; do
	"$scopex" check --kernel "$k" "$obj" > "$work/check-$k.out" 2>&1
	rc=$?
	echo "--- scopex check --kernel $k: exit $rc"
	cat "$work/check-$k.out"
	case $rc in
	0) verdict[$k]=clean ;;
	1) verdict[$k]=violation ;;
	*) verdict[$k]="error (exit $rc)" ;;
	esac
done
check "check: clean for 7.3.4, no output" test "${verdict[7.3.4]}" = clean -a ! -s "$work/check-7.3.4.out"
check "check: a violation for 6.18.15" test "${verdict[6.18.15]}" = violation
errors=$(grep ': error: ' "$work/check-6.18.15.out")
check "check 6.18.15: one error, scx_bpf_reenqueue_local() in ops.dispatch() at $c:$line ($errors)" \
	grep -qx "$c:$line:[0-9]*: error: scx_bpf_reenqueue_local() \[mask 0x1 (CPU_RELEASE)\] is not allowed in ops.dispatch() on 6.18.15: it loads, and the scheduler is ejected at run time when the call runs" <<< "$errors"
check "check 6.18.15: inlined from upstream's compat.bpf.h" \
	grep -q "^$c:$line:[0-9]*: note: inlined from $src/include/scx/compat.bpf.h:[0-9]*$" "$work/check-6.18.15.out"

# 2. the real kernels, one VM at a time
for k in 7.3.4 6.18.15; do
	out=$work/vm-$k.out
	t0=$(date +%s)
	"$scopex" vm --kernel "$k" --timeout 600 -- "$here/compat_guest.sh" "$scopex" "$obj" \
		"$bpftool" "$secs" "$work/logs-$k" > "$out" 2>&1
	rc=$?
	took=$(( $(date +%s) - t0 ))
	echo "--- scopex vm --kernel $k: exit $rc after $took s"
	cat "$out"
	res=$(sed -n 's/^RESULT: //p' "$out" | tail -n 1)
	case "$res" in
	"ran "*) kernel="ran ${res#ran }" ;;
	"ejected "*) kernel="ejected ${res#ejected }" ;;
	*) kernel="unclear (${res:-no RESULT line, vm exit $rc})" ;;
	esac
	summary+=("$k: check=${verdict[$k]} kernel=$kernel")
	case "${verdict[$k]}" in
	clean)
		check "$k: checker clean, kernel ran ${secs} s under load" \
			grep -qE "^ran [0-9]+ s nr_dispatch=[0-9]+ nr_reenq=[1-9][0-9]*$" <<< "$res"
		;;
	violation)
		check "$k: checker violation, kernel ejected with the kfunc-mask error" \
			grep -q "^ejected [0-9]* s after attaching: runtime error.*kfunc with mask 0x1 called from an operation only allowing 0x2" <<< "$res"
		where=$(grep -m1 -o "^$c:$line:[0-9]*: error: " "$work/check-$k.out")
		where=${where%: error: }
		check "$k: the loader decodes it to scx_bpf_reenqueue_local() in ops.dispatch() at ${where:-$c:$line}, as the checker" \
			grep -q "^  ${where:-$c:$line}: scx_bpf_reenqueue_local() in ops.dispatch() (" "$out"
		;;
	*)
		check "$k: a verdict to compare" false
		;;
	esac
done

echo "verdicts: $(printf '%s; ' "${summary[@]}")"
echo "$passes passed, $fails failed"
exit $((fails != 0))
