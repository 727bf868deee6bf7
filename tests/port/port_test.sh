#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Porting from upstream's headers (docs/walkthrough.md, section 12). On the host: upstream's
# scx_simple and scx_cpu0 (linux-source-7.3), ported by port.sh, build warning-free with
# scopex's headers, and `scopex check --kernel all` finds nothing in them; an out-of-scope
# call added to the port's ops.enqueue() is a compile error that names it. With KERNELS
# (comma-separated), in a VM of each, one after the other: port_guest.sh.
#   port_test.sh SCOPEX BPF_CC CLANG BPFTOOL CACHE_DIR WORK KERNELS|none SECONDS -- CFLAGS...
set -u
scopex=$1 bpf_cc=$2 clang=$3 bpftool=$4 cache=$5 work=$6 kernels=$7 secs=$8
shift 8
[ "${1:-}" = -- ] && shift
cflags=("$@")
here=$(dirname "$(realpath "$0")")
src=$cache/src/linux-source-7.3/tools/sched_ext
fails=0 passes=0

check() {	# check DESCRIPTION COMMAND... : the command must succeed
	local what="$1"
	shift
	if "$@"; then echo "ok: $what"; passes=$((passes + 1)); else
		echo "FAIL: $what"; fails=$((fails + 1)); fi
}

[ -f "$src/scx_simple.bpf.c" ] || { echo "FAIL: no $src/scx_simple.bpf.c (tools/bootstrap.sh)"; exit 1; }
mkdir -p "$work"
work=$(cd "$work" && pwd -P)

build() {	# build SRC OBJ: messages in OBJ.log; no OBJ if it fails
	rm -f "$2"
	"$bpf_cc" "$clang" "$bpftool" "$2" "$2.d" "$1" "${cflags[@]}" > "$2.log" 2>&1
}

for s in scx_simple scx_cpu0; do
	"$here/port.sh" "$src/$s.bpf.c" "$work/$s.bpf.c" || { echo "FAIL: port.sh $s"; exit 1; }
	changed=$(diff "$src/$s.bpf.c" "$work/$s.bpf.c" | grep -c '^>')
	echo "$s: $changed of $(wc -l < "$src/$s.bpf.c") lines changed"
	build "$work/$s.bpf.c" "$work/$s.bpf.o"
	check "$s: the port builds with -Werror ($(head -c 300 "$work/$s.bpf.o.log"))" \
		test -s "$work/$s.bpf.o" -a ! -s "$work/$s.bpf.o.log"
	out=$("$scopex" check --kernel all "$work/$s.bpf.o" 2>&1)
	rc=$?
	check "$s: scopex check --kernel all: exit 0, silent (exit $rc, '$out')" \
		test "$rc" = 0 -a -z "$out"
done

# the first statement of the port's ops.enqueue(): a dispatch-only kfunc
bad=$work/scx_simple_bad.bpf.c
awk '{ print } /SCX_OP\(enqueue, simple_enqueue,/ { hit = 1 }
     hit && /^\{/ { print "\tscx_bpf_dsq_move_to_local(SHARED_DSQ);\t/* BAD */"; hit = 0 }' \
	"$work/scx_simple.bpf.c" > "$bad"
line=$(grep -n '/\* BAD \*/' "$bad" | cut -d: -f1)
check "the call was added once (line ${line:-none})" test "$(wc -w <<< "$line")" = 1
build "$bad" "$work/scx_simple_bad.bpf.o"
check "the added call does not build" test ! -s "$work/scx_simple_bad.bpf.o"
err=$(grep -m1 "^$bad:$line:[0-9]*: error: " "$work/scx_simple_bad.bpf.o.log")
check "the error is at line $line and names the kfunc, callback and where it belongs ('$err')" \
	grep -q "scx_bpf_dsq_move_to_local() \[group dispatch\] is not allowed in ops.enqueue().*allowed in: ops.dispatch()" <<< "$err"

build "$here/generic_kfuncs.bpf.c" "$work/generic_kfuncs.bpf.o"
check "generic_kfuncs.bpf.c builds with -Werror ($(head -c 300 "$work/generic_kfuncs.bpf.o.log"))" \
	test -s "$work/generic_kfuncs.bpf.o" -a ! -s "$work/generic_kfuncs.bpf.o.log"

[ "$kernels" = none ] && kernels=
for k in ${kernels//,/ }; do
	out=$work/vm-$k.out
	t0=$(date +%s)
	"$scopex" vm --kernel "$k" --timeout 600 -- "$here/port_guest.sh" "$scopex" "$bpftool" \
		"$work/scx_simple.bpf.o" "$work/generic_kfuncs.bpf.o" "$secs" > "$out" 2>&1
	rc=$?
	echo "--- scopex vm --kernel $k: exit $rc after $(( $(date +%s) - t0 )) s"
	cat "$out"
	check "$k: generic kfuncs resolved, ported scx_simple ran $secs s and detached" \
		test "$rc" = 0 -a -n "$(grep '^RESULT: ran' "$out")"
done

echo "$passes passed, $fails failed"
exit $((fails != 0))
