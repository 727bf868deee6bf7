#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# In the guest: one row of the kernel matrix for a scheduler.   matrix_guest.sh SCHED_BINARY
set -u
. "$(dirname "$0")/lib.sh"
loads=no schedules=no detaches=no
"$1" > /tmp/m.log 2>&1 &
pid=$!
if wait_state enabled 60; then
	loads=yes
	stress-ng --cpu 2 --switch 2 --timeout 5s > /dev/null 2>&1
	sleep 1.2	# one stats period: the counters are printed once a second
	# enqueued counts tasks that went through the scheduler on every kernel; dispatched
	# stays 0 where scx_fifo falls back to the kernel-consumed global queue (7.1, 7.2).
	e=$(last_stat /tmp/m.log enqueued)
	[ -n "$e" ] && [ "$e" -gt 0 ] && [ "$(cat $SCX/state)" = enabled ] && schedules=yes
	kill -INT $pid
	wait_exit $pid 30
	rc=$WAIT_RC
	[ "$rc" = 0 ] && wait_state disabled 30 && detaches=yes
fi
[ $detaches = yes ] || cat /tmp/m.log
echo "MATRIX loads=$loads schedules=$schedules detaches=$detaches"
