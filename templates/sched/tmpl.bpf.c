/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmpl: made by `scopex new` from templates/sched/. It starts as a working global FIFO
 * scheduler; make it yours from here.
 *
 * Policy: a waking task that finds an idle CPU in ops.select_cpu() goes straight to that
 * CPU's local queue. Every other task waits in one shared dispatch queue (SHARED_DSQ) in
 * arrival order, and a CPU that runs out of work takes the task at its head.
 *
 * Edit first: tmpl_enqueue() decides where a task waits, tmpl_dispatch() what a CPU runs
 * next. Each callback is defined with SCX_OP(), so a kfunc called where the kernel does
 * not allow it is a compile error that names the kfunc and where it is allowed.
 *
 * Counters (per CPU, summed by userspace once a second): enqueued (into the shared
 * queue), direct (from select_cpu to an idle CPU), dispatched (from the shared queue to
 * a CPU). The VM test checks that dispatched keeps up with enqueued.
 */
#include <scx/scopex.bpf.h>

char _license[] SEC("license") = "GPL";

/* Tunables, set by userspace before load. */
const volatile u64 slice_ns = 5000000;	/* 5 ms */

#define SHARED_DSQ	0

enum tmpl_stat {
	TMPL_STAT_ENQUEUED,
	TMPL_STAT_DIRECT,
	TMPL_STAT_DISPATCHED,
	TMPL_NR_STATS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u64));
	__uint(max_entries, TMPL_NR_STATS);
} stats SEC(".maps");

SCX_EXIT_RECORD_DEFINE(exit_record);

static __always_inline void stat_inc(u32 idx)
{
	u64 *cnt = bpf_map_lookup_elem(&stats, &idx);

	if (cnt)
		(*cnt)++;
}

s32 SCX_OP(select_cpu, tmpl_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	bool is_idle = false;
	s32 cpu;

	cpu = scx_bpf_select_cpu_dfl(p, prev_cpu, wake_flags, &is_idle);
	if (is_idle) {
		stat_inc(TMPL_STAT_DIRECT);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, 0);
	}
	return cpu;
}

void SCX_OP(enqueue, tmpl_enqueue, struct task_struct *p, u64 enq_flags)
{
	stat_inc(TMPL_STAT_ENQUEUED);
	scx_bpf_dsq_insert(p, SHARED_DSQ, slice_ns, enq_flags);
}

/* prev is the task that ran on this CPU, or NULL: check it before any use. */
void SCX_OP(dispatch, tmpl_dispatch, s32 cpu, struct task_struct *prev)
{
	if (scx_bpf_dsq_move_to_local(SHARED_DSQ))
		stat_inc(TMPL_STAT_DISPATCHED);
}

s32 SCX_OP_SLEEPABLE(init, tmpl_init)
{
	return scx_bpf_create_dsq(SHARED_DSQ, NUMA_NO_NODE);
}

void SCX_OP(exit, tmpl_exit, struct scx_exit_info *ei)
{
	scx_exit_record_fill(exit_record, ei);
}

SCX_OPS_DEFINE(tmpl_ops,
	       .select_cpu	= (void *)tmpl_select_cpu,
	       .enqueue		= (void *)tmpl_enqueue,
	       .dispatch	= (void *)tmpl_dispatch,
	       .init		= (void *)tmpl_init,
	       .exit		= (void *)tmpl_exit,
	       .name		= "tmpl");
