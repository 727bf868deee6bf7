/* SPDX-License-Identifier: GPL-2.0 */
/*
 * conform_rt: run-time conformance on a kf_mask kernel (6.16 to 7.0), one case per object.
 *
 * A global FIFO scheduler with plain declarations (the kernel's own names, no scopex
 * headers); built with -DCASE=N, callback CB_N also calls kfunc KF_N. Each call counts;
 * once ops.tick() sees `target` calls it unloads the scheduler with "conform-rt: N calls
 * ok", which is what an allowed pair shows. A refused pair is ejected by the kernel's
 * kf_mask check instead ("kfunc with mask ... called from an operation only allowing ..."),
 * or, for a sleepable kfunc in a non-sleepable op, never loads.
 */
#define BPF_NO_KFUNC_PROTOTYPES
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <scx/exit_record.h>

char _license[] SEC("license") = "GPL";

extern s32 scx_bpf_create_dsq(u64 dsq_id, s32 node) __ksym __weak;
extern bool scx_bpf_dsq_insert___v2___scx(struct task_struct *p, u64 dsq_id, u64 slice,
					  u64 enq_flags) __ksym __weak;
extern bool scx_bpf_dsq_move_to_local(u64 dsq_id) __ksym __weak;
extern void scx_bpf_exit_bstr(s64 exit_code, char *fmt, unsigned long long *data,
			      u32 data__sz) __ksym __weak;
extern u64 scx_bpf_now(void) __ksym __weak;
extern u32 scx_bpf_reenqueue_local(void) __ksym __weak;
extern s32 scx_bpf_select_cpu_dfl(struct task_struct *p, s32 prev_cpu, u64 wake_flags,
				  bool *is_idle) __ksym __weak;
extern struct cgroup *scx_bpf_task_cgroup(struct task_struct *p) __ksym __weak;
extern void bpf_cgroup_release(struct cgroup *cgrp) __ksym;

#define SHARED_DSQ	0

#ifndef CASE
#define CASE 0
#endif

/* Calls of the tested kfunc before ops.tick() ends the run as a success. */
const volatile u64 target = CASE == 9 ? 1 : 10;
u64 calls;
struct scx_exit_record exit_record SEC(".data");

/* In callback CB, for case N only: make the tested call and count it. */
#define TESTED(cb, n, call)							\
	do {									\
		if (CASE == (n)) {						\
			call;							\
			__sync_fetch_and_add(&calls, 1);			\
		}								\
	} while (0)

SEC("struct_ops/rt_select_cpu")
s32 BPF_PROG(rt_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	bool idle = false;

	TESTED(select_cpu, 5, scx_bpf_select_cpu_dfl(p, prev_cpu, wake_flags, &idle));
	return prev_cpu;
}

SEC("struct_ops/rt_enqueue")
void BPF_PROG(rt_enqueue, struct task_struct *p, u64 enq_flags)
{
	TESTED(enqueue, 2, scx_bpf_dsq_move_to_local(SHARED_DSQ));
	TESTED(enqueue, 3, scx_bpf_dsq_insert___v2___scx(p, SCX_DSQ_GLOBAL, SCX_SLICE_DFL, 0));
#if CASE == 10
	TESTED(enqueue, 10, scx_bpf_create_dsq(SHARED_DSQ + 1, -1));
#endif
	TESTED(enqueue, 11, bpf_cgroup_release(scx_bpf_task_cgroup(p)));
	if (CASE != 3)
		scx_bpf_dsq_insert___v2___scx(p, SHARED_DSQ, SCX_SLICE_DFL, enq_flags);
}

SEC("struct_ops/rt_dispatch")
void BPF_PROG(rt_dispatch, s32 cpu, struct task_struct *prev)
{
	TESTED(dispatch, 8, scx_bpf_reenqueue_local());
	scx_bpf_dsq_move_to_local(SHARED_DSQ);
	TESTED(dispatch, 1, (void)0);	/* the call above, counted once it returned */
}

SEC("struct_ops/rt_cpu_release")
void BPF_PROG(rt_cpu_release, s32 cpu, struct scx_cpu_release_args *args)
{
	TESTED(cpu_release, 7, scx_bpf_reenqueue_local());
}

SEC("struct_ops/rt_tick")
void BPF_PROG(rt_tick, struct task_struct *p)
{
	static char fmt[] = "conform-rt: %llu calls ok";
	unsigned long long n = calls;

	TESTED(tick, 4, scx_bpf_dsq_insert___v2___scx(p, SHARED_DSQ, SCX_SLICE_DFL, 0));
	TESTED(tick, 6, scx_bpf_select_cpu_dfl(p, 0, 0, &(bool){ false }));
	TESTED(tick, 13, scx_bpf_now());
	if (n >= target)
		scx_bpf_exit_bstr(0, fmt, &n, sizeof(n));
}

SEC("struct_ops/rt_init_task")
s32 BPF_PROG(rt_init_task, struct task_struct *p, struct scx_init_task_args *args)
{
	TESTED(init_task, 12, bpf_cgroup_release(scx_bpf_task_cgroup(p)));
	return 0;
}

SEC("struct_ops.s/rt_init")
s32 BPF_PROG(rt_init)
{
	s32 ret = scx_bpf_create_dsq(SHARED_DSQ, -1);

	TESTED(init, 9, (void)0);	/* the call above */
	return ret;
}

SEC("struct_ops/rt_exit")
void BPF_PROG(rt_exit, struct scx_exit_info *ei)
{
	bpf_probe_read_kernel_str(exit_record.reason, sizeof(exit_record.reason), ei->reason);
	bpf_probe_read_kernel_str(exit_record.msg, sizeof(exit_record.msg), ei->msg);
	exit_record.exit_code = ei->exit_code;
	exit_record.exit_cpu = -1;
	asm volatile("" ::: "memory");
	exit_record.kind = ei->kind;
}

SEC(".struct_ops.link")
struct sched_ext_ops rt_ops = {
	.select_cpu	= (void *)rt_select_cpu,
	.enqueue	= (void *)rt_enqueue,
	.dispatch	= (void *)rt_dispatch,
	.cpu_release	= (void *)rt_cpu_release,
	.tick		= (void *)rt_tick,
	.init_task	= (void *)rt_init_task,
	.init		= (void *)rt_init,
	.exit		= (void *)rt_exit,
	.name		= "conform_rt",
};
