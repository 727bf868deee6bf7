/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scopes: bind each BPF function to the sched_ext context it runs in.
 *
 * Every function defined with these macros gets a scope tag: an anonymous enumeration
 * declared in the parameter list of its body, whose constants shadow file-scope defaults.
 * Inside `void SCX_OP(enqueue, my_enqueue, ...)`, `__scx_in_enqueue` is 1 and every other
 * `__scx_in_<callback>` is 0; a scoped kfunc wrapper (scope_checks.gen.h, generated from
 * the scope table) turns that into a _Static_assert, so an out-of-scope call is a compile
 * error naming the kfunc, its group, the callback and where the kfunc is allowed.
 *
 * The tag is an unused parameter of an always-inline body function and the wrappers expand
 * to the bare kfunc call, so the programs are instruction-for-instruction those of plain
 * declarations.
 *
 *   s32 SCX_OP(select_cpu, name, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
 *   s32 SCX_OP_SLEEPABLE(init, name)
 *   SCX_HELPER(void, name, SCX_IN(enqueue, dispatch), struct task_struct *, p, u64, flags)
 *   int SCX_SYSCALL(name, struct my_args *, args)
 *   int SCX_TRACING("tp_btf/sched_switch", name, bool preempt, ...)
 *
 * Build modes (SCX_SCOPE_MODE): 0 plain (no checks), 1 static (compile-time checks, the
 * default), 2 runtime (the checks run in BPF, see scope_runtime.bpf.h).
 */
#ifndef __SCX_SCOPE_BPF_H
#define __SCX_SCOPE_BPF_H

#define SCX_SCOPE_PLAIN		0
#define SCX_SCOPE_STATIC	1
#define SCX_SCOPE_RUNTIME	2

#ifndef SCX_SCOPE_MODE
#define SCX_SCOPE_MODE SCX_SCOPE_STATIC
#endif

/* SCX_IN(a, b, ...): the contexts a helper serves, as scope-tag enumerators. */
#define __SCX_IN1(x)		__scx_in_##x = 1,
#define __SCX_MAP(m, ...)	__SCX_MAP_N(__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)(m, __VA_ARGS__)
#define __SCX_MAP_N(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) __SCX_MAP_##n
#define __SCX_MAP_1(m, a)	m(a)
#define __SCX_MAP_2(m, a, ...)	m(a) __SCX_MAP_1(m, __VA_ARGS__)
#define __SCX_MAP_3(m, a, ...)	m(a) __SCX_MAP_2(m, __VA_ARGS__)
#define __SCX_MAP_4(m, a, ...)	m(a) __SCX_MAP_3(m, __VA_ARGS__)
#define __SCX_MAP_5(m, a, ...)	m(a) __SCX_MAP_4(m, __VA_ARGS__)
#define __SCX_MAP_6(m, a, ...)	m(a) __SCX_MAP_5(m, __VA_ARGS__)
#define __SCX_MAP_7(m, a, ...)	m(a) __SCX_MAP_6(m, __VA_ARGS__)
#define __SCX_MAP_8(m, a, ...)	m(a) __SCX_MAP_7(m, __VA_ARGS__)
#define __SCX_MAP_9(m, a, ...)	m(a) __SCX_MAP_8(m, __VA_ARGS__)
#define __SCX_MAP_10(m, a, ...)	m(a) __SCX_MAP_9(m, __VA_ARGS__)
#define __SCX_MAP_11(m, a, ...)	m(a) __SCX_MAP_10(m, __VA_ARGS__)
#define __SCX_MAP_12(m, a, ...)	m(a) __SCX_MAP_11(m, __VA_ARGS__)
#define SCX_IN(...)		__SCX_MAP(__SCX_IN1, __VA_ARGS__)
#define SCX_IN_SLEEPABLE(...)	SCX_IN(__VA_ARGS__) __scx_sleepable = 1,

/* (type, name) pair lists, as the kernel's SYSCALL_DEFINEx: declarations and names. */
#define __SCX_PN(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, n, ...) n
#define __SCX_NPAIRS(...)	__SCX_PN(_, ##__VA_ARGS__, 6, x, 5, x, 4, x, 3, x, 2, x, 1, x, 0)
#define __SCX_CAT(a, b)		__SCX_CAT2(a, b)
#define __SCX_CAT2(a, b)	a##b
#define __SCX_DECL_0()
#define __SCX_DECL_1(t, a)	, t a
#define __SCX_DECL_2(t, a, ...)	, t a __SCX_DECL_1(__VA_ARGS__)
#define __SCX_DECL_3(t, a, ...)	, t a __SCX_DECL_2(__VA_ARGS__)
#define __SCX_DECL_4(t, a, ...)	, t a __SCX_DECL_3(__VA_ARGS__)
#define __SCX_DECL_5(t, a, ...)	, t a __SCX_DECL_4(__VA_ARGS__)
#define __SCX_DECL_6(t, a, ...)	, t a __SCX_DECL_5(__VA_ARGS__)
#define __SCX_NAME_0()
#define __SCX_NAME_1(t, a)	, a
#define __SCX_NAME_2(t, a, ...)	, a __SCX_NAME_1(__VA_ARGS__)
#define __SCX_NAME_3(t, a, ...)	, a __SCX_NAME_2(__VA_ARGS__)
#define __SCX_NAME_4(t, a, ...)	, a __SCX_NAME_3(__VA_ARGS__)
#define __SCX_NAME_5(t, a, ...)	, a __SCX_NAME_4(__VA_ARGS__)
#define __SCX_NAME_6(t, a, ...)	, a __SCX_NAME_5(__VA_ARGS__)
/* ", t1 a1, t2 a2 ..." and ", a1, a2 ..." */
#define __SCX_CDECLS(...)	__SCX_CAT(__SCX_DECL_, __SCX_NPAIRS(__VA_ARGS__))(__VA_ARGS__)
#define __SCX_CNAMES(...)	__SCX_CAT(__SCX_NAME_, __SCX_NPAIRS(__VA_ARGS__))(__VA_ARGS__)

#define __SCX_DIAG_PUSH							\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wvisibility\"")		\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")
#define __SCX_DIAG_POP	_Pragma("GCC diagnostic pop")

/*
 * The body of a scoped BPF_PROG-style program: `name` unpacks ctx and calls ____name,
 * whose extra parameter declares the scope tag. The prototype of ____name spells the tag
 * as unsigned int, the type the compiler gives an enumeration without negative values, so
 * the definition with the anonymous enumeration is compatible with it.
 */
#define __SCX_PROG(sec, tag, check, name, args...)				\
	SEC(sec) name(unsigned long long *ctx);					\
	static __always_inline typeof(name(0))					\
	____##name(unsigned int __scx_tag, unsigned long long *ctx, ##args);	\
	typeof(name(0)) name(unsigned long long *ctx)				\
	{									\
		check;								\
		__SCX_DIAG_PUSH							\
		return ____##name(0, ___bpf_ctx_cast(args));			\
		__SCX_DIAG_POP							\
	}									\
	__SCX_DIAG_PUSH								\
	static __always_inline typeof(name(0))					\
	____##name(enum { __SCX_UNPAREN tag __scx_in_none = 0 }		\
		   __scx_tag __attribute__((unused)),				\
		   unsigned long long *ctx __attribute__((unused)), ##args)	\
	__SCX_DIAG_POP

/* A sched_ext_ops callback `cb` implemented by `name`. */
#define SCX_OP(cb, name, args...)						\
	__SCX_PROG("struct_ops/" #name, (__scx_in_##cb = 1,),			\
		   __SCX_CB_CHECK(cb); __SCX_RT_ENTER(cb), name, ##args)
#define SCX_OP_SLEEPABLE(cb, name, args...)					\
	__SCX_PROG("struct_ops.s/" #name,					\
		   (__scx_in_##cb = 1, __scx_sleepable = 1,),			\
		   __SCX_CB_CHECK_SLEEPABLE(cb); __SCX_RT_ENTER(cb), name, ##args)

/* A tracing program (tp_btf/, fentry/, ...): its own scope, `tracing`. */
#define SCX_TRACING(sec, name, args...)						\
	__SCX_PROG(sec, (__scx_in_tracing = 1,), __SCX_RT_ENTER(tracing), name, ##args)

/* A syscall program run from userspace with BPF_PROG_TEST_RUN: scope `syscall`. */
#define SCX_SYSCALL(name, ...)							\
	SEC("syscall") name(__SCX_STRIP1(__SCX_CDECLS(__VA_ARGS__)));		\
	static __always_inline typeof(name(0))					\
	____##name(unsigned int __scx_tag __SCX_CDECLS(__VA_ARGS__));		\
	typeof(name(0)) name(__SCX_STRIP1(__SCX_CDECLS(__VA_ARGS__)))		\
	{									\
		__SCX_RT_ENTER(syscall);					\
		return ____##name(0 __SCX_CNAMES(__VA_ARGS__));			\
	}									\
	__SCX_DIAG_PUSH								\
	static __always_inline typeof(name(0))					\
	____##name(enum { __scx_in_syscall = 1, __scx_sleepable = 1,		\
			  __scx_in_none = 0 } __scx_tag __attribute__((unused))	\
		   __SCX_CDECLS(__VA_ARGS__))					\
	__SCX_DIAG_POP
#define __SCX_UNPAREN(...)	__VA_ARGS__
#define __SCX_STRIP1(...)	__SCX_STRIP1_(__VA_ARGS__)
#define __SCX_STRIP1_(x, ...)	__VA_ARGS__

/*
 * A static helper serving the contexts `ctxs` (SCX_IN(...)); arguments as (type, name)
 * pairs. Calls inside it are checked against every context it declares.
 */
#define SCX_HELPER(ret, name, ctxs, ...)					\
	static __always_inline ret						\
	____##name(unsigned int __scx_tag __SCX_CDECLS(__VA_ARGS__));		\
	static __always_inline ret name(__SCX_HPARAMS(__VA_ARGS__))		\
	{									\
		return ____##name(0 __SCX_CNAMES(__VA_ARGS__));			\
	}									\
	__SCX_DIAG_PUSH								\
	static __always_inline ret						\
	____##name(enum { ctxs __scx_in_none = 0 } __scx_tag __attribute__((unused)) \
		   __SCX_CDECLS(__VA_ARGS__))					\
	__SCX_DIAG_POP
#define __SCX_HPARAMS(...)	__SCX_CAT(__SCX_HP_, __SCX_NPAIRS(__VA_ARGS__))(__VA_ARGS__)
#define __SCX_HP_0()		void
#define __SCX_HP_1(...)		__SCX_STRIP1(__SCX_CDECLS(__VA_ARGS__))
#define __SCX_HP_2		__SCX_HP_1
#define __SCX_HP_3		__SCX_HP_1
#define __SCX_HP_4		__SCX_HP_1
#define __SCX_HP_5		__SCX_HP_1
#define __SCX_HP_6		__SCX_HP_1

/* The struct_ops map: the scheduler. */
#define SCX_OPS_DEFINE(name, ...)						\
	SEC(".struct_ops.link") struct sched_ext_ops name = { __VA_ARGS__ }

/*
 * scope_checks.gen.h: file-scope defaults, callback names, and one macro per kfunc that
 * checks the scope (static mode) and calls through compat.bpf.h (every mode).
 */
#include "compat.bpf.h"
#include <scx/scope_checks.gen.h>

/* Runtime mode: context state and checks in BPF. Other modes: no entry hook. */
#if SCX_SCOPE_MODE == SCX_SCOPE_RUNTIME
#include "scope_runtime.bpf.h"
#else
#define __SCX_RT_ENTER(ctx)	(void)0
#endif

#endif /* __SCX_SCOPE_BPF_H */
