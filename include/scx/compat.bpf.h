/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One call, every kernel: the scope table's SCX_COMPAT_PREFER renames, implemented.
 *
 * For each renamed kfunc the scheduler calls the old, stable name; on a kernel that has
 * the newer kfunc, these wrappers call it instead, translating the arguments. Each wrapper
 * is published as __scx_call_<name>, which the kfunc macros of scope_checks.gen.h expand
 * to; a test checks that every PREFER rename of the table has one here. The choice is
 * made by bpf_ksym_exists() on a __weak extern, which the verifier resolves at load time,
 * so only the taken branch remains.
 */
#ifndef __SCX_COMPAT_BPF_H
#define __SCX_COMPAT_BPF_H

/* scx_bpf_dsq_insert -> scx_bpf_dsq_insert___v2 (6.19: returns whether it inserted) */
static __always_inline bool __scx_compat_dsq_insert(struct task_struct *p, u64 dsq_id,
						    u64 slice, u64 enq_flags)
{
	if (bpf_ksym_exists(scx_bpf_dsq_insert___v2___scx))
		return scx_bpf_dsq_insert___v2___scx(p, dsq_id, slice, enq_flags);
	scx_bpf_dsq_insert(p, dsq_id, slice, enq_flags);
	return true;
}
#define __scx_call_scx_bpf_dsq_insert __scx_compat_dsq_insert

/* scx_bpf_dsq_insert_vtime -> __scx_bpf_dsq_insert_vtime (6.19: arguments in a struct) */
static __always_inline bool __scx_compat_dsq_insert_vtime(struct task_struct *p, u64 dsq_id,
							  u64 slice, u64 vtime, u64 enq_flags)
{
	if (bpf_ksym_exists(__scx_bpf_dsq_insert_vtime)) {
		struct scx_bpf_dsq_insert_vtime_args args = {
			.dsq_id = dsq_id, .slice = slice, .vtime = vtime, .enq_flags = enq_flags,
		};

		return __scx_bpf_dsq_insert_vtime(p, &args);
	}
	scx_bpf_dsq_insert_vtime(p, dsq_id, slice, vtime, enq_flags);
	return true;
}
#define __scx_call_scx_bpf_dsq_insert_vtime __scx_compat_dsq_insert_vtime

/* scx_bpf_select_cpu_and -> __scx_bpf_select_cpu_and (6.19: arguments in a struct) */
static __always_inline s32 __scx_compat_select_cpu_and(struct task_struct *p, s32 prev_cpu,
						       u64 wake_flags,
						       const struct cpumask *cpus_allowed,
						       u64 flags)
{
	if (bpf_ksym_exists(__scx_bpf_select_cpu_and)) {
		struct scx_bpf_select_cpu_and_args args = {
			.prev_cpu = prev_cpu, .wake_flags = wake_flags, .flags = flags,
		};

		return __scx_bpf_select_cpu_and(p, cpus_allowed, &args);
	}
	return scx_bpf_select_cpu_and(p, prev_cpu, wake_flags, cpus_allowed, flags);
}
#define __scx_call_scx_bpf_select_cpu_and __scx_compat_select_cpu_and

/* scx_bpf_dsq_move_to_local -> scx_bpf_dsq_move_to_local___v2 (7.1: enqueue flags) */
static __always_inline bool __scx_compat_dsq_move_to_local(u64 dsq_id)
{
	if (bpf_ksym_exists(scx_bpf_dsq_move_to_local___v2___scx))
		return scx_bpf_dsq_move_to_local___v2___scx(dsq_id, 0);
	return scx_bpf_dsq_move_to_local(dsq_id);
}
#define __scx_call_scx_bpf_dsq_move_to_local __scx_compat_dsq_move_to_local

/*
 * scx_bpf_reenqueue_local -> ___v2 (6.19: any context, deferred) -> scx_bpf_dsq_reenq
 * (7.1: any DSQ). Returns the number of tasks re-enqueued where the kernel says, else 0.
 */
static __always_inline u32 __scx_compat_reenqueue_local(void)
{
	if (bpf_ksym_exists(scx_bpf_dsq_reenq)) {
		scx_bpf_dsq_reenq(SCX_DSQ_LOCAL, 0);
		return 0;
	}
	if (bpf_ksym_exists(scx_bpf_reenqueue_local___v2___scx)) {
		scx_bpf_reenqueue_local___v2___scx();
		return 0;
	}
	return scx_bpf_reenqueue_local();
}
#define __scx_call_scx_bpf_reenqueue_local __scx_compat_reenqueue_local

#endif /* __SCX_COMPAT_BPF_H */
