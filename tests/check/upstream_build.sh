# SPDX-License-Identifier: GPL-2.0
# Sourced: build a BPF object as the kernel's tools/sched_ext/Makefile builds its example
# schedulers (its BPF_CFLAGS, its own headers), with the cache's vmlinux.h and libbpf.
#   upstream_build_init CLANG BPFTOOL SCHED_EXT_DIR VMLINUX_H_DIR LIBBPF_INCLUDE
#   upstream_build SRC OUT    compile SRC and link it into OUT; messages in OUT.log

upstream_build_init() {
	local sys_includes src="$3"

	ub_clang=$1 ub_bpftool=$2
	sys_includes=$("$ub_clang" -v -E - < /dev/null 2>&1 |
		sed -n '/<...> search starts here:/,/End of search list./{ s| \(/.*\)|-idirafter \1|p }')
	ub_cflags=(-g -O2 -mcpu=v3 -target bpf -D__TARGET_ARCH_x86 -mlittle-endian
		-I "$src" -I "$src/include" -I "$src/include/bpf-compat" -I "$4"
		-I "$src/../include/uapi" -I "$src/../../include" -isystem "$5" $sys_includes
		-Wall -Wno-compare-distinct-pointer-types -Wno-microsoft-anon-tag -fms-extensions)
}

upstream_build() {
	"$ub_clang" "${ub_cflags[@]}" -c "$1" -o "$2.tmp.o" 2> "$2.log" &&
		"$ub_bpftool" gen object "$2" "$2.tmp.o" 2>> "$2.log"
}
