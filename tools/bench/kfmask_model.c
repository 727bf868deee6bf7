// SPDX-License-Identifier: GPL-2.0
/*
 * kfmask_model: a userspace model of the per-callback work of the two kfunc scoping
 * mechanisms, for counting instructions with valgrind --tool=callgrind.
 *
 *   runtime  what kernels 6.16 to 7.0 do: SCX_CALL_OP() sets current->scx.kf_mask around
 *            each callback (scx_kf_allow(): nesting only towards higher bits;
 *            scx_kf_disallow()), and every context-sensitive kfunc calls scx_kf_allowed()
 *            (the mask test plus the cpu_release / dispatch nesting checks).
 *   static   what 7.1+ and scopex's compile-time scoping leave at run time: nothing; the
 *            callback is called and the kfunc runs.
 *
 * The callbacks and kfuncs are empty stand-ins called through function pointers, as the
 * kernel calls BPF programs; only the scoping work differs between the modes. The masks,
 * the kfunc requirements and each callback's mask come from the scope table (7.0.13 rows),
 * so the model exercises the same values the kernel does.
 *
 *   kfmask_model runtime|static CALLBACK ITERATIONS
 *
 * CALLBACK is select_cpu, enqueue, dispatch, running, stopping, cpu_release: each makes
 * the kfunc calls a FIFO scheduler's callback makes (see cb_calls below).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scope.h"

#define barrier() asm volatile("" ::: "memory")

struct task {
	unsigned int kf_mask;	/* current->scx.kf_mask */
	void *kf_tasks[2];	/* current->scx.kf_tasks[] */
};

static struct task task0;
static struct task *volatile current_task = &task0;	/* `current`: a per-CPU load */
static volatile unsigned long errors;
static bool runtime_mode;

static unsigned int higher_bits(unsigned int flags)
{
	/* the kernel's ~((1 << fls(flags)) - 1) */
	return ~((2u << (31 - __builtin_clz(flags))) - 1);
}

static unsigned int highest_bit(unsigned int flags)
{
	return 1u << (31 - __builtin_clz(flags));
}

static void scx_kf_allow(unsigned int mask)
{
	struct task *cur = current_task;

	/* nesting is allowed only in increasing scx_kf_mask order */
	if ((mask | higher_bits(mask)) & cur->kf_mask)
		errors++;
	cur->kf_mask |= mask;
	barrier();
}

static void scx_kf_disallow(unsigned int mask)
{
	barrier();
	current_task->kf_mask &= ~mask;
}

static bool scx_kf_allowed(unsigned int mask)
{
	struct task *cur = current_task;

	if (__builtin_expect(!(cur->kf_mask & mask), 0)) {
		errors++;
		return false;
	}
	if (__builtin_expect(highest_bit(mask) == SCX_RT_CPU_RELEASE &&
			     (cur->kf_mask & higher_bits(SCX_RT_CPU_RELEASE)), 0)) {
		errors++;
		return false;
	}
	if (__builtin_expect(highest_bit(mask) == SCX_RT_DISPATCH &&
			     (cur->kf_mask & higher_bits(SCX_RT_DISPATCH)), 0)) {
		errors++;
		return false;
	}
	return true;
}

/* A kfunc: in runtime mode it first checks the caller's mask. */
static void __attribute__((noinline)) kfunc_body(void)
{
	barrier();
}

static void kfunc(unsigned int req)
{
	if (runtime_mode && req && !scx_kf_allowed(req))
		return;
	kfunc_body();
}

struct cb_model {
	const char *name;
	unsigned int mask;		/* the kf_mask SCX_CALL_OP sets (from the table) */
	const char *calls[3];		/* kfuncs the callback calls */
	unsigned int reqs[3];		/* their rt_req (from the table) */
	void (*op)(const struct cb_model *cb);
};

static void __attribute__((noinline)) bpf_prog(const struct cb_model *cb)
{
	int i;

	for (i = 0; i < 3 && cb->calls[i]; i++)
		kfunc(cb->reqs[i]);
}

/* SCX_CALL_OP(): the scoping work around one callback. */
static void call_op(const struct cb_model *cb)
{
	if (runtime_mode && cb->mask) {
		scx_kf_allow(cb->mask);
		cb->op(cb);
		scx_kf_disallow(cb->mask);
	} else {
		cb->op(cb);
	}
}

/* What a FIFO scheduler's callbacks call (scx_fifo and upstream scx_simple). */
static struct cb_model cb_calls[] = {
	{ .name = "select_cpu", .calls = { "scx_bpf_select_cpu_dfl", "scx_bpf_dsq_insert" } },
	{ .name = "enqueue", .calls = { "scx_bpf_dsq_insert" } },
	{ .name = "dispatch", .calls = { "scx_bpf_dsq_move_to_local" } },
	{ .name = "running" },
	{ .name = "stopping" },
	{ .name = "cpu_release", .calls = { "scx_bpf_reenqueue_local" } },
};

/* Fill masks and requirements from the table's 7.0.13 rows. */
static int load_table(struct cb_model *cb)
{
	int k = scx_kernel_index("7.0.13"), i;
	const struct scx_cb_row *row = scx_cb_find(cb->name, k);

	if (!row)
		return -1;
	cb->mask = row->rt_mask;
	cb->op = bpf_prog;
	for (i = 0; i < 3 && cb->calls[i]; i++) {
		const struct scx_kf_row *kf = scx_kf_find(cb->calls[i], k);

		if (!kf)
			return -1;
		cb->reqs[i] = kf->rt_req;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cb_model *cb = NULL;
	unsigned long n, i;
	size_t j;

	if (argc != 4 || (strcmp(argv[1], "runtime") && strcmp(argv[1], "static"))) {
		fprintf(stderr, "usage: kfmask_model runtime|static CALLBACK ITERATIONS\n");
		return 2;
	}
	runtime_mode = !strcmp(argv[1], "runtime");
	for (j = 0; j < sizeof(cb_calls) / sizeof(cb_calls[0]); j++)
		if (!strcmp(cb_calls[j].name, argv[2]))
			cb = &cb_calls[j];
	if (!cb || load_table(cb)) {
		fprintf(stderr, "kfmask_model: unknown callback '%s'\n", argv[2]);
		return 2;
	}
	n = strtoul(argv[3], NULL, 10);
	for (i = 0; i < n; i++)
		call_op(cb);
	if (errors) {
		fprintf(stderr, "kfmask_model: %lu scoping errors: the model disagrees with the table\n",
			errors);
		return 1;
	}
	return 0;
}
