# SPDX-License-Identifier: GPL-2.0
# Shared by compare.sh and profile.sh (sourced; they define die()): the build's binaries
# and the --also configurations, checked before anything is built or booted.

# bench_binaries BUILD: set SCOPEX, FIFO, VTIME and PERCPU, and die unless all are built.
bench_binaries() {
	local f
	SCOPEX="$1/tools/scopex/scopex"
	FIFO="$1/scheds/scx_fifo"
	VTIME="$1/scheds/scx_vtime"
	PERCPU="$1/scheds/scx_percpu"
	for f in "$SCOPEX" "$FIFO" "$VTIME" "$PERCPU" "${@:2}"; do
		[ -x "$f" ] || die "$f missing: build first (ninja -C $1)"
	done
}

# bench_check_also NAME:BINARY[:OPS]...: a usable name and an executable binary each.
bench_check_also() {
	local c name bin
	for c in "$@"; do
		IFS=: read -r name bin _ <<< "$c"
		[[ "$name" =~ ^[a-z0-9_-]+$ ]] || die "invalid configuration name in '$c'"
		[ -x "$bin" ] || die "$bin missing (--also $c)"
	done
}
