/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scx_fifo: a global first-in, first-out scheduler.
 *
 * Every runnable task goes through one shared dispatch queue (SHARED_DSQ) in arrival order;
 * each CPU that runs out of work takes the task at its head. When ops.select_cpu() finds an
 * idle CPU for a waking task, the task skips the queue and goes straight to that CPU's
 * local queue (the direct-dispatch fast path).
 *
 * FIFO treats every task alike: nice values and weights are ignored, and a CPU hog delays
 * everything queued behind it by up to one slice. See scx_vtime for weighted fairness.
 *
 * Counters (per CPU, summed by userspace once a second): enqueued (ops.enqueue calls),
 * direct (dispatched from select_cpu to an idle CPU), shared (inserted into the shared
 * queue) and dispatched (moved from the shared queue to a CPU).
 *
 * Kernels whose BTF cannot resolve scx_bpf_create_dsq() (Debian's 7.1.13 and 7.2.12 lack
 * the _impl prototypes of KF_IMPLICIT_ARGS kfuncs) get the built-in global queue instead,
 * which the kernel consumes by itself: ops.dispatch() then has nothing to move.
 */
#include <scx/scopex.bpf.h>

char _license[] SEC("license") = "GPL";

/* Tunables, set by userspace before load. */
const volatile u64 slice_ns = 5000000;	/* 5 ms */
/* Use the built-in global queue even where SHARED_DSQ could be created (-g): the same code
 * path on every kernel, for comparisons across kernels that differ in kfunc support. */
const volatile bool global_dsq = false;

#define SHARED_DSQ	0

enum fifo_stat {
	FIFO_STAT_ENQUEUED,
	FIFO_STAT_DIRECT,
	FIFO_STAT_SHARED,
	FIFO_STAT_DISPATCHED,
	FIFO_NR_STATS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u64));
	__uint(max_entries, FIFO_NR_STATS);
} stats SEC(".maps");

SCX_EXIT_RECORD_DEFINE(exit_record);

/* SHARED_DSQ, or SCX_DSQ_GLOBAL where it cannot be created (see above). */
u64 shared_dsq = SHARED_DSQ;	/* global: LLVM would shrink a static to a bool */

static __always_inline void stat_inc(u32 idx)
{
	u64 *cnt = bpf_map_lookup_elem(&stats, &idx);

	if (cnt)
		(*cnt)++;
}

s32 SCX_OP(select_cpu, fifo_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	bool is_idle = false;
	s32 cpu;

	cpu = scx_bpf_select_cpu_dfl(p, prev_cpu, wake_flags, &is_idle);
	if (is_idle) {
		stat_inc(FIFO_STAT_DIRECT);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, 0);
	}
	return cpu;
}

void SCX_OP(enqueue, fifo_enqueue, struct task_struct *p, u64 enq_flags)
{
	stat_inc(FIFO_STAT_ENQUEUED);
	stat_inc(FIFO_STAT_SHARED);
	scx_bpf_dsq_insert(p, shared_dsq, slice_ns, enq_flags);
}

void SCX_OP(dispatch, fifo_dispatch, s32 cpu, struct task_struct *prev)
{
	if (shared_dsq == SHARED_DSQ && scx_bpf_dsq_move_to_local(SHARED_DSQ))
		stat_inc(FIFO_STAT_DISPATCHED);
}

s32 SCX_OP_SLEEPABLE(init, fifo_init)
{
	if (global_dsq || !bpf_ksym_exists(scx_bpf_create_dsq)) {
		shared_dsq = SCX_DSQ_GLOBAL;
		return 0;
	}
	return scx_bpf_create_dsq(SHARED_DSQ, NUMA_NO_NODE);
}

void SCX_OP(exit, fifo_exit, struct scx_exit_info *ei)
{
	scx_exit_record_fill(exit_record, ei);
}

SCX_OPS_DEFINE(fifo_ops,
	       .select_cpu	= (void *)fifo_select_cpu,
	       .enqueue		= (void *)fifo_enqueue,
	       .dispatch	= (void *)fifo_dispatch,
	       .init		= (void *)fifo_init,
	       .exit		= (void *)fifo_exit,
	       .name		= "fifo");
