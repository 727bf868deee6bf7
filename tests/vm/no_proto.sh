#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: a scheduler whose kfunc this kernel build cannot resolve, because its BTF
# lacks the KF_IMPLICIT_ARGS prototype KFUNC_impl (which kfuncs are hit differs between
# Debian builds of one series). `scopex run` must say so: the build defect, not a scoping
# error, with the callback's verdict, and the build's own list of such kfuncs, read from
# /sys/kernel/btf/vmlinux (checked here against bpftool's dump of the same BTF).
#   no_proto.sh SCOPEX OBJ.bpf.o KFUNC CALLBACK BPFTOOL
set -u
. "$(dirname "$0")/lib.sh"

scopex="$1" obj="$2" kfunc="$3" cb="$4" bpftool="$5"
out=/tmp/no_proto.out funcs=/tmp/no_proto.funcs
rel=$(uname -r)

# The BTF's sched_ext FUNC names, once: the whole dump is large, and slow to search here.
"$bpftool" btf dump file /sys/kernel/btf/vmlinux |
	sed -n "s/^\[[0-9]*\] FUNC '\([_a-z]*scx[_a-z0-9]*\)'.*/\1/p" > "$funcs" ||
	fail "bpftool cannot dump the BTF"
has() {
	grep -qx -- "$1" "$funcs"
}
has "$kfunc" || fail "$rel's BTF has no FUNC $kfunc: wrong fixture"
has "${kfunc}_impl" && fail "$rel's BTF has ${kfunc}_impl: this build can call $kfunc, wrong fixture"

"$scopex" run "$obj" -d 30 --log-dir /tmp > "$out" 2>&1
rc=$?
cat "$out"
[ "$rc" = 2 ] || fail "scopex run exited $rc, want 2 (could not load)"
[ "$(cat $SCX/state)" = disabled ] || fail "a scheduler is attached after a failed load"

expect() {
	grep -qF -- "$1" "$out" || fail "no '$1' in the output above"
}
expect "error: $kfunc() cannot be called on this build of $rel: its BTF has no ${kfunc}_impl"
expect "note: not a scoping error: ops.$cb() may call $kfunc()"
grep -q "is not allowed in" "$out" && fail "explained as a scoping error"

# The build's list is the BTF's: every listed kfunc has a FUNC and no _impl, and the count
# is the list's length.
line=$(grep -o "this build lacks the prototypes of [0-9]* kfuncs: .*" "$out") ||
	fail "no list of the build's kfuncs without a prototype"
n=${line#this build lacks the prototypes of }
n=${n%% *}
list=${line#*kfuncs: }
count=0
for k in ${list//,/}; do
	count=$((count + 1))
	has "$k" || fail "listed $k is not in the BTF"
	has "${k}_impl" && fail "listed $k has ${k}_impl in the BTF"
done
[ "$count" = "$n" ] || fail "the list has $count kfuncs, the note says $n"
case " ${list//,/} " in *" $kfunc "*) ;; *) fail "$kfunc is not in the list" ;; esac
echo "PASS: $rel: $kfunc() without a prototype explained; the build lacks $n"
