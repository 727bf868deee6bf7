/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scx_percpu: what the BPF side and userspace share. Included by scx_percpu.bpf.c (kernel
 * types from vmlinux.h) and scx_percpu.c (the same names from scopex.h).
 */
#ifndef __SCX_PERCPU_H
#define __SCX_PERCPU_H

/* The slice bounds the control program enforces: one authority for every caller. */
#define PCPU_SLICE_MIN_NS	50000ULL	/* 50 us */
#define PCPU_SLICE_MAX_NS	100000000ULL	/* 100 ms */
#define PCPU_SLICE_DFL_NS	3000000ULL	/* 3 ms: short, for wakeup latency */

/* CPUs the control program reports queue lengths for (the scheduler handles any number). */
#define PCPU_MAX_CPUS		512

/* Counters, summed over CPUs by userspace; scx_percpu.c names them in this order. */
enum pcpu_stat {
	PCPU_STAT_ENQUEUED,	/* put on a per-CPU queue by ops.enqueue() */
	PCPU_STAT_DISPATCHED,	/* moved from a per-CPU queue to a CPU by ops.dispatch() */
	PCPU_STAT_STOLEN,	/* of those, taken from another CPU's queue */
	PCPU_STAT_IDLE_PICK,	/* enqueued on an idle CPU's queue rather than its own */
	PCPU_STAT_BALANCED,	/* enqueued on a shorter queue than its own CPU's */
	PCPU_STAT_DIRECT,	/* select_cpu found an idle CPU: straight to its local queue */
	PCPU_STAT_PINNED,	/* single-CPU tasks: straight to their CPU's local queue */
	PCPU_STAT_KEPT,		/* nothing queued anywhere: prev kept running, fresh slice */
	PCPU_NR_STATS,
};

/* What a control call does (percpu_ctl_args.ops). */
#define PCPU_CTL_SET_SLICE	(1U << 0)	/* set the slice to set_slice_ns */
#define PCPU_CTL_READ_QUEUES	(1U << 1)	/* read the per-CPU queue lengths */

/*
 * The context of the SEC("syscall") control program, passed with BPF_PROG_TEST_RUN as
 * ctx_in; the kernel copies it back, so the out fields reach the caller. The per-CPU
 * lengths go to the array map ctl_queued (key: CPU): a syscall program may not index its
 * context with a variable on every supported kernel.
 */
struct percpu_ctl_args {
	__u32 ops;		/* in: PCPU_CTL_* */
	__u32 nr_cpus;		/* out: CPUs read (nr_cpu_ids, at most PCPU_MAX_CPUS) */
	__u64 set_slice_ns;	/* in: with PCPU_CTL_SET_SLICE */
	__u64 slice_ns;		/* out: the slice in effect */
	__s32 total;		/* out: tasks waiting in all per-CPU queues */
	__s32 busiest_cpu;	/* out: CPU with the longest queue, -1 if all are empty */
	__s32 busiest_queued;	/* out: its length */
	__s32 pad;
};

#endif /* __SCX_PERCPU_H */
