#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: schedulers whose kfunc this kernel build cannot resolve, because its BTF
# lacks the KF_IMPLICIT_ARGS prototype KFUNC_impl (which kfuncs are hit differs between
# Debian builds of one series). `scopex run` must say so at the call's source line: the
# build defect, not a scoping error, with the callback's verdict and the build's own list
# of such kfuncs, read from /sys/kernel/btf/vmlinux (checked here against bpftool's dump of
# the same BTF). REFUSER is who refused the call: the verifier (scopex's __weak
# declarations) or libbpf (upstream's strong ones, before any program loads). REFUSER
# "fallback": KFUNC is the out-of-scope call on the branch a bpf_ksym_exists() guard on a
# prototype-less kfunc takes, which the verifier must refuse as scopex check says it will.
#   no_proto_guest.sh SCOPEX BPFTOOL OBJ KFUNC CALLBACK REFUSER [OBJ KFUNC CALLBACK REFUSER...]
set -u
. "$(dirname "$0")/lib.sh"

scopex="$1" bpftool="$2"
shift 2
out=/tmp/no_proto.out funcs=/tmp/no_proto.funcs
rel=$(uname -r)
rel_re=$(sed 's/[].+*?^$()[]/\\&/g' <<< "$rel")	# for grep -E

# The BTF's sched_ext FUNC names, once: the whole dump is large, and slow to search here.
"$bpftool" btf dump file /sys/kernel/btf/vmlinux |
	sed -n "s/^\[[0-9]*\] FUNC '\([_a-z]*scx[_a-z0-9]*\)'.*/\1/p" > "$funcs" ||
	fail "bpftool cannot dump the BTF"

has() {
	grep -qx -- "$1" "$funcs"
}

expect() {
	grep -qE -- "$1" "$out" || fail "no /$1/ in the output above"
}

# The build's list is the BTF's: every listed kfunc has a FUNC and no _impl, the count is
# the list's length, and KFUNC is on it.
check_list() {
	local kfunc="$1" line n list count=0 k

	line=$(grep -o "this build lacks the prototypes of [0-9]* kfuncs: .*" "$out") ||
		fail "no list of the build's kfuncs without a prototype"
	n=${line#this build lacks the prototypes of }
	n=${n%% *}
	list=${line#*kfuncs: }
	for k in ${list//,/}; do
		count=$((count + 1))
		has "$k" || fail "listed $k is not in the BTF"
		has "${k}_impl" && fail "listed $k has ${k}_impl in the BTF"
	done
	[ "$count" = "$n" ] || fail "the list has $count kfuncs, the note says $n"
	case " ${list//,/} " in *" $kfunc "*) ;; *) fail "$kfunc is not in the list" ;; esac
	echo "PASS: $rel: $(basename "$obj"): $kfunc() without a prototype explained ($refuser);" \
		"the build lacks $n"
}

# the verifier's refusal and scopex check's finding: the same kfunc and callback
check_fallback() {
	local obj="$1" kfunc="$2" cb="$3" rc

	"$scopex" run "$obj" -d 30 --log-dir /tmp > "$out" 2>&1
	rc=$?
	cat "$out"
	[ "$rc" = 2 ] || fail "scopex run exited $rc, want 2 (refused)"
	expect "error: $kfunc\(\) \[group [a-z_]+\] is not allowed in ops\.$cb\(\) on "
	expect "^note: the verifier refused program"
	"$scopex" check --kernel "$rel" "$obj" > "$out" 2>&1
	rc=$?
	cat "$out"
	[ "$rc" = 1 ] || fail "scopex check --kernel $rel exited $rc, want 1 (a violation)"
	expect "error: $kfunc\(\) \[group [a-z_]+\] is not allowed in ops\.$cb\(\) on "
	echo "PASS: $rel: $(basename "$obj"): the guard's fallback, $kfunc() in ops.$cb()," \
		"refused by the verifier as scopex check reports"
}

check_obj() {
	local obj="$1" kfunc="$2" cb="$3" refuser="$4" rc

	if [ "$refuser" = fallback ]; then
		check_fallback "$obj" "$kfunc" "$cb"
		return
	fi
	has "$kfunc" || fail "$rel's BTF has no FUNC $kfunc: wrong fixture"
	has "${kfunc}_impl" && fail "$rel's BTF has ${kfunc}_impl: $kfunc is callable, wrong fixture"
	"$scopex" run "$obj" -d 30 --log-dir /tmp > "$out" 2>&1
	rc=$?
	cat "$out"
	[ "$rc" = 2 ] || fail "scopex run exited $rc, want 2 (could not load)"
	[ "$(cat $SCX/state)" = disabled ] || fail "a scheduler is attached after a failed load"
	# at the call's line, FILE.bpf.c:LINE:COL
	expect "^[^ ]+\.bpf\.c:[0-9]+:[0-9]+: error: $kfunc\(\) cannot be called on this build of"
	expect "cannot be called on this build of $rel_re: its BTF has no ${kfunc}_impl"
	expect "^note: not a scoping error: ops\.$cb\(\) may call $kfunc\(\)"
	case "$refuser" in
	verifier) expect "^note: the verifier refused program '.*' \(ops\.$cb\(\)\)" ;;
	libbpf) expect "^note: libbpf refused the object's declaration: extern \(func ksym\) '$kfunc'" ;;
	*) fail "unknown refuser '$refuser'" ;;
	esac
	grep -q "is not allowed in" "$out" && fail "explained as a scoping error"
	check_list "$kfunc"
}

while [ $# -ge 4 ]; do
	check_obj "$1" "$2" "$3" "$4"
	shift 4
done
[ $# = 0 ] || fail "arguments left over: $*"
