#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side: run a scheduler on every kernel and print kernel x {boots, loads, schedules,
# detaches}. Fails unless every cell is yes.   matrix.sh SCOPEX SCHED_BINARY KERNEL...
set -u
scopex="$1" sched="$2"
shift 2
guest="$(dirname "$(readlink -f "$0")")/matrix_guest.sh"
table="| kernel | boots | loads | schedules | detaches | boot-to-command |
| --- | --- | --- | --- | --- | --- |"
bad=0
for k in "$@"; do
	out=$("$scopex" vm --kernel "$k" --timeout 240 -- "$guest" "$sched" 2>&1)
	echo "$out" | sed "s/^/[$k] /"
	boots=no; grep -q 'booted, command started' <<< "$out" && boots=yes
	t=$(grep -o 'started after [0-9.]* s' <<< "$out" | grep -o '[0-9.]* s')
	row=$(grep -o 'MATRIX.*' <<< "$out" | tail -n 1)
	get() { grep -o "$1=[a-z]*" <<< "$row" | cut -d= -f2; }
	l=$(get loads); s=$(get schedules); d=$(get detaches)
	table+=$'\n'"| $k | $boots | ${l:-no} | ${s:-no} | ${d:-no} | ${t:--} |"
	[ "$boots/${l:-no}/${s:-no}/${d:-no}" = yes/yes/yes/yes ] || bad=$((bad + 1))
done
echo
echo "$table"
exit $bad
