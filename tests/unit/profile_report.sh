#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/bench/profile_report.py on a synthetic perf script: the samples before the first
# socket write (hackbench forking its tasks) are left out, idle samples are not counted,
# each class takes the samples its call chains name, and the cells scale the unprofiled
# time by those shares. Then bad input: no directory, no times, a corrupt profile, no
# samples, bad usage (of profile.sh too); each a message and a non-zero status. --leaves
# adds the commonest leaf functions.
#   profile_report.sh REPORT_PY
set -u
py="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
	echo "FAIL: $*"
	bad=$((bad + 1))
}

# sample COMM TIME FRAME... (leaf first)
sample() {
	local comm="$1" t="$2"
	shift 2
	printf '%s %s: \n' "$comm" "$t"
	for f in "$@"; do
		printf '\tffffffff81000000 %s\n' "$f"
	done
	echo
}

{
	# before the window: forking, must not count
	sample hackbench 10.000100 clear_page_erms copy_process kernel_clone
	sample swapper 10.000150 pv_native_safe_halt default_idle do_idle
	sample hackbench 10.000200 unix_stream_sendmsg sock_write_iter vfs_write
	sample hackbench 10.000300 _copy_to_iter unix_stream_read_generic sock_read_iter
	sample hackbench 10.000400 _raw_spin_unlock_irqrestore try_to_wake_up \
		__wake_up_sync_key unix_stream_sendmsg
	sample hackbench 10.000500 clear_highpages_kasan_tagged get_page_from_freelist \
		__pcs_replace_full_main kfree consume_skb unix_stream_read_generic
	sample hackbench 10.000600 copy_mc_enhanced_fast_string do_wp_page handle_mm_fault
	sample perf 10.000700 __pi_memset shmem_write_begin
	sample swapper 10.000800 pv_native_safe_halt default_idle do_idle
	sample hackbench 10.000900 '[unknown]'
	echo 'a line perf would not print'
	sample hackbench 10.000950 _copy_to_iter unix_stream_read_generic sock_read_iter
	# after the window: reaping, must not count
	sample hackbench 10.001000 free_pgtables exit_mmap do_exit
} | gzip > "$tmp/percpu.script.gz"
echo 'TIME cfg=percpu hackbench=8.000 setup=1.000' > "$tmp/times.txt"

out=$(python3 "$py" "$tmp" 2>&1)
rc=$?
echo "$out"
[ "$rc" = 0 ] || fail "exit status $rc on good input"
row=$(grep '^| percpu |' <<< "$out")
# 8 window samples (from the first socket sample to the last), 1 idle: 4 syscalls (3 socket,
# 1 unknown), 1 allocator, 1 scheduling, 1 process, 1 profiler; the seven that are not perf
# share the 7 s of messaging (8 s less the one-loop run's 1 s).
want="| percpu | 8.000 | 1.000 | 7000 | 4000 (57.1%) | 1000 (14.3%) | 1000 (14.3%)"
want+=" | 1000 (14.3%) | 12.5% | 7 |"
[ "$row" = "$want" ] || fail "row is '$row', expected '$want'"

# --leaves: of the 7 window samples that are neither idle nor perf's, the read's copy
# comes twice
out=$(python3 "$py" --leaves 1 "$tmp" 2>&1)
rc=$?
[ "$rc" = 0 ] || fail "--leaves 1: exit status $rc: $out"
grep -qF "$want" <<< "$out" || fail "--leaves 1 lost the class table: $out"
grep -qF 'percpu: the 1 commonest leaf functions of 7 non-idle samples' <<< "$out" ||
	fail "--leaves 1: no heading for percpu: $out"
row=$(grep -c '^| [^|]* < [^|]* | [0-9]' <<< "$out")
[ "$row" = 1 ] || fail "--leaves 1 printed $row leaf rows: $out"
grep -qF '| _copy_to_iter < unix_stream_read_generic | 2 | 28.6% |' <<< "$out" ||
	fail "--leaves 1: not the commonest leaf: $out"

# expect STATUS PATTERN -- ARGS...: the status and the message
expect() {
	local want="$1" pat="$2" got rc
	shift 3
	got=$(python3 "$py" "$@" 2>&1)
	rc=$?
	[ "$rc" = "$want" ] || fail "'$*' exited $rc, expected $want: $got"
	grep -qE "$pat" <<< "$got" || fail "'$*' printed '$got', expected /$pat/"
}
expect 2 'Usage' --
expect 2 'Usage' -- a b
expect 0 'Reads, from DIR' -- --help
expect 2 'count from 1' -- --leaves 0 "$tmp"
expect 2 'count from 1' -- --leaves x "$tmp"
expect 2 'Usage' -- --leaves 3
expect 2 'Usage' -- --bogus "$tmp"
expect 2 'is not a directory' -- "$tmp/none"
mkdir "$tmp/empty"
expect 1 'times.txt: .*No such file' -- "$tmp/empty"
echo 'TIME cfg=fifo' > "$tmp/empty/times.txt"
expect 1 'no TIME lines' -- "$tmp/empty"
echo 'TIME cfg=fifo hackbench=1.0 setup=0.1' > "$tmp/empty/times.txt"
expect 1 'fifo.script.gz' -- "$tmp/empty"
echo 'not gzip' > "$tmp/empty/fifo.script.gz"
expect 1 'fifo.script.gz' -- "$tmp/empty"
sample swapper 1.0 pv_native_safe_halt | gzip > "$tmp/empty/fifo.script.gz"
expect 1 'no sample in a socket' -- "$tmp/empty"
sample hackbench 1.0 unix_stream_sendmsg | gzip > "$tmp/empty/fifo.script.gz"
echo 'TIME cfg=fifo hackbench=1.0 setup=1.5' > "$tmp/empty/times.txt"
expect 1 'took as long' -- "$tmp/empty"

# profile.sh's own usage errors, before it builds or boots anything
sh="$(dirname "$py")/profile.sh"
for args in "--bogus" "--icount x" "--kernel 7" "--also BAD:/bin/true" "--also ok:/nonexistent"; do
	# shellcheck disable=SC2086 # $args is a list of arguments
	got=$("$sh" $args 2>&1)
	rc=$?
	[ "$rc" = 2 ] || fail "profile.sh $args exited $rc, expected 2: $got"
done

[ "$bad" = 0 ] || { echo "$bad check(s) failed"; exit 1; }
echo "profile_report: all checks passed"
