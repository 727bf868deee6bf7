#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host side: bad input to every scopex subcommand and every scheduler binary. Each must
# exit non-zero with a message that says what was wrong, never crash (no status >= 128),
# and leave nothing behind: unknown options, missing, empty, truncated and corrupt object
# files, unknown kernel versions, and (as root, where tmpfs can be mounted) a cache
# directory on a full file system for `scopex vm` and tools/bootstrap.sh.
#   bad_input.sh SCOPEX SOURCE_ROOT GOOD_OBJ SCHED_BINARY...
set -u
scopex="$1" src="$2" good="$3"
shift 3
tmp=$(mktemp -d)
full=""
cleanup() {
	[ -n "$full" ] && umount "$full" 2>/dev/null && rmdir "$full"
	rm -rf "$tmp"
}
trap cleanup EXIT
out="$tmp/out"
bad=0

# expect STATUS PATTERN -- COMMAND...: exit status STATUS (any non-zero one below 128 for
# "nz") and PATTERN (grep -E) in the combined output.
expect() {
	local want="$1" pat="$2" rc ok=1
	shift 3
	"$@" > "$out" 2>&1 < /dev/null
	rc=$?
	case "$want" in
	nz) [ "$rc" -gt 0 ] && [ "$rc" -lt 128 ] || ok=0 ;;
	*) [ "$rc" = "$want" ] || ok=0 ;;
	esac
	grep -qE -- "$pat" "$out" || ok=0
	if [ $ok = 0 ]; then
		echo "FAIL: '$*' gave $rc (want $want and /$pat/):"
		sed 's/^/  | /' "$out" | head -n 20
		bad=$((bad + 1))
	else
		echo "ok: $(basename "$1") ${*:2} -> $rc: $(grep -m1 -E -- "$pat" "$out")"
	fi
}

# Objects that are not what they claim to be.
: > "$tmp/empty.bpf.o"
head -c 4096 /dev/urandom > "$tmp/random.bpf.o"
head -c 200 "$good" > "$tmp/truncated.bpf.o"
printf '\177ELF\2\1\1' > "$tmp/header.bpf.o"
head -c 20000 /dev/zero >> "$tmp/header.bpf.o"
mkdir "$tmp/dir.bpf.o"
objs="empty random truncated header dir"

# Every subcommand: an unknown option, and (but new) an unknown kernel version.
for cmd in check run new scope vm; do
	expect 2 "unrecognized option|unknown option" -- "$scopex" "$cmd" --no-such-option
done
expect nz "unknown command|Usage" -- "$scopex" --no-such-option
expect nz "Usage" -- "$scopex"
expect 2 "unknown kernel|9\.9\.9" -- "$scopex" check --kernel 9.9.9 "$good"
expect 2 "unknown kernel|9\.9\.9" -- "$scopex" scope --kernel 9.9.9
expect 2 "unknown kernel version '9\.9\.9'" -- "$scopex" vm --kernel 9.9.9 -- true
expect 2 "unknown kernel|6\.1\.0" -- "$scopex" check --kernel 6.1.0 "$good"
expect 2 "unknown kernel|not a kernel|invalid" -- "$scopex" scope --kernel ../../etc
# bootstrap refuses a kernel of no table series before it touches anything
for k in 7.4.1 9.9.9 7.1.3x ../7.3.4; do
	expect 2 "bootstrap: unknown kernel '$k'" -- env SCOPEX_CACHE="$tmp/none" \
		"$src/tools/bootstrap.sh" --kernels "$k"
done
[ -e "$tmp/none" ] && { echo "FAIL: bootstrap created $tmp/none"; bad=$((bad + 1)); }
for o in "--icount 1 --mttcg" "--icount x" "-r 0" "--no-such-option"; do
	# shellcheck disable=SC2086 # $o is a list of options
	expect 2 "exclude each other|invalid|unknown option" -- "$src/tools/bench/compare.sh" $o
done

# Missing and corrupt objects: check and run name the file and fail without crashing.
for cmd in check run; do
	expect 2 "nonexistent\.bpf\.o" -- "$scopex" "$cmd" "$tmp/nonexistent.bpf.o"
	for o in $objs; do
		expect nz "$o\.bpf\.o" -- "$scopex" "$cmd" "$tmp/$o.bpf.o"
	done
done
expect nz "random\.bpf\.o" -- "$scopex" check "$good" "$tmp/random.bpf.o"

# scopex new: bad names and a tree that is not scopex's; nothing may be created.
mkdir "$tmp/tree"
expect 2 "name|identifier" -- "$scopex" new Bad-Name --dir "$tmp/tree"
expect 2 "name|identifier" -- "$scopex" new "" --dir "$tmp/tree"
expect 2 "name|identifier|long" -- "$scopex" new "a$(printf 'b%.0s' $(seq 40))" --dir "$tmp/tree"
expect nz "meson|scopex|tree|scheds" -- "$scopex" new okname --dir "$tmp/tree"
expect nz "nonexistent|No such" -- "$scopex" new okname --dir "$tmp/nonexistent"
[ -z "$(ls -A "$tmp/tree")" ] || { echo "FAIL: scopex new left $(ls -A "$tmp/tree")"; bad=$((bad + 1)); }

# Every scheduler: an unknown option, a stray argument, a bad number.
for s in "$@"; do
	expect 2 "unrecognized option|invalid option" -- "$s" --no-such-option
	expect 2 "unexpected argument" -- "$s" stray
	expect 2 "invalid" -- "$s" -d 1x
	case "$s" in
	*/scx_vtime) expect 2 "invalid lead" -- "$s" --lead 0 ;;
	esac
done

# A cache on a full file system: needs root and tmpfs.
full=$(mktemp -d /tmp/scopex-full.XXXXXX)
if ! mount -t tmpfs -o size=64k scopex-full "$full" 2>/dev/null; then
	rmdir "$full"
	full=""
	echo "not root or no tmpfs: the full-cache cases are skipped"
	exit $((bad > 0))
fi
cache="${SCOPEX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scopex}"
# What bootstrap finds complete comes from the real cache; a kernel must be unpacked.
for d in kernels src toolchain include virtiofsd debs; do
	[ -e "$cache/$d" ] && ln -s "$cache/$d" "$full/$d"
done
dd if=/dev/zero of="$full/fill" bs=4k 2>/dev/null
before=$(cd "$full" && find . | grep -v '^./vm-runs$' | sort)
expect 2 "cannot write the guest's init .*No space left on device" -- \
	env SCOPEX_CACHE="$full" "$scopex" vm -- true
# bootstrap on the full cache: only if the real one holds the packages (no download here)
if [ -f "$cache/src/linux-source-7.3/Makefile" ] && ls "$cache"/debs/linux-binary-7.3.4* \
	> /dev/null 2>&1; then
	rm "$full/kernels"
	before=$(cd "$full" && find . | grep -v '^./vm-runs$' | sort)
	expect nz "No space left on device" -- \
		env SCOPEX_CACHE="$full" SCOPEX_KERNELS=7.3.4 "$src/tools/bootstrap.sh"
	grep -q "holds only complete artifacts" "$out" ||
		{ echo "FAIL: bootstrap did not say it failed"; bad=$((bad + 1)); }
else
	echo "no packages in $cache: the bootstrap case is skipped"
fi
after=$(cd "$full" && find . | grep -v '^./vm-runs$' | sort)
if [ "$before" != "$after" ]; then
	echo "FAIL: left behind in the full cache:"
	diff <(echo "$before") <(echo "$after")
	bad=$((bad + 1))
else
	echo "ok: nothing half-written left in the full cache"
fi
exit $((bad > 0))
