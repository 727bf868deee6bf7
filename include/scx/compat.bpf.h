/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One call, every kernel: the scope table's SCX_COMPAT_PREFER renames, implemented.
 *
 * For each renamed kfunc the scheduler calls the old, stable name; on a kernel that has
 * the newer kfunc, these wrappers call it instead, translating the arguments. Each wrapper
 * is the macro __scx_call_<name>, which the kfunc macros of scope_checks.gen.h expand to.
 * Macros rather than inline functions keep the caller's line in the BTF line info, so the
 * verifier and `scopex check` point at the scheduler's source, not at this header. The
 * choice is made by bpf_ksym_exists() on a __weak extern, which the verifier resolves at
 * load time, so only the taken branch remains; each argument is evaluated once.
 */
#ifndef __SCX_COMPAT_BPF_H
#define __SCX_COMPAT_BPF_H

/* scx_bpf_dsq_insert -> scx_bpf_dsq_insert___v2 (6.19: returns whether it inserted) */
#define __scx_call_scx_bpf_dsq_insert(p, dsq_id, slice, enq_flags)			\
	(bpf_ksym_exists(scx_bpf_dsq_insert___v2___scx) ?				\
	 scx_bpf_dsq_insert___v2___scx((p), (dsq_id), (slice), (enq_flags)) :		\
	 (scx_bpf_dsq_insert((p), (dsq_id), (slice), (enq_flags)), true))

/* scx_bpf_dsq_insert_vtime -> __scx_bpf_dsq_insert_vtime (6.19: arguments in a struct) */
#define __scx_call_scx_bpf_dsq_insert_vtime(_p, _dsq, _slice, _vtime, _flags)	\
	({									\
		struct scx_bpf_dsq_insert_vtime_args ___a = {			\
			.dsq_id = (_dsq), .slice = (_slice), .vtime = (_vtime),	\
			.enq_flags = (_flags),					\
		};								\
		bpf_ksym_exists(__scx_bpf_dsq_insert_vtime) ?			\
			__scx_bpf_dsq_insert_vtime((_p), &___a) :			\
			(scx_bpf_dsq_insert_vtime((_p), ___a.dsq_id, ___a.slice,	\
						  ___a.vtime, ___a.enq_flags), true); \
	})

/* scx_bpf_select_cpu_and -> __scx_bpf_select_cpu_and (6.19: arguments in a struct) */
#define __scx_call_scx_bpf_select_cpu_and(_p, _prev, _wake, _cpus, _flags)	\
	({									\
		struct scx_bpf_select_cpu_and_args ___a = {			\
			.prev_cpu = (_prev), .wake_flags = (_wake), .flags = (_flags), \
		};								\
		bpf_ksym_exists(__scx_bpf_select_cpu_and) ?			\
			__scx_bpf_select_cpu_and((_p), (_cpus), &___a) :		\
			scx_bpf_select_cpu_and((_p), ___a.prev_cpu, ___a.wake_flags,	\
					       (_cpus), ___a.flags);		\
	})

/*
 * scx_bpf_dsq_move_to_local -> scx_bpf_dsq_move_to_local___v2 (7.1: enqueue flags).
 * scx_bpf_dsq_move_to_local(dsq_id) or (dsq_id, enq_flags), the form upstream's 7.1+
 * headers call; kernels before 7.1 take no flags and these are dropped there, as upstream's
 * compat does.
 */
#define __scx_call_scx_bpf_dsq_move_to_local(...)					\
	__SCX_MTL_PICK(__VA_ARGS__, __scx_mtl_flags, __scx_mtl)(__VA_ARGS__)
#define __SCX_MTL_PICK(_1, _2, f, ...)	f
#define __scx_mtl(dsq_id)		__scx_mtl_flags(dsq_id, 0)
#define __scx_mtl_flags(dsq_id, enq_flags)						\
	(bpf_ksym_exists(scx_bpf_dsq_move_to_local___v2___scx) ?			\
	 scx_bpf_dsq_move_to_local___v2___scx((dsq_id), (enq_flags)) :		\
	 scx_bpf_dsq_move_to_local((dsq_id)))

/*
 * scx_bpf_reenqueue_local -> ___v2 (6.19: any context, deferred) -> scx_bpf_dsq_reenq
 * (7.1: any DSQ). Returns the number of tasks re-enqueued where the kernel says, else 0.
 */
#define __scx_call_scx_bpf_reenqueue_local()						\
	(bpf_ksym_exists(scx_bpf_dsq_reenq) ?						\
	 (scx_bpf_dsq_reenq(SCX_DSQ_LOCAL, 0), 0u) :					\
	 bpf_ksym_exists(scx_bpf_reenqueue_local___v2___scx) ?			\
	 (scx_bpf_reenqueue_local___v2___scx(), 0u) :					\
	 scx_bpf_reenqueue_local())

#endif /* __SCX_COMPAT_BPF_H */
