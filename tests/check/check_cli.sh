#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scopex check on the fixtures: exit status, diagnostics at the marked lines, json, and a
# clean refusal (exit 2 and a message) of everything that is not a BPF object with BTF.
#   check_cli.sh SCOPEX FIXTURE_SRC_DIR fx_clean.nobtf.o fx_clean.bpf.o fx_bad.bpf.o fx_compat.bpf.o
set -u
scopex=$1 src=$2 nobtf=$3 clean=$4 bad=$5 compat=$6
kernels="6.16.12 6.17.13 6.18.15 6.19.14 7.0.13 7.1.13 7.2.12 7.3.4"
fails=0 passes=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# check DESCRIPTION COMMAND... : the command must succeed
	local what="$1"
	shift
	if "$@"; then echo "ok: $what"; passes=$((passes + 1)); else echo "FAIL: $what"; fails=$((fails + 1)); fi
}

# run ARGS...: stdout in $out, stderr in $err, status in $rc
run() {
	"$scopex" check "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# "file:line context kfunc" of each error line, sorted
found() {
	sed -nE 's/^([^ ]*\/)?([^/: ]+):([0-9]+):[0-9]+: error: ([a-z0-9_]+)\(\) \[[^]]*\] is not allowed in (ops\.([a-z0-9_]+)\(\)|a ([a-z]+) program) .*/\2:\3 \6\7 \4/p' \
		<<< "$out" | sort
}

# the same from the EXPECT(ctx, kfunc) markers of a fixture source
expected() {
	grep -n 'EXPECT(' "$src/$1" | grep -v '#define' |
		sed -E "s/^([0-9]+):.*EXPECT\(([a-z0-9_]+), ([a-z0-9_]+)\).*/$1:\1 \2 \3/" | sort
}

for k in $kernels; do
	run --kernel "$k" "$clean"
	check "fx_clean is clean on $k (rc $rc, output '$out$err')" test "$rc" = 0 -a -z "$out$err"
done

run "$bad"
check "fx_bad: exit 1 on the default kernel (rc $rc)" test "$rc" = 1
check "fx_bad: one error per EXPECT marker, at its line, nothing else" \
	diff <(expected fx_bad.bpf.c) <(found)
check "fx_bad: the default kernel is 7.3.4" grep -q ' on 7.3.4: the verifier rejects it$' <<< "$out"
check "fx_bad: chain through the shared helper" \
	grep -q 'note: call chain: tick -> consume_shared -> scx_bpf_dsq_move_to_local$' <<< "$out"
check "fx_bad: the helper's allowed caller is not reported" \
	test -z "$(grep 'call chain: dispatch' <<< "$out")"
check "fx_bad: chain through the bpf_loop() callback" \
	grep -q 'note: call chain: stopping -> loop_cb -> scx_bpf_dispatch_cancel$' <<< "$out"
check "fx_bad: compat flavour stripped, declaration named" \
	grep -q 'note: declared as scx_bpf_dsq_move_to_local___v2___scx, which libbpf resolves to scx_bpf_dsq_move_to_local___v2()' <<< "$out"
check "fx_bad: group and callback named" \
	grep -q 'error: scx_bpf_dsq_move_to_local() \[group dispatch\] is not allowed in ops.enqueue() on 7.3.4: the verifier rejects it' <<< "$out"
check "fx_bad: where the kfunc is allowed" \
	grep -q 'note: scx_bpf_dsq_move_to_local() is allowed in ops.dispatch()' <<< "$out"
check "fx_bad: what ops.enqueue() allows" \
	grep -q 'note: ops.enqueue() allows groups enqueue, select_cpu$' <<< "$out"
check "fx_bad: sleepable kfunc in a non-sleepable init" \
	grep -q 'fx_bad.bpf.c:[0-9]*:[0-9]*: error: scx_bpf_create_dsq() \[group unlocked\] is not allowed in ops.init() on 7.3.4: the verifier rejects it: the kfunc needs a sleepable program' <<< "$out"
check "fx_bad: summary line" grep -qx '9 violations on 7.3.4' <<< "$out"

run --kernel 6.18.15 "$bad"
check "fx_bad on 6.18.15: exit 1" test "$rc" = 1
check "fx_bad on 6.18.15: runtime wording" \
	grep -q 'error: scx_bpf_dsq_move_to_local() \[mask 0x2 (DISPATCH)\] is not allowed in ops.enqueue() on 6.18.15: it loads, and the scheduler is ejected at run time when the call runs' <<< "$out"

for k in 7.3.4 7.2.12 7.1.13 7.0.13 6.19.14; do
	run --kernel "$k" "$compat"
	check "fx_compat: clean on $k (rc $rc)" test "$rc" = 0 -a -z "$out"
done
for k in 6.18.15 6.17.13 6.16.12; do
	run --kernel "$k" "$compat"
	check "fx_compat: ejects on $k (rc $rc)" test "$rc" = 1
	check "fx_compat: on $k the reported line is the marked one" \
		diff <(expected fx_compat.bpf.c) <(found)
	check "fx_compat: on $k, cpu_release-only kfunc, ejects" \
		grep -q "error: scx_bpf_reenqueue_local() \[mask 0x1 (CPU_RELEASE)\] is not allowed in ops.dispatch() on $k: it loads, and the scheduler is ejected" <<< "$out"
	check "fx_compat: on $k inlined from the header" \
		grep -q 'note: inlined from .*fx_compat.bpf.h:[0-9]*$' <<< "$out"
done

run --format json --kernel 6.18.15 "$clean" "$bad" "$compat"
check "json: exit 1" test "$rc" = 1
check "json: one object with every finding" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["kernel"] == "6.18.15" and d["objects"] == 3 and d["errors"] == [], d
f = d["findings"]
assert d["violations"] == len(f) and len(f) > 0, d
need = {"object", "file", "line", "col", "section", "insn", "program", "context", "kfunc",
	"symbol", "base", "groups", "verdict", "chain", "allowed_in", "message"}
assert all(need <= set(x) for x in f), f[0]
assert any(x["context"] == "dispatch" and x["kfunc"] == "scx_bpf_reenqueue_local" and
	   x["verdict"] == "ejects" and x["object"].endswith("fx_compat.bpf.o") and
	   x["allowed_in"] == ["cpu_release"] for x in f), f
assert not any(x["object"].endswith("fx_clean.bpf.o") for x in f), f
' "$out"
run --format json "$clean"
check "json: clean object, exit 0, empty findings" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["findings"] == [] and d["violations"] == 0, d' "$out"
check "json: clean object exits 0 (rc $rc)" test "$rc" = 0

# Not BPF objects with BTF: exit 2 and a message naming the file, never a crash.
: > "$tmp/empty.o"
awk 'BEGIN { srand(1); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 255) + 1 }' \
	> "$tmp/random.o"
head -c 1000 "$clean" > "$tmp/truncated.o"
head -c $(($(stat -c %s "$clean") - 64)) "$clean" > "$tmp/truncated-tail.o"
mkdir "$tmp/dir.o"
declare -A why=(
	["$tmp/empty.o"]="empty file"
	["$tmp/random.o"]="not an ELF file"
	["$tmp/truncated.o"]="truncated ELF"
	["$tmp/truncated-tail.o"]="truncated ELF"
	["$scopex"]="not a BPF object (ELF machine"
	["$nobtf"]="no BTF"
	["$tmp/missing.o"]="No such file or directory"
	["$tmp/dir.o"]="not a regular file"
	# found by fuzz_objscan: libbpf would malloc() the 4 GiB BTF claims before checking
	["$src/hostile/struct_ops_huge.bin"]="not a valid BPF object: a struct_ops variable of 4294965248 bytes"
)
for f in "${!why[@]}"; do
	run "$f"
	check "$(basename "$f"): exit 2 with '${why[$f]}' (rc $rc, '$err')" \
		test "$rc" = 2 -a -z "$out" -a "$(grep -cF "$f: ${why[$f]}" <<< "$err")" = 1
done
run "$tmp/empty.o" "$bad"
check "bad input first, then a broken object: exit 2, findings still printed" \
	test "$rc" = 2 -a -n "$(found)"
run --format json "$tmp/random.o"
check "json: unreadable input listed in errors, exit 2 (rc $rc)" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert len(d["errors"]) == 1 and "not an ELF file" in d["errors"][0], d' "$out"

# --kernel all: each kernel's findings in turn, as one run per kernel prints them, and
# each kernel's count in the summary
want_out="" want_sum="violations on 8 kernels:" total=0
for k in $kernels; do
	run --kernel "$k" "$bad"
	want_out+=$(grep -v ' violations\? on ' <<< "$out")$'\n'
	n=$(grep -c ': error: ' <<< "$out")
	want_sum+=" $k $n," total=$((total + n))
done
want_sum="$total ${want_sum%,}"
run --kernel all "$bad"
check "--kernel all: every kernel's findings in order, exit 1 (rc $rc)" \
	test "$rc" = 1 -a "$(grep -v ' violations\? on ' <<< "$out")"$'\n' = "$want_out"
check "--kernel all: summary '$want_sum' (got '$(tail -n 1 <<< "$out")')" \
	test "$(tail -n 1 <<< "$out")" = "$want_sum"
run --kernel all "$clean"
check "--kernel all, clean object: exit 0, silent (rc $rc)" test "$rc" = 0 -a -z "$out$err"
run --kernel all --format json "$bad"
check "--kernel all, json: kernel 'all', $total findings, each with its kernel" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["kernel"] == "all" and d["violations"] == int(sys.argv[2]), (d["kernel"], d["violations"])
assert len(d["findings"]) == d["violations"]
assert set(f["kernel"] for f in d["findings"]) == set(sys.argv[3].split()), d["findings"][:1]' \
	"$out" "$total" "$kernels"

# a release names the table's kernel of its series (--kernel $(uname -r)); another series
# is refused
for pair in "7.3.4+deb13-cloud-amd64 7.3.4" "7.0.1 7.0.13" "6.18 6.18.15"; do
	set -- $pair
	run --kernel "$2" "$bad"
	want_out=$out want_rc=$rc
	run --kernel "$1" "$bad"
	check "--kernel $1: the findings and status of $2, a note naming $2 (rc $rc, '$err')" \
		test "$rc" = "$want_rc" -a "$out" = "$want_out" -a \
		"$(grep -c "kernel $1: using the rules of $2" <<< "$err")" = 1
done
# a release of a series whose table build lacks kfunc prototypes: a note that which ones
# differs between builds; none for a series whose build lacks none
run --kernel 7.1.3 "$bad"
check "--kernel 7.1.3: a note that 7.1.13's build cannot call 19 kfuncs ('$err')" \
	test "$(grep -c "note: Debian's 7.1.13 build cannot call 19 of its kfuncs" <<< "$err")" = 1
run --kernel 7.3.1 "$bad"
check "--kernel 7.3.1: no such note ('$err')" test "$(grep -c "cannot call" <<< "$err")" = 0
for k in 7.4.0 7.30.1 6.1.0; do
	run --kernel "$k" "$bad"
	check "--kernel $k: exit 2, 'unknown kernel' (rc $rc, '$err')" \
		test "$rc" = 2 -a -z "$out" -a "$(grep -c "unknown kernel version '$k'" <<< "$err")" = 1
done

run --help
check "--help: usage on stdout, exit 0" test "$rc" = 0 -a -n "$(grep '^Usage: scopex check' <<< "$out")"
for bad_args in "" "--kernel 1.2.3 $clean" "--format xml $clean" "--bogus $clean"; do
	run $bad_args
	check "'check $bad_args': exit 2 with a message" test "$rc" = 2 -a -n "$err"
done

echo "$passes passed, $fails failed"
exit $((fails != 0))
