#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite soak: one libFuzzer target for RUNS executions from a seed corpus (files, or
# directories searched for files other than scripts), in WORK (the corpus and any crash
# artifact stay there). Exit status: the fuzzer's (non-zero on a crash, a sanitizer
# report, a leak or a timeout).
#   soak.sh FUZZER RUNS MAX_LEN WORK SEED...
set -u
fuzzer="$1" runs="$2" max_len="$3" work="$4"
shift 4
rm -rf "$work/seed"
mkdir -p "$work/seed" "$work/corpus"
for s in "$@"; do
	if [ -d "$s" ]; then
		find "$s" -type f ! -name '*.sh' -exec cp --backup=numbered {} "$work/seed/" \;
	else
		cp "$s" "$work/seed/"
	fi
done
echo "$(basename "$fuzzer"): $runs executions, $(ls "$work/seed" | wc -l) seeds, work dir $work"
start=$SECONDS
"$fuzzer" -runs="$runs" -max_len="$max_len" -print_final_stats=1 \
	-artifact_prefix="$work/" "$work/corpus" "$work/seed" > "$work/fuzz.log" 2>&1
rc=$?
grep '^stat::' "$work/fuzz.log"
tail -n 5 "$work/fuzz.log"
echo "$(basename "$fuzzer"): exit $rc after $((SECONDS - start)) s"
exit $rc
