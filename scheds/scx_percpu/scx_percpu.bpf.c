/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scx_percpu: per-CPU dispatch queues with work stealing and short slices.
 *
 * Every CPU owns a dispatch queue (DSQ id == CPU number). A waking task that finds an idle
 * CPU in ops.select_cpu() goes straight to that CPU's local queue. Otherwise ops.enqueue()
 * keeps it on the queue of the CPU it last ran on, where its cache is warm, unless that
 * CPU is busy and another allowed CPU is idle: then it goes to the idle CPU's queue and
 * the CPU is kicked. With no idle CPU, it compares its CPU's queue with that of one other
 * allowed CPU picked at random and takes the shorter when they differ by more than
 * PCPU_IMBALANCE ("power of two choices"): tasks that keep waking on one CPU would
 * otherwise pile up there while the other CPUs never run dry, so never steal.
 *
 * Each queue is ordered by deadline, earliest first: a task that wakes up is due when it
 * is enqueued, one that used up its slice is due a slice later. So a woken task goes
 * ahead of the CPU hogs queued within the last slice, and none waits forever: a task is
 * only passed by tasks due earlier, which arrived before its deadline. The deadlines
 * come from one clock, so a stolen task keeps its place. (A weighted virtual time would
 * honor nice values, but a crowd of short sleepers holds its clock back and starves the
 * nice-19 kthreads for longer than the watchdog allows.) Nice values are ignored.
 *
 * ops.dispatch() serves the CPU's own queue first and, when that is empty, steals the
 * head of the longest queue of the other CPUs, so no CPU idles while work waits
 * elsewhere. Slices are short (3 ms by default, SCX_SLICE_DFL is 20 ms) so a woken task
 * waits behind at most one short slice on a CPU without other woken tasks.
 *
 * It shows four newer sched_ext and struct_ops features:
 *  - loops bounded only at run time: bpf_for() over scx_bpf_nr_cpu_ids() creates the
 *    queues, finds the busiest one and aggregates the per-CPU lengths;
 *  - a SEC("syscall") control program, percpu_ctl, that userspace runs with
 *    BPF_PROG_TEST_RUN to read the queue lengths and change the slice while the
 *    scheduler runs; userspace associates it with percpu_ops (BPF_PROG_ASSOC_STRUCT_OPS)
 *    where the kernel has that, so its kfunc calls find this scheduler;
 *  - a nullable callback argument: ops.dispatch()'s prev is NULL when the CPU was idle,
 *    and the verifier of recent kernels rejects a dereference without the check;
 *  - struct_ops shadow variables: userspace sets percpu_ops.timeout_ms through
 *    skel->struct_ops.percpu_ops before loading.
 */
#include <scx/scopex.bpf.h>
#include <asm-generic/errno.h>
#include "scx_percpu.h"

char _license[] SEC("license") = "GPL";

/* Queue length difference that makes ops.enqueue() leave the task's own CPU. */
#define PCPU_IMBALANCE	2

bool bpf_cpumask_test_cpu(u32 cpu, const struct cpumask *cpumask) __ksym;

/* Tunables. slice_ns lives in .data: the control program changes it at run time. */
volatile u64 slice_ns = PCPU_SLICE_DFL_NS;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u64));
	__uint(max_entries, PCPU_NR_STATS);
} stats SEC(".maps");

/* The control program's per-CPU queue lengths (key: CPU). Concurrent callers may
 * interleave, which only mixes two snapshots of lengths that change all the time. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(s32));
	__uint(max_entries, PCPU_MAX_CPUS);
} ctl_queued SEC(".maps");

SCX_EXIT_RECORD_DEFINE(exit_record);

static __always_inline void stat_inc(u32 idx)
{
	u64 *cnt = bpf_map_lookup_elem(&stats, &idx);

	if (cnt)
		(*cnt)++;
}

/*
 * The other CPU with the longest queue, or -1 when all are empty. The bound is the
 * kernel's nr_cpu_ids, known only at load time: bpf_for() lets the verifier accept it.
 */
SCX_HELPER(s32, busiest_other_cpu, SCX_IN(dispatch), s32, self)
{
	s32 nr = scx_bpf_nr_cpu_ids();
	s32 i, best = -1, best_nr = 0;

	bpf_for(i, 0, nr) {
		s32 n;

		if (i == self)
			continue;
		n = scx_bpf_dsq_nr_queued(i);
		if (n > best_nr) {
			best = i;
			best_nr = n;
		}
	}
	return best;
}

/*
 * Whether a task may be queued on @cpu. p->cpus_ptr is the affinity the user set and
 * keeps CPUs that are offline: a task put on an offline CPU's queue waits until another
 * CPU steals it, and dispatch() steals from the longest queue only, so it may never be.
 */
SCX_HELPER(bool, cpu_usable, SCX_IN(enqueue), struct task_struct *, p, s32, cpu)
{
	const struct cpumask *online;
	bool ok;

	if (!bpf_cpumask_test_cpu(cpu, p->cpus_ptr))
		return false;
	online = scx_bpf_get_online_cpumask();
	ok = bpf_cpumask_test_cpu(cpu, online);
	scx_bpf_put_cpumask(online);
	return ok;
}

/*
 * The queue for a task whose CPU is busy with no idle CPU around: its own, or a random
 * other usable CPU's when that one is shorter by more than PCPU_IMBALANCE.
 */
SCX_HELPER(s32, balance_queue, SCX_IN(enqueue), struct task_struct *, p, s32, cpu)
{
	s32 nr = scx_bpf_nr_cpu_ids(), other;

	if (nr < 2)
		return cpu;
	other = (cpu + 1 + bpf_get_prandom_u32() % (nr - 1)) % nr;
	if (!cpu_usable(p, other))
		return cpu;
	if (scx_bpf_dsq_nr_queued(cpu) > scx_bpf_dsq_nr_queued(other) + PCPU_IMBALANCE)
		return other;
	return cpu;
}

s32 SCX_OP(select_cpu, percpu_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	bool is_idle = false;
	s32 cpu;

	cpu = scx_bpf_select_cpu_dfl(p, prev_cpu, wake_flags, &is_idle);
	if (is_idle) {
		stat_inc(PCPU_STAT_DIRECT);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, 0);
	}
	return cpu;
}

void SCX_OP(enqueue, percpu_enqueue, struct task_struct *p, u64 enq_flags)
{
	s32 cpu = scx_bpf_task_cpu(p), alt;
	u64 deadline;

	/* Pinned tasks (per-CPU kthreads among them) can only run where they are. */
	if (p->nr_cpus_allowed == 1) {
		stat_inc(PCPU_STAT_PINNED);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, enq_flags);
		return;
	}
	/* Stay with the warm cache when that CPU is idle; else prefer an idle CPU. */
	if (!scx_bpf_test_and_clear_cpu_idle(cpu)) {
		alt = scx_bpf_pick_idle_cpu(p->cpus_ptr, 0);
		if (alt >= 0) {
			stat_inc(PCPU_STAT_IDLE_PICK);
		} else {
			alt = balance_queue(p, cpu);
			if (alt != cpu)
				stat_inc(PCPU_STAT_BALANCED);
		}
		cpu = alt;
	}
	/* The deadline: now for a wakeup, a slice from now for a task that ran out of one. */
	deadline = bpf_ktime_get_ns();
	if (!(enq_flags & SCX_ENQ_WAKEUP))
		deadline += slice_ns;
	stat_inc(PCPU_STAT_ENQUEUED);
	scx_bpf_dsq_insert_vtime(p, cpu, slice_ns, deadline, enq_flags);
	/* Only wakes a CPU that is idle: a busy one dispatches when its slice ends. */
	scx_bpf_kick_cpu(cpu, SCX_KICK_IDLE);
}

void SCX_OP(dispatch, percpu_dispatch, s32 cpu, struct task_struct *prev)
{
	s32 victim;

	if (scx_bpf_dsq_move_to_local(cpu)) {
		stat_inc(PCPU_STAT_DISPATCHED);
		return;
	}
	victim = busiest_other_cpu(cpu);
	if (victim >= 0 && scx_bpf_dsq_move_to_local(victim)) {
		stat_inc(PCPU_STAT_DISPATCHED);
		stat_inc(PCPU_STAT_STOLEN);
		return;
	}
	/*
	 * Nothing waits anywhere: the kernel keeps prev running if it still can, and would
	 * refill an exhausted slice with SCX_SLICE_DFL; give it ours instead. prev is NULL
	 * when the CPU was idle or ran another class (the argument is nullable).
	 */
	if (prev && (prev->scx.flags & SCX_TASK_QUEUED)) {
		prev->scx.slice = slice_ns;
		stat_inc(PCPU_STAT_KEPT);
	}
}

s32 SCX_OP_SLEEPABLE(init, percpu_init)
{
	s32 nr = scx_bpf_nr_cpu_ids();
	s32 i, err;

	bpf_for(i, 0, nr) {
		err = scx_bpf_create_dsq(i, NUMA_NO_NODE);
		if (err) {
			scx_bpf_error("creating the queue of CPU %d failed: %d", i, err);
			return err;
		}
	}
	return 0;
}

void SCX_OP(exit, percpu_exit, struct scx_exit_info *ei)
{
	scx_exit_record_fill(exit_record, ei);
}

/*
 * The control program: userspace runs it with BPF_PROG_TEST_RUN. Sets the slice within
 * [PCPU_SLICE_MIN_NS, PCPU_SLICE_MAX_NS] and reads the per-CPU queue lengths, which only
 * kfuncs can see. Returns 0 or a negative errno: -ERANGE for a slice out of bounds,
 * -ENODEV when the kfuncs find no scheduler (not attached, or not associated on a kernel
 * with sub-schedulers).
 */
int SCX_SYSCALL(percpu_ctl, struct percpu_ctl_args *, args)
{
	s32 i, nr, total = 0, best = -1, best_nr = 0;

	if (args->ops & PCPU_CTL_SET_SLICE) {
		if (args->set_slice_ns < PCPU_SLICE_MIN_NS || args->set_slice_ns > PCPU_SLICE_MAX_NS)
			return -ERANGE;
		slice_ns = args->set_slice_ns;
	}
	args->slice_ns = slice_ns;
	if (!(args->ops & PCPU_CTL_READ_QUEUES))
		return 0;

	nr = scx_bpf_nr_cpu_ids();
	if (nr > PCPU_MAX_CPUS)
		nr = PCPU_MAX_CPUS;
	bpf_for(i, 0, nr) {
		s32 n = scx_bpf_dsq_nr_queued(i);

		if (n < 0)
			return n;
		bpf_map_update_elem(&ctl_queued, &i, &n, BPF_ANY);
		total += n;
		if (n > best_nr) {
			best = i;
			best_nr = n;
		}
	}
	args->nr_cpus = nr;
	args->total = total;
	args->busiest_cpu = best;
	args->busiest_queued = best_nr;
	return 0;
}

SCX_OPS_DEFINE(percpu_ops,
	       .select_cpu	= (void *)percpu_select_cpu,
	       .enqueue		= (void *)percpu_enqueue,
	       .dispatch	= (void *)percpu_dispatch,
	       .init		= (void *)percpu_init,
	       .exit		= (void *)percpu_exit,
	       .timeout_ms	= 5000,
	       .name		= "percpu");
