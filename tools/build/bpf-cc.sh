#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Compile one BPF C file and link it with bpftool (which also strips DWARF-only sections
# the kernel does not need): bpf-cc.sh CLANG BPFTOOL OUT DEPFILE SRC [CFLAGS...]
set -eu
clang=$1 bpftool=$2 out=$3 dep=$4 src=$5
shift 5
"$clang" "$@" -MD -MF "$dep" -MT "$out" -c "$src" -o "$out.tmp.o"
"$bpftool" gen object "$out" "$out.tmp.o"
rm -f "$out.tmp.o"
