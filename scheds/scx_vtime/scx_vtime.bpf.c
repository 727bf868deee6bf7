/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scx_vtime: a global weighted virtual-time scheduler.
 *
 * Each task carries a virtual time (p->scx.dsq_vtime) that advances by the time it ran,
 * scaled by the inverse of its weight: 100 / p->scx.weight, where a nice-0 task has weight
 * 100 and a nice-5 one about 33. All runnable tasks wait in one shared dispatch queue
 * ordered by vtime, and a CPU that runs out of work takes the task with the lowest one, so
 * over time every task gets CPU in proportion to its weight.
 *
 * vtime_now, the clock new and waking tasks are placed against, advances by the vtime every
 * task is charged divided by the number of runnable tasks, so at the rate a task's vtime
 * advances when all get their share; and it never falls behind the vtime of a task that
 * starts running. (Following only the latter, the clock stood still under a stream of new
 * and short-lived tasks, which start at it and leave without passing it.) A task that
 * slept keeps at most max_credit_ns of its lag behind vtime_now when it wakes, enough to
 * be picked ahead of the CPU hogs but not to monopolize a CPU for what it missed. New
 * tasks start at vtime_now.
 *
 * A queued task is also at most max_lead_ns ahead of vtime_now. One slice of a nice-19
 * task (weight 1) costs 100 slices of vtime: it would then wait until every other task
 * had run that long, tens of seconds under a crowd of tasks, and a kthread preempted
 * inside an RCU read-side section stalls RCU until the kernel ejects the scheduler. The
 * default, 10 slices, leaves the shares of weights down to 10 (nice 10) exact.
 *
 * When ops.select_cpu() finds an idle CPU for a waking task, the task skips the queue and
 * goes straight to that CPU (the direct-dispatch fast path): nothing waits there anyway.
 * A task queued while a CPU is idle wakes that CPU up. A task whose slice ran out keeps
 * its CPU for another slice while its vtime is still below that of every queued task.
 * There is no preemption: a waking task waits for a running one to end its slice.
 *
 * Counters (per CPU, summed by userspace once a second): enqueued (ops.enqueue calls, all
 * into the shared queue), direct (dispatched from select_cpu to an idle CPU), dispatched
 * (moved from the shared queue to a CPU), kept (slices renewed in ops.dispatch) and
 * kicked (idle CPUs woken from ops.enqueue).
 */
#include <scx/scopex.bpf.h>

char _license[] SEC("license") = "GPL";

/* Tunables, set by userspace before load. */
const volatile u64 slice_ns = 5000000;		/* 5 ms */
const volatile u64 max_credit_ns = 5000000;	/* a sleeper's lag kept at wakeup */
const volatile u64 max_lead_ns = 50000000;	/* how far ahead of vtime_now a task waits */
const volatile bool kick_idle = true;		/* wake an idle CPU for a queued task */

#define SHARED_DSQ	0

enum vtime_stat {
	VTIME_STAT_ENQUEUED,
	VTIME_STAT_DIRECT,
	VTIME_STAT_DISPATCHED,
	VTIME_STAT_KEPT,
	VTIME_STAT_KICKED,
	VTIME_NR_STATS,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u64));
	__uint(max_entries, VTIME_NR_STATS);
} stats SEC(".maps");

/*
 * The clock (top comment). Updated from every CPU without a lock: a lost update only
 * delays its advance a little.
 */
static u64 vtime_now;

/* Tasks runnable (queued or running), counted by ops.runnable() and ops.quiescent(). */
static s64 nr_runnable;

SCX_EXIT_RECORD_DEFINE(exit_record);

static __always_inline void stat_inc(u32 idx)
{
	u64 *cnt = bpf_map_lookup_elem(&stats, &idx);

	if (cnt)
		(*cnt)++;
}

/*
 * The vtime cost of the part of its slice @p used: the time scaled by the inverse weight.
 * A task that yields has its slice zeroed by the kernel and pays for all of it. One that
 * holds more than slice_ns (a slice the kernel gave it, e.g. while enabling) pays nothing
 * rather than an underflowed charge.
 */
static __always_inline u64 used_vtime(const struct task_struct *p)
{
	if (p->scx.slice > slice_ns)
		return 0;
	return scale_by_task_weight_inverse(p, slice_ns - p->scx.slice);
}

/* Charge @p @used of vtime, and advance the clock by the share of one runnable task. */
static __always_inline void charge(struct task_struct *p, u64 used)
{
	s64 n = nr_runnable;

	p->scx.dsq_vtime += used;
	__sync_fetch_and_add(&vtime_now, used / (n > 1 ? n : 1));
}

/* The vtime of the task at the head of the shared queue, or @none if it is empty. */
SCX_HELPER(u64, head_vtime, SCX_IN(dispatch), u64, none)
{
	struct task_struct *p;
	u64 vtime = none;

	bpf_for_each(scx_dsq, p, SHARED_DSQ, 0) {
		vtime = p->scx.dsq_vtime;
		break;
	}
	return vtime;
}

s32 SCX_OP(select_cpu, vtime_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	bool is_idle = false;
	s32 cpu;

	cpu = scx_bpf_select_cpu_dfl(p, prev_cpu, wake_flags, &is_idle);
	if (is_idle) {
		stat_inc(VTIME_STAT_DIRECT);
		scx_bpf_dsq_insert(p, SCX_DSQ_LOCAL, slice_ns, 0);
	}
	return cpu;
}

void SCX_OP(enqueue, vtime_enqueue, struct task_struct *p, u64 enq_flags)
{
	u64 vtime = p->scx.dsq_vtime;

	/* Bound the credit a task built up while it slept, and the debt of a light one. */
	if (time_before(vtime, vtime_now - max_credit_ns))
		vtime = vtime_now - max_credit_ns;
	else if (time_before(vtime_now + max_lead_ns, vtime))
		vtime = vtime_now + max_lead_ns;

	stat_inc(VTIME_STAT_ENQUEUED);
	scx_bpf_dsq_insert_vtime(p, SHARED_DSQ, slice_ns, vtime, enq_flags);

	/*
	 * A CPU may have gone idle since ops.select_cpu() looked, or the task did not
	 * come through it (its slice ran out): have an idle CPU take it rather than leave
	 * it queued behind a running task.
	 */
	if (kick_idle) {
		s32 cpu = scx_bpf_pick_idle_cpu(p->cpus_ptr, 0);

		if (cpu >= 0) {
			scx_bpf_kick_cpu(cpu, SCX_KICK_IDLE);
			stat_inc(VTIME_STAT_KICKED);
		}
	}
}

void SCX_OP(dispatch, vtime_dispatch, s32 cpu, struct task_struct *prev)
{
	/*
	 * The kernel asks for the next task before it charges and requeues @prev, whose
	 * slice ran out. Taking the queue's head unconditionally would make @prev yield
	 * to it whatever their vtimes, which skews the shares towards the lighter tasks:
	 * charge @prev here, and if it still comes first, give it a new slice instead.
	 */
	if (prev && (prev->scx.flags & SCX_TASK_QUEUED)) {
		u64 used = used_vtime(prev), vtime = prev->scx.dsq_vtime + used;

		if (time_before(vtime, head_vtime(vtime + 1))) {
			charge(prev, used);
			prev->scx.slice = slice_ns;
			if (time_before(vtime_now, vtime))
				vtime_now = vtime;
			stat_inc(VTIME_STAT_KEPT);
			return;
		}
	}
	if (scx_bpf_dsq_move_to_local(SHARED_DSQ))
		stat_inc(VTIME_STAT_DISPATCHED);
}

void SCX_OP(running, vtime_running, struct task_struct *p)
{
	if (time_before(vtime_now, p->scx.dsq_vtime))
		vtime_now = p->scx.dsq_vtime;
}

void SCX_OP(stopping, vtime_stopping, struct task_struct *p, bool runnable)
{
	charge(p, used_vtime(p));
}

void SCX_OP(runnable, vtime_runnable, struct task_struct *p, u64 enq_flags)
{
	__sync_fetch_and_add(&nr_runnable, 1);
}

void SCX_OP(quiescent, vtime_quiescent, struct task_struct *p, u64 deq_flags)
{
	__sync_fetch_and_sub(&nr_runnable, 1);
}

void SCX_OP(enable, vtime_enable, struct task_struct *p)
{
	p->scx.dsq_vtime = vtime_now;
}

s32 SCX_OP_SLEEPABLE(init, vtime_init)
{
	return scx_bpf_create_dsq(SHARED_DSQ, NUMA_NO_NODE);
}

void SCX_OP(exit, vtime_exit, struct scx_exit_info *ei)
{
	scx_exit_record_fill(exit_record, ei);
}

SCX_OPS_DEFINE(vtime_ops,
	       .select_cpu	= (void *)vtime_select_cpu,
	       .enqueue		= (void *)vtime_enqueue,
	       .dispatch	= (void *)vtime_dispatch,
	       .runnable	= (void *)vtime_runnable,
	       .running		= (void *)vtime_running,
	       .stopping	= (void *)vtime_stopping,
	       .quiescent	= (void *)vtime_quiescent,
	       .enable		= (void *)vtime_enable,
	       .init		= (void *)vtime_init,
	       .exit		= (void *)vtime_exit,
	       .name		= "vtime");
