#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host side of the no-prototype test: build the kernel's upstream scx_simple with its own
# headers (tests/check/upstream_build.sh), then boot KERNEL and check, in the guest
# (no_proto_guest.sh), that both it and one of our schedulers are explained as calls this
# build cannot resolve: ours refused by the verifier, upstream's by libbpf.
# Further OBJ KFUNC CALLBACK REFUSER groups are passed on to the guest.
#   no_proto.sh SCOPEX KERNEL OBJ KFUNC CALLBACK UP_KFUNC UP_CALLBACK CLANG BPFTOOL
#               SCHED_EXT_DIR VMLINUX_H_DIR LIBBPF_INCLUDE WORK [OBJ KFUNC CALLBACK REFUSER...]
set -u
[ $# -ge 13 ] || { echo "usage: no_proto.sh (13 arguments or more, see the script)"; exit 2; }
scopex=$1 kernel=$2 obj=$3 kfunc=$4 cb=$5 up_kfunc=$6 up_cb=$7
here=$(dirname "$(realpath "$0")")
. "$here/../check/upstream_build.sh"
upstream_build_init "$8" "$9" "${10}" "${11}" "${12}"
work=${13}
mkdir -p "$work"
up=$work/scx_simple.bpf.o
upstream_build "${10}/scx_simple.bpf.c" "$up" ||
	{ echo "FAIL: building upstream scx_simple:"; cat "$up.log"; exit 1; }
bpftool=$9
shift 13
exec "$scopex" vm --kernel "$kernel" --timeout 300 -- "$here/no_proto_guest.sh" \
	"$scopex" "$bpftool" "$obj" "$kfunc" "$cb" verifier "$up" "$up_kfunc" "$up_cb" libbpf "$@"
