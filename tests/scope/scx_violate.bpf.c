/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scx_violate: a FIFO scheduler with a planted scope violation, for the runtime scope
 * mode's VM test.
 *
 * After `trigger_after` enqueues, ops.enqueue() calls scx_bpf_dsq_move_to_local(), which
 * only ops.dispatch() may call. In static mode this does not compile; built in runtime mode
 * (-DSCX_SCOPE_MODE=2) it does, the verifier never sees the call (the scope tags compile
 * it out of ops.enqueue()) and the scoped wrapper ejects the scheduler when the call is
 * reached, naming the kfunc and the callback.
 */
#include <scx/scopex.bpf.h>

char _license[] SEC("license") = "GPL";

const volatile u64 trigger_after = 200;	/* enqueues before the violation */

#define SHARED_DSQ	0

u64 nr_enqueued;

SCX_EXIT_RECORD_DEFINE(exit_record);

void SCX_OP(enqueue, violate_enqueue, struct task_struct *p, u64 enq_flags)
{
	if (__sync_fetch_and_add(&nr_enqueued, 1) >= trigger_after)
		scx_bpf_dsq_move_to_local(SHARED_DSQ);	/* out of scope: dispatch only */
	scx_bpf_dsq_insert(p, SHARED_DSQ, SCX_SLICE_DFL, enq_flags);
}

void SCX_OP(dispatch, violate_dispatch, s32 cpu, struct task_struct *prev)
{
	scx_bpf_dsq_move_to_local(SHARED_DSQ);
}

s32 SCX_OP_SLEEPABLE(init, violate_init)
{
	return scx_bpf_create_dsq(SHARED_DSQ, NUMA_NO_NODE);
}

void SCX_OP(exit, violate_exit, struct scx_exit_info *ei)
{
	scx_exit_record_fill(exit_record, ei);
}

SCX_OPS_DEFINE(violate_ops,
	       .enqueue		= (void *)violate_enqueue,
	       .dispatch	= (void *)violate_dispatch,
	       .init		= (void *)violate_init,
	       .exit		= (void *)violate_exit,
	       .name		= "violate");
