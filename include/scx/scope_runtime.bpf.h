/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runtime scope mode (SCX_SCOPE_MODE == SCX_SCOPE_RUNTIME): the kfunc scoping rules
 * checked by the BPF program itself, the way kernels 6.16 to 7.0 check their kf_mask, but
 * on every kernel and with messages that name the kfunc and the callback.
 *
 * Each scoped program (SCX_OP, SCX_OP_SLEEPABLE, SCX_SYSCALL, SCX_TRACING) records its
 * context in a per-CPU state on entry and restores what it found on exit, so nested
 * callbacks (ops.cpu_release() -> scx_bpf_reenqueue_local() -> ops.enqueue(), ...) see
 * their own context and find the outer one again afterwards. Contexts that hold the rq
 * lock also set their bit in `active`: a kfunc that refuses nested callers checks that no
 * other such context is active on the CPU. Unlocked contexts (sleepable ops, syscall and
 * tracing programs) leave `active` alone, as the kernel leaves its kf_mask at zero for
 * them, so an op that runs while one of them sleeps does not count as nested.
 *
 * Every scoped kfunc wrapper (scope_checks.gen.h) tests the current context against the
 * set the table allows for the target kernels. On a violation it reports through
 * scx_bpf_error(), which ejects the scheduler with "scx_bpf_x() called from ops.y(): not
 * allowed, allowed in ops.z()", and returns the kfunc's zero value without calling it.
 *
 * Limit: the state is per CPU. Preemptible ops (the sleepable ones) that interleave on
 * one CPU can see each other's context; their kfuncs are the unlocked ones, allowed in
 * all of them but for the cid override of ops.init_cids().
 */
#ifndef __SCX_SCOPE_RUNTIME_BPF_H
#define __SCX_SCOPE_RUNTIME_BPF_H

struct __scx_rt_state {
	u64 active;	/* contexts holding the rq lock that are running on this CPU */
	u32 cur;	/* innermost context, __scx_rt_idx_*, 0 outside every scope */
	u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct __scx_rt_state);
} __scx_rt_states SEC(".maps");

/* Names of the contexts for the messages, by context number. */
static const char __scx_rt_names[__SCX_RT_NCTX][32] = { __SCX_RT_NAMES };
static const char __scx_rt_nested[] = " nested in another operation";

struct __scx_rt_saved {
	struct __scx_rt_state *st;
	u64 active;
	u32 cur;
};

static __always_inline struct __scx_rt_state *__scx_rt_state(void)
{
	u32 zero = 0;

	return bpf_map_lookup_elem(&__scx_rt_states, &zero);
}

static __always_inline struct __scx_rt_saved __scx_rt_enter(u32 idx, bool locked)
{
	struct __scx_rt_saved s = { .st = __scx_rt_state() };

	if (s.st) {
		s.active = s.st->active;
		s.cur = s.st->cur;
		s.st->cur = idx;
		if (locked)
			s.st->active |= 1ull << idx;
	}
	return s;
}

static __always_inline void __scx_rt_leave(struct __scx_rt_saved *s)
{
	if (s->st) {
		s->st->cur = s->cur;
		s->st->active = s->active;
	}
}

/* Entry hook of the scoped programs (scope.bpf.h): the state is restored on return. */
#define __SCX_RT_ENTER(ctx)							\
	struct __scx_rt_saved __scx_rt_saved __attribute__((cleanup(__scx_rt_leave))) = \
		__scx_rt_enter(__scx_rt_idx_##ctx, __scx_rt_locked_##ctx)

/*
 * MAYBE: some context of the enclosing scope may call the kfunc (compile time).
 * ALLOWED: the contexts that may, one bit per context number. NONEST: the kfunc refuses
 * callers nested in another rq-locked op.
 */
static __always_inline bool __scx_rt_verify(bool maybe, u64 allowed, bool nonest, char *fmt)
{
	struct __scx_rt_state *st = __scx_rt_state();
	u32 cur = st ? st->cur : 0;
	bool nested = false;
	u64 args[2];

	if (cur >= __SCX_RT_NCTX)
		cur = 0;
	if (maybe && ((allowed >> cur) & 1)) {
		nested = nonest && st && (st->active & ~(1ull << cur));
		if (!nested)
			return true;
	}
	args[0] = (u64)(unsigned long)__scx_rt_names[cur];
	/* " nested in ..." or its terminating NUL */
	args[1] = (u64)(unsigned long)(__scx_rt_nested +
				       (nested ? 0 : sizeof(__scx_rt_nested) - 1));
	/* The kfunc itself, not its scoped wrapper: it is allowed everywhere. */
	(scx_bpf_error_bstr)(fmt, args, sizeof(args));
	return false;
}

#define __scx_rt_check(maybe, allowed, nonest, msg)				\
	({									\
		static char ___scx_rt_fmt[] = msg;				\
		__scx_rt_verify(maybe, allowed, nonest, ___scx_rt_fmt);	\
	})

#endif /* __SCX_SCOPE_RUNTIME_BPF_H */
