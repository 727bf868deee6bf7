/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scopex - sched_ext kfunc scoping rules, single source of truth.
 *
 * X-macro data for eight Debian kernels: 6.16.12 6.17.13 6.18.15 6.19.14
 * 7.0.13 (scoping enforced at RUN time through current->scx.kf_mask) and
 * 7.1.13 7.2.12 7.3.4 (enforced at LOAD time by scx_kfunc_context_filter()).
 * Provenance of every block: docs/scope-sources.md.
 *
 * Usage: define one or more of SCX_KERNEL, SCX_GROUP, SCX_CALLBACK,
 * SCX_KFUNC, SCX_NEST, SCX_RENAME, include this file, #undef them. There is
 * deliberately no include guard and no #include: the file may be included
 * once per expansion, from BPF C, userspace C or a generator. Only the
 * constants below are guarded.
 *
 * Columns are per kernel truth: rt_* values are what the kernel checks at
 * run time (0 on 7.1+, which have no kf_mask), st_* values are what the
 * verifier-time filter checks (0 for callbacks on 6.16-7.0, which have no
 * filter). A name whose values change between kernels has several rows with
 * disjoint kernel masks; the union of a name's masks is exactly the set of
 * kernels whose BTF has it.
 *
 * Static rule (7.1+), BPF_PROG_TYPE_STRUCT_OPS prog for SCX op @cb:
 *	allowed = st_groups & (SCX_ST_ALWAYS | cb.st_allow)
 *	          && !(st_ops is sched_ext_ops_cid && flags & SCX_KF_CPU_ONLY)
 *   SYSCALL prog: progs & SCX_PROG_SYSCALL; TRACING-hook progs (tracing,
 *   tp, raw_tp, perf_event, lsm): progs & SCX_PROG_TRACING.
 * Run-time rule (6.16-7.0): the kfunc must be registered for the prog type
 * (progs); then with m = OR of rt_mask of the callbacks currently nested:
 *	rt_req == 0 || (m & rt_req) || (flags & SCX_KF_RT_IF_UNLOCKED && !m)
 *   and, scx_kf_allowed(): if the highest bit of rt_req is CPU_RELEASE or
 *   DISPATCH, m must not contain a higher bit (no call from a nested op).
 * Either way a SCX_KF_SLEEPABLE kfunc needs a sleepable prog, which the
 * kernel only accepts for SCX_CB_SLEEPABLE ops (bpf_scx_check_member()).
 */

#ifndef SCX_SCOPE_TABLE_CONSTS
#define SCX_SCOPE_TABLE_CONSTS

/* Kernel bits: one per supported kernel, oldest first. */
#define SCX_K_6_16		(1u << 0)
#define SCX_K_6_17		(1u << 1)
#define SCX_K_6_18		(1u << 2)
#define SCX_K_6_19		(1u << 3)
#define SCX_K_7_0		(1u << 4)
#define SCX_K_7_1		(1u << 5)
#define SCX_K_7_2		(1u << 6)
#define SCX_K_7_3		(1u << 7)
#define SCX_K_RUNTIME		(SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | \
				 SCX_K_7_0)	/* kf_mask checked at run time */
#define SCX_K_STATIC		(SCX_K_7_1 | SCX_K_7_2 | SCX_K_7_3)	/* load-time filter */
#define SCX_K_ALL		(SCX_K_RUNTIME | SCX_K_STATIC)
#define SCX_K_CID_OPS		(SCX_K_7_2 | SCX_K_7_3)	/* struct sched_ext_ops_cid exists */
/* Ranges: every kernel from @lo on, up to @hi, or in [@lo, @hi]. */
#define SCX_K_FROM(lo)		(SCX_K_ALL & ~((lo) - 1u))
#define SCX_K_UPTO(hi)		(((hi) << 1) - 1u)
#define SCX_K_SPAN(lo, hi)	(SCX_K_FROM(lo) & SCX_K_UPTO(hi))

/*
 * Run-time kf_mask bits, enum scx_kf_mask (include/linux/sched/ext.h).
 * Identical in the BTF of 6.16.12, 6.17.13, 6.18.15, 6.19.14 and 7.0.13;
 * the enum is gone from 7.1.13+. Nesting is allowed only towards higher
 * bits (scx_kf_allow()).
 */
#define SCX_RT_UNLOCKED		0	/* sleepable, no rq lock held */
#define SCX_RT_CPU_RELEASE	0x1	/* ops.cpu_release() */
#define SCX_RT_DISPATCH		0x2	/* ops.dispatch() */
#define SCX_RT_ENQUEUE		0x4	/* ops.enqueue() and ops.select_cpu() */
#define SCX_RT_SELECT_CPU	0x8	/* ops.select_cpu() */
#define SCX_RT_REST		0x10	/* other rq-locked operations */
#define SCX_RT_RQ_LOCKED	0x1f	/* __SCX_KF_RQ_LOCKED */
#define SCX_RT_TERMINAL		0x1c	/* __SCX_KF_TERMINAL */

/*
 * kfunc groups = kernel BTF_KFUNCS sets, one bit each, same meaning on
 * every kernel. The first six are the context-sensitive groups of enum
 * scx_kf_allow_flags (SCX_KF_ALLOW_*, same bit order as 7.3); the last
 * three are always allowed from any SCX op.
 */
#define SCX_ST_UNLOCKED		(1u << 0)	/* scx_kfunc_ids_unlocked */
#define SCX_ST_INIT_CIDS	(1u << 1)	/* scx_kfunc_ids_init (7.2), _init_cids (7.3) */
#define SCX_ST_CPU_RELEASE	(1u << 2)	/* scx_kfunc_ids_cpu_release */
#define SCX_ST_DISPATCH		(1u << 3)	/* scx_kfunc_ids_dispatch */
#define SCX_ST_ENQUEUE		(1u << 4)	/* scx_kfunc_ids_enqueue_dispatch */
#define SCX_ST_SELECT_CPU	(1u << 5)	/* scx_kfunc_ids_select_cpu (7.1+) */
#define SCX_ST_ANY		(1u << 6)	/* scx_kfunc_ids_any */
#define SCX_ST_IDLE		(1u << 7)	/* scx_kfunc_ids_idle */
#define SCX_ST_CID		(1u << 8)	/* scx_kfunc_ids_cid (7.2+) */
#define SCX_ST_ALWAYS		(SCX_ST_ANY | SCX_ST_IDLE | SCX_ST_CID)

/* Program types a kfunc's sets are registered for (register_btf_kfunc_id_set). */
#define SCX_PROG_STRUCT_OPS	0x1
#define SCX_PROG_SYSCALL	0x2
#define SCX_PROG_TRACING	0x4
#define SCX_PROG_ALL		(SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL | SCX_PROG_TRACING)

/* kfunc flags */
#define SCX_KF_SLEEPABLE	(1u << 0)	/* KF_SLEEPABLE in the kernel's BTF id set */
#define SCX_KF_RT_IF_UNLOCKED	(1u << 1)	/* run time: also ok when kf_mask == 0 */
#define SCX_KF_RT_TASK_ARG	(1u << 2)	/* task arg must be the op's subject task (kf_tasks[]) */
#define SCX_KF_CPU_ONLY		(1u << 3)	/* in scx_kfunc_ids_cpu_only: refused to cid-form ops */
#define SCX_KF_DEPRECATED	(1u << 4)	/* compat alias the kernel marks for removal */
#define SCX_KF_NOT_KFUNC	(1u << 5)	/* plain BTF FUNC in no kfunc set: not callable */
#define SCX_KF_RT_DUMP_CTX	(1u << 6)	/* run time: error outside ops.dump/dump_cpu/dump_task */
#define SCX_KF_RT_NEED_RQ_LOCK	(1u << 7)	/* run time: error unless SCX holds an rq lock */
#define SCX_KF_RT_LOCKED_CPU	(1u << 8)	/* run time: with an rq locked, only that rq's CPU */
#define SCX_KF_RT_TASK_LOCK	(1u << 9)	/* run time: task must be covered by the held lock */
/*
 * The kernel's BTF keeps the verifier-filled `aux` argument in the FUNC and has no
 * `<name>_impl` FUNC, so no BPF program can call the kfunc on that kernel: libbpf cannot
 * match a declaration without `aux`, and the verifier fails one with it ("cannot find
 * function <name>_impl in BTF"). Debian's 7.1.13 and 7.2.12 builds (read from their BTF:
 * every kfunc flagged KF_IMPLICIT_ARGS there). Treated as absent.
 */
#define SCX_KF_NO_PROTO		(1u << 10)

/* SCX_NEST flags column */
#define SCX_NEST_CHILD		(1u << 0)	/* re-enters a child scheduler's callback */

/* SCX_RENAME compat column */
#define SCX_COMPAT_NONE		0
#define SCX_COMPAT_PREFER	1

/* callback flags */
#define SCX_CB_SLEEPABLE	(1u << 0)	/* bpf_scx_check_member() accepts a sleepable prog */
/*
 * Attachable in sched_ext_ops_cid only. sub_caps_updated and sub_ecaps_updated are members
 * of both structs on 7.3, but the cpu-form CFI stubs (__bpf_ops_sched_ext_ops, ext.c)
 * lack them and 7.3.4 refuses them there: "attach to unsupported member" (seen in the VM).
 */
#define SCX_CB_CID_ONLY		(1u << 1)
#define SCX_CB_NO_CID		(1u << 2)	/* no slot in sched_ext_ops_cid (cpu-form only) */

#endif /* SCX_SCOPE_TABLE_CONSTS */

/*
 * SCX_KERNEL(bit_index, "version", RUNTIME|STATIC)
 * Source: the Debian linux-image/linux-binary packages of each version;
 * RUNTIME = enum scx_kf_mask present in the BTF (vmlinux.h), STATIC = absent
 * and scx_kfunc_context_filter present.
 */
#ifdef SCX_KERNEL
SCX_KERNEL(0,	"6.16.12",	RUNTIME)
SCX_KERNEL(1,	"6.17.13",	RUNTIME)
SCX_KERNEL(2,	"6.18.15",	RUNTIME)
SCX_KERNEL(3,	"6.19.14",	RUNTIME)
SCX_KERNEL(4,	"7.0.13",	RUNTIME)
SCX_KERNEL(5,	"7.1.13",	STATIC)
SCX_KERNEL(6,	"7.2.12",	STATIC)
SCX_KERNEL(7,	"7.3.4",	STATIC)
#endif /* SCX_KERNEL */

/*
 * SCX_GROUP(NAME, "description", kernels)
 * Source: the BTF_KFUNCS sets decoded from the .BTF_ids section of each
 * kernel's vmlinux (set8 headers with BTF_SET8_KFUNCS, ids resolved against
 * bpftool btf dump), matched by content to the set names of
 * kernel/sched/ext.c, ext_idle.c (6.16-7.1) and kernel/sched/ext/{ext,idle,
 * cid}.c (7.2 torvalds/linux@3d5e48944e82, 7.3 local linux-source-7.3).
 */
#ifdef SCX_GROUP
SCX_GROUP(UNLOCKED,		"sleepable/unlocked ops and SYSCALL progs",		SCX_K_ALL)
SCX_GROUP(INIT_CIDS,		"cid override: ops.init on 7.2, ops.init_cids on 7.3",	SCX_K_FROM(SCX_K_7_2))
SCX_GROUP(CPU_RELEASE,		"ops.cpu_release only",					SCX_K_ALL)
SCX_GROUP(DISPATCH,		"ops.dispatch (and sub_ecaps_updated on 7.3)",		SCX_K_ALL)
SCX_GROUP(ENQUEUE,		"direct dispatch: select_cpu, enqueue, dispatch",	SCX_K_ALL)
SCX_GROUP(SELECT_CPU,		"select_cpu kfuncs; own set only on 7.1+",		SCX_K_STATIC)
SCX_GROUP(ANY,			"any SCX op, TRACING and SYSCALL progs",		SCX_K_ALL)
SCX_GROUP(IDLE,			"built-in idle tracking, like ANY",			SCX_K_ALL)
SCX_GROUP(CID,			"cid topology queries, like ANY",			SCX_K_FROM(SCX_K_7_2))
#endif /* SCX_GROUP */

/*
 * SCX_CALLBACK(name, kernels, flags, rt_mask, st_allow)
 * Members: struct sched_ext_ops / sched_ext_ops_cid in each kernel's
 * vmlinux.h. rt_mask: the mask SCX_CALL_OP*() passes in kernel/sched/ext.c
 * and ext_idle.c (update_idle), read in torvalds/linux@0022b328504d, the
 * last runtime-mask revision, and unchanged over 6.16-7.0 (see doc).
 * st_allow: scx_kf_allow_flags[] of 7.1 (gregkh/linux@02e545c4297a
 * kernel/sched/ext.c), 7.2 (torvalds/linux@3d5e48944e82
 * kernel/sched/ext/ext.c) and 7.3 (local kernel/sched/ext/ext.c); cid-form
 * members share the slot, hence the entry, of their cpu-form sibling
 * (CID_OFFSET_MATCH() in scx_init()). SCX_CB_SLEEPABLE: bpf_scx_check_member()
 * of the same files; cgroup_set_bandwidth and init_cids only on 7.3.
 */
#ifdef SCX_CALLBACK
SCX_CALLBACK(select_cpu,		SCX_K_RUNTIME,				0,					SCX_RT_ENQUEUE | SCX_RT_SELECT_CPU,	0)
SCX_CALLBACK(select_cpu,		SCX_K_STATIC,				0,					0,					SCX_ST_ENQUEUE | SCX_ST_SELECT_CPU)
SCX_CALLBACK(enqueue,			SCX_K_RUNTIME,				0,					SCX_RT_ENQUEUE,				0)
SCX_CALLBACK(enqueue,			SCX_K_STATIC,				0,					0,					SCX_ST_ENQUEUE | SCX_ST_SELECT_CPU)
SCX_CALLBACK(dequeue,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(dequeue,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(dispatch,			SCX_K_RUNTIME,				0,					SCX_RT_DISPATCH,			0)
SCX_CALLBACK(dispatch,			SCX_K_STATIC,				0,					0,					SCX_ST_DISPATCH | SCX_ST_ENQUEUE)
SCX_CALLBACK(tick,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(tick,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(runnable,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(runnable,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(running,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(running,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(stopping,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(stopping,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(quiescent,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(quiescent,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(yield,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(yield,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(core_sched_before,		SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(core_sched_before,		SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(set_weight,		SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(set_weight,		SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(set_cpumask,		SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(set_cpumask,		SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(update_idle,		SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(update_idle,		SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(cpu_acquire,		SCX_K_RUNTIME,				SCX_CB_NO_CID,				SCX_RT_REST,				0)
SCX_CALLBACK(cpu_acquire,		SCX_K_STATIC,				SCX_CB_NO_CID,				0,					0)
SCX_CALLBACK(cpu_release,		SCX_K_RUNTIME,				SCX_CB_NO_CID,				SCX_RT_CPU_RELEASE,			0)
SCX_CALLBACK(cpu_release,		SCX_K_STATIC,				SCX_CB_NO_CID,				0,					SCX_ST_CPU_RELEASE)
SCX_CALLBACK(init_task,			SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(init_task,			SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(exit_task,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(exit_task,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(enable,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(enable,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(disable,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(disable,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(dump,			SCX_K_RUNTIME,				0,					SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(dump,			SCX_K_STATIC,				0,					0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(dump_cpu,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(dump_cpu,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(dump_task,			SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(dump_task,			SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(cgroup_init,		SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_init,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_exit,		SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_exit,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_prep_move,		SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_prep_move,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_move,		SCX_K_RUNTIME,				0,					SCX_RT_REST,				0)
SCX_CALLBACK(cgroup_move,		SCX_K_STATIC,				0,					0,					0)
SCX_CALLBACK(cgroup_cancel_move,	SCX_K_RUNTIME,				0,					SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_cancel_move,	SCX_K_STATIC,				0,					0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_set_weight,		SCX_K_RUNTIME,				0,					SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_set_weight,		SCX_K_STATIC,				0,					0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpu_online,		SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cpu_online,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpu_offline,		SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cpu_offline,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(init,			SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(init,			SCX_K_7_1 | SCX_K_7_3,			SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(init,			SCX_K_7_2,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED | SCX_ST_INIT_CIDS)
SCX_CALLBACK(exit,			SCX_K_RUNTIME,				SCX_CB_SLEEPABLE,			SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(exit,			SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_set_bandwidth,	SCX_K_SPAN(SCX_K_6_17, SCX_K_7_0),	0,					SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_set_bandwidth,	SCX_K_SPAN(SCX_K_7_1, SCX_K_7_2),	0,					0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_set_bandwidth,	SCX_K_7_3,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cgroup_set_idle,		SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	0,					SCX_RT_UNLOCKED,			0)
SCX_CALLBACK(cgroup_set_idle,		SCX_K_STATIC,				0,					0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(sub_attach,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(sub_detach,		SCX_K_STATIC,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(select_cid,		SCX_K_FROM(SCX_K_7_2),			SCX_CB_CID_ONLY,			0,					SCX_ST_ENQUEUE | SCX_ST_SELECT_CPU)
SCX_CALLBACK(set_cmask,			SCX_K_FROM(SCX_K_7_2),			SCX_CB_CID_ONLY,			0,					0)
SCX_CALLBACK(dump_cid,			SCX_K_FROM(SCX_K_7_2),			SCX_CB_CID_ONLY,			0,					0)
SCX_CALLBACK(cid_online,		SCX_K_FROM(SCX_K_7_2),			SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cid_offline,		SCX_K_FROM(SCX_K_7_2),			SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(sub_caps_updated,		SCX_K_7_3,				SCX_CB_CID_ONLY,					0,					0)
SCX_CALLBACK(sub_ecaps_updated,		SCX_K_7_3,				SCX_CB_CID_ONLY,					0,					SCX_ST_DISPATCH | SCX_ST_ENQUEUE)
SCX_CALLBACK(init_cids,			SCX_K_7_3,				SCX_CB_SLEEPABLE,			0,					SCX_ST_UNLOCKED | SCX_ST_INIT_CIDS)
SCX_CALLBACK(cpuctl_init,		SCX_K_7_3,				SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_exit,		SCX_K_7_3,				SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_prep_move,		SCX_K_7_3,				SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_move,		SCX_K_7_3,				SCX_CB_CID_ONLY,			0,					0)
SCX_CALLBACK(cpuctl_cancel_move,	SCX_K_7_3,				SCX_CB_CID_ONLY,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_set_weight,		SCX_K_7_3,				SCX_CB_CID_ONLY,			0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_set_bandwidth,	SCX_K_7_3,				SCX_CB_SLEEPABLE | SCX_CB_CID_ONLY,	0,					SCX_ST_UNLOCKED)
SCX_CALLBACK(cpuctl_set_idle,		SCX_K_7_3,				SCX_CB_CID_ONLY,			0,					SCX_ST_UNLOCKED)
#endif /* SCX_CALLBACK */

/*
 * SCX_KFUNC(name, kernels, flags, rt_req, st_groups, progs)
 * Names and kernels: every FUNC scx_bpf_* / __scx_bpf_* / bpf_iter_scx_dsq_*
 * in each kernel's BTF. st_groups and SCX_KF_SLEEPABLE / SCX_KF_CPU_ONLY:
 * the decoded .BTF_ids sets (see SCX_GROUP). progs: registration in
 * scx_init(), scx_idle_init() and scx_cid_kfunc_init() of the same sources.
 * rt_req / SCX_KF_RT_IF_UNLOCKED: scx_kf_allowed*() calls in
 * scx_dsq_insert_preamble(), scx_dsq_move(), the dispatch kfuncs,
 * scx_bpf_reenqueue_local(), scx_bpf_task_cgroup() (ext.c) and
 * select_cpu_from_kfunc() (ext_idle.c): 6.16 gregkh/linux@1f2bffc8dd18
 * ext_idle.c, 6.17/6.18 stable patches, 6.19+ torvalds/linux@0022b328504d.
 * SCX_KF_DEPRECATED: "COMPAT: Will be removed" comments and deprecation
 * warnings in those files plus tools/sched_ext/include/scx/compat.bpf.h.
 */
#ifdef SCX_KFUNC
SCX_KFUNC(bpf_iter_scx_dsq_destroy,			SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(bpf_iter_scx_dsq_new,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_1 | SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(bpf_iter_scx_dsq_new,	SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(bpf_iter_scx_dsq_next,			SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cid_curr,	SCX_K_7_3,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cid_curr,	SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cid_override,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_SLEEPABLE,	0,	SCX_ST_INIT_CIDS,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_cid_to_cpu,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_CID,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cid_topo,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_CID,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cidperf_cap,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cidperf_cur,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cidperf_set,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_RT_LOCKED_CPU,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_consume,				SCX_K_6_16,				SCX_KF_DEPRECATED,	SCX_RT_DISPATCH,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_cpu_curr,				SCX_K_SPAN(SCX_K_6_18, SCX_K_7_1),	0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_curr,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_node,				SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_node,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_rq,				SCX_K_UPTO(SCX_K_6_17),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_rq,				SCX_K_SPAN(SCX_K_6_18, SCX_K_7_1),	SCX_KF_DEPRECATED,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_rq,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_DEPRECATED | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_to_cid,	SCX_K_7_3,			0,	0,	SCX_ST_CID,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpu_to_cid,	SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_CID,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cap,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cap,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cap,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cap,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cur,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cur,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cur,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_cur,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_set,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			SCX_KF_RT_LOCKED_CPU,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_set,	SCX_K_7_1,	SCX_KF_RT_LOCKED_CPU | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_set,	SCX_K_7_3,			SCX_KF_CPU_ONLY | SCX_KF_RT_LOCKED_CPU,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_cpuperf_set,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_RT_LOCKED_CPU | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_create_dsq,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_3,				SCX_KF_SLEEPABLE,	0,	SCX_ST_UNLOCKED,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_create_dsq,	SCX_K_7_1 | SCX_K_7_2,	SCX_KF_SLEEPABLE | SCX_KF_NO_PROTO,	0,	SCX_ST_UNLOCKED,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_destroy_dsq,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_destroy_dsq,	SCX_K_7_1 | SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dispatch,				SCX_K_6_16,				SCX_KF_DEPRECATED,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_cancel,			SCX_K_RUNTIME,				0,	SCX_RT_DISPATCH,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_cancel,	SCX_K_7_2 | SCX_K_7_3,				0,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_cancel,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_from_dsq,			SCX_K_6_16,				SCX_KF_RT_IF_UNLOCKED | SCX_KF_DEPRECATED,	SCX_RT_DISPATCH,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dispatch_from_dsq_set_slice,		SCX_K_6_16,				SCX_KF_DEPRECATED,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dispatch_from_dsq_set_vtime,		SCX_K_6_16,				SCX_KF_DEPRECATED,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dispatch_nr_slots,			SCX_K_RUNTIME,				0,	SCX_RT_DISPATCH,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_nr_slots,	SCX_K_7_2 | SCX_K_7_3,				0,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_nr_slots,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_vtime,			SCX_K_6_16,				SCX_KF_DEPRECATED,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dispatch_vtime_from_dsq,		SCX_K_6_16,				SCX_KF_RT_IF_UNLOCKED | SCX_KF_DEPRECATED,	SCX_RT_DISPATCH,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_insert,				SCX_K_UPTO(SCX_K_6_18),			0,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert,				SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	SCX_KF_DEPRECATED,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert,				SCX_K_STATIC,				SCX_KF_DEPRECATED,	0,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert___v2,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	0,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert___v2,	SCX_K_7_3,				0,	0,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert___v2,	SCX_K_7_1 | SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert_vtime,			SCX_K_UPTO(SCX_K_6_18),			0,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert_vtime,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	SCX_KF_DEPRECATED,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_insert_vtime,			SCX_K_STATIC,				SCX_KF_DEPRECATED,	0,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(__scx_bpf_dsq_insert_vtime,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	0,	SCX_RT_ENQUEUE | SCX_RT_DISPATCH,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(__scx_bpf_dsq_insert_vtime,			SCX_K_STATIC,				0,	0,	SCX_ST_ENQUEUE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_move,				SCX_K_RUNTIME,				SCX_KF_RT_IF_UNLOCKED,	SCX_RT_DISPATCH,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_move,				SCX_K_STATIC,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_move_set_slice,			SCX_K_ALL,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_move_set_vtime,			SCX_K_ALL,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_move_to_local,			SCX_K_RUNTIME,				0,	SCX_RT_DISPATCH,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_move_to_local,			SCX_K_STATIC,				SCX_KF_DEPRECATED,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_move_to_local___v2,		SCX_K_STATIC,				0,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_dsq_move_vtime,			SCX_K_RUNTIME,				SCX_KF_RT_IF_UNLOCKED,	SCX_RT_DISPATCH,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_move_vtime,			SCX_K_STATIC,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_dsq_nr_queued,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_2 | SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dsq_nr_queued,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dsq_peek,	SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_2 | SCX_K_7_3,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dsq_peek,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dsq_reenq,				SCX_K_STATIC,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_dump_bstr,				SCX_K_ALL,				SCX_KF_RT_DUMP_CTX,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_error_bstr,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_1 | SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_error_bstr,	SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_events,				SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_exit_bstr,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_2 | SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_exit_bstr,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask,			SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask_node,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask_node,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask_node,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_cpumask_node,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask_node,		SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask_node,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_idle_smtmask_node,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_online_cpumask,			SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_online_cpumask,			SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_possible_cpumask,			SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_get_possible_cpumask,			SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_kick_cid,	SCX_K_7_3,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_kick_cid,	SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_kick_cpu,				SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_kick_cpu,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_kick_cpu,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_locked_rq,	SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_1 | SCX_K_7_3,			SCX_KF_RT_NEED_RQ_LOCK,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_locked_rq,	SCX_K_7_2,	SCX_KF_RT_NEED_RQ_LOCK | SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_now,					SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(__scx_bpf_now,				SCX_K_7_3,				SCX_KF_NOT_KFUNC,	0,	0,	0)
SCX_KFUNC(scx_bpf_nr_cids,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_nr_cpu_ids,				SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_nr_node_ids,				SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_nr_online_cids,			SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_online_cmask,				SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu_node,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu_node,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu_node,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_any_cpu_node,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu,			SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu_node,			SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu_node,	SCX_K_7_3,			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_pick_idle_cpu_node,	SCX_K_7_2,	SCX_KF_CPU_ONLY | SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_put_cpumask,				SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_put_cpumask,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_put_idle_cpumask,			SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_put_idle_cpumask,			SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_reenqueue_local,			SCX_K_UPTO(SCX_K_6_18),			0,	SCX_RT_CPU_RELEASE,	SCX_ST_CPU_RELEASE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_reenqueue_local,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	SCX_KF_DEPRECATED,	SCX_RT_CPU_RELEASE,	SCX_ST_CPU_RELEASE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_reenqueue_local,			SCX_K_STATIC,				SCX_KF_DEPRECATED,	0,	SCX_ST_CPU_RELEASE,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_reenqueue_local___v2,			SCX_K_FROM(SCX_K_6_19),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_select_cpu_and,			SCX_K_UPTO(SCX_K_6_18),			SCX_KF_RT_IF_UNLOCKED,	SCX_RT_SELECT_CPU | SCX_RT_ENQUEUE,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_select_cpu_and,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	SCX_KF_RT_IF_UNLOCKED | SCX_KF_DEPRECATED,	SCX_RT_SELECT_CPU | SCX_RT_ENQUEUE,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_select_cpu_and,			SCX_K_7_1,				SCX_KF_DEPRECATED,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_select_cpu_and,			SCX_K_7_2,				SCX_KF_CPU_ONLY | SCX_KF_DEPRECATED,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_select_cpu_and,			SCX_K_7_3,				SCX_KF_CPU_ONLY | SCX_KF_DEPRECATED | SCX_KF_RT_TASK_LOCK,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(__scx_bpf_select_cpu_and,			SCX_K_SPAN(SCX_K_6_19, SCX_K_7_0),	SCX_KF_RT_IF_UNLOCKED,	SCX_RT_SELECT_CPU | SCX_RT_ENQUEUE,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(__scx_bpf_select_cpu_and,			SCX_K_7_1,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(__scx_bpf_select_cpu_and,			SCX_K_7_2,				SCX_KF_CPU_ONLY,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(__scx_bpf_select_cpu_and,			SCX_K_7_3,				SCX_KF_CPU_ONLY | SCX_KF_RT_TASK_LOCK,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_select_cpu_dfl,			SCX_K_RUNTIME,				SCX_KF_RT_IF_UNLOCKED,	SCX_RT_SELECT_CPU | SCX_RT_ENQUEUE,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_select_cpu_dfl,			SCX_K_7_1,				0,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_select_cpu_dfl,			SCX_K_7_2,				SCX_KF_CPU_ONLY,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_select_cpu_dfl,			SCX_K_7_3,				SCX_KF_CPU_ONLY | SCX_KF_RT_TASK_LOCK,	0,	SCX_ST_UNLOCKED | SCX_ST_SELECT_CPU,	SCX_PROG_STRUCT_OPS | SCX_PROG_SYSCALL)
SCX_KFUNC(scx_bpf_sub_caps,				SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_sub_dispatch,				SCX_K_STATIC,				0,	0,	SCX_ST_DISPATCH,	SCX_PROG_STRUCT_OPS)
SCX_KFUNC(scx_bpf_sub_grant,				SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_sub_kill_bstr,			SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_sub_revoke,				SCX_K_7_3,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_cgroup,				SCX_K_RUNTIME,				SCX_KF_RT_TASK_ARG,	SCX_RT_RQ_LOCKED,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_cgroup,				SCX_K_STATIC,				SCX_KF_RT_TASK_ARG,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_cid,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_cpu,				SCX_K_UPTO(SCX_K_7_1),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_cpu,				SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_running,				SCX_K_ALL,				0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_set_dsq_vtime,	SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_3,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_set_dsq_vtime,	SCX_K_7_1 | SCX_K_7_2,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_set_slice,	SCX_K_6_19 | SCX_K_7_0 | SCX_K_7_2 | SCX_K_7_3,			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_task_set_slice,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_test_and_clear_cpu_idle,	SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18 | SCX_K_6_19 | SCX_K_7_0,			0,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_test_and_clear_cpu_idle,	SCX_K_7_1,	SCX_KF_NO_PROTO,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_test_and_clear_cpu_idle,		SCX_K_FROM(SCX_K_7_2),			SCX_KF_CPU_ONLY,	0,	SCX_ST_IDLE,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_this_cid,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
SCX_KFUNC(scx_bpf_tid_to_task,				SCX_K_FROM(SCX_K_7_2),			0,	0,	SCX_ST_ANY,	SCX_PROG_ALL)
#endif /* SCX_KFUNC */

/*
 * SCX_NEST(caller_cb, kfunc, nested_cb, kernels, flags, "note")
 * A kfunc called from caller_cb synchronously runs nested_cb. flags: SCX_NEST_CHILD when
 * nested_cb is the callback of a child scheduler (another struct_ops map, 7.3
 * sub-schedulers), not of the caller's own scheduler, so it closes no cycle. Only edges
 * read in the code: reenq_local() in ext.c (all kernels), the custody exit
 * (SCX_TASK_IN_CUSTODY, in the BTF of 7.1+ only) in local_dsq_post_enq() /
 * dispatch_enqueue() of torvalds/linux@0022b328504d and rq_owned_post_enq()
 * / scx_dispatch_enqueue() of 7.3, and scx_bpf_sub_dispatch() ->
 * scx_dispatch_sched(..., nested=true). Deferred paths (kick, dsq_reenq,
 * reenqueue_local___v2, exit/error) are not nesting and are not listed.
 */
#ifdef SCX_NEST
SCX_NEST(cpu_release,	scx_bpf_reenqueue_local,	enqueue,	SCX_K_ALL,	0,	"reenq_local() -> do_enqueue_task() (7.3: scx_do_enqueue_task()) -> ops.enqueue(); kf_mask CPU_RELEASE|ENQUEUE on 6.16-7.0")
SCX_NEST(dispatch,	scx_bpf_dsq_move_to_local,	dequeue,	SCX_K_STATIC,	0,	"consume_dispatch_q() -> move_local_task_to_local_dsq() -> local_dsq_post_enq()/rq_owned_post_enq() -> ops.dequeue() on custody exit")
SCX_NEST(dispatch,	scx_bpf_dsq_move_to_local___v2,	dequeue,	SCX_K_STATIC,	0,	"same path as scx_bpf_dsq_move_to_local")
SCX_NEST(dispatch,	scx_bpf_dsq_move,	dequeue,	SCX_K_STATIC,	0,	"scx_dsq_move() -> move_task_between_dsqs() -> local or global insert -> ops.dequeue() on custody exit")
SCX_NEST(dispatch,	scx_bpf_dsq_move_vtime,	dequeue,	SCX_K_STATIC,	0,	"scx_dsq_move() -> move_task_between_dsqs() -> global insert -> ops.dequeue() on custody exit")
SCX_NEST(dispatch,	scx_bpf_sub_dispatch,	dispatch,	SCX_K_STATIC,	SCX_NEST_CHILD,	"scx_dispatch_sched(child, rq, prev, true) runs the child scheduler's ops.dispatch()")
#endif /* SCX_NEST */

/*
 * SCX_RENAME(old_name, new_name, compat, "note")
 * compat: SCX_COMPAT_PREFER when scopex's headers call new_name in place of old_name on
 * kernels that have it (include/scx/compat.bpf.h implements each such row, with the
 * argument translation it needs), SCX_COMPAT_NONE for a rename old code must migrate by
 * hand.
 * Compat pairs as tools/sched_ext/include/scx/compat.bpf.h (linux-source-7.3)
 * resolves them with bpf_ksym_exists(), plus the kernel's own deprecation
 * message for scx_bpf_cpu_rq() (ext.c). Which kernels have each name: see
 * the SCX_KFUNC rows.
 */
#ifdef SCX_RENAME
SCX_RENAME(scx_bpf_dispatch,	scx_bpf_dsq_insert,	SCX_COMPAT_NONE,		"v6.13 rename; scx_bpf_dsq_insert() falls back to scx_bpf_dispatch___compat")
SCX_RENAME(scx_bpf_dispatch_vtime,	scx_bpf_dsq_insert_vtime,	SCX_COMPAT_NONE,	"v6.13 rename; last fallback of scx_bpf_dsq_insert_vtime()")
SCX_RENAME(scx_bpf_consume,	scx_bpf_dsq_move_to_local,	SCX_COMPAT_NONE,	"v6.13 rename; scx_bpf_consume___old fallback")
SCX_RENAME(scx_bpf_dispatch_from_dsq_set_slice,	scx_bpf_dsq_move_set_slice,	SCX_COMPAT_NONE,	"v6.13 rename")
SCX_RENAME(scx_bpf_dispatch_from_dsq_set_vtime,	scx_bpf_dsq_move_set_vtime,	SCX_COMPAT_NONE,	"v6.13 rename")
SCX_RENAME(scx_bpf_dispatch_from_dsq,	scx_bpf_dsq_move,	SCX_COMPAT_NONE,		"v6.13 rename")
SCX_RENAME(scx_bpf_dispatch_vtime_from_dsq,	scx_bpf_dsq_move_vtime,	SCX_COMPAT_NONE,		"v6.13 rename")
SCX_RENAME(scx_bpf_dsq_insert,	scx_bpf_dsq_insert___v2,	SCX_COMPAT_PREFER,	"v6.19: returns bool; resolved as scx_bpf_dsq_insert___v2___compat")
SCX_RENAME(scx_bpf_dsq_insert_vtime,	__scx_bpf_dsq_insert_vtime,	SCX_COMPAT_PREFER,	"v6.19: args in struct scx_bpf_dsq_insert_vtime_args")
SCX_RENAME(scx_bpf_select_cpu_and,	__scx_bpf_select_cpu_and,	SCX_COMPAT_PREFER,	"v6.19: args in struct scx_bpf_select_cpu_and_args")
SCX_RENAME(scx_bpf_dsq_move_to_local,	scx_bpf_dsq_move_to_local___v2,	SCX_COMPAT_PREFER,	"v7.1: adds enq_flags")
SCX_RENAME(scx_bpf_reenqueue_local,	scx_bpf_reenqueue_local___v2,	SCX_COMPAT_PREFER,	"v6.19: void, callable anywhere, deferred")
SCX_RENAME(scx_bpf_reenqueue_local___v2,	scx_bpf_dsq_reenq,	SCX_COMPAT_PREFER,		"v7.1: compat prefers scx_bpf_dsq_reenq(SCX_DSQ_LOCAL, 0)")
SCX_RENAME(scx_bpf_reenqueue_local,	scx_bpf_dsq_reenq,	SCX_COMPAT_PREFER,		"v7.1: generic re-enqueue of local and user DSQs")
SCX_RENAME(scx_bpf_cpu_rq,	scx_bpf_cpu_curr,	SCX_COMPAT_NONE,		"v6.18: __COMPAT_scx_bpf_cpu_curr(); cpu_rq gone in 7.3")
SCX_RENAME(scx_bpf_cpu_rq,	scx_bpf_locked_rq,	SCX_COMPAT_NONE,		"kernel warning: use scx_bpf_locked_rq() when holding the rq lock")
#endif /* SCX_RENAME */
