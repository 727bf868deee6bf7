/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers every scheduler ends up writing: wrap-safe time comparisons, scaling by a
 * task's weight, and the errno values BPF code returns (vmlinux.h has no macros). The
 * names are the kernel's, and those of upstream's tools/sched_ext headers, so code written
 * against either reads the same here.
 */
#ifndef __SCX_HELPERS_BPF_H
#define __SCX_HELPERS_BPF_H

/* Time stamps and vtimes wrap: compare their difference's sign, as the kernel's jiffies do. */
static __always_inline bool time_after(u64 a, u64 b)
{
	return (s64)(b - a) < 0;
}

static __always_inline bool time_before(u64 a, u64 b)
{
	return time_after(b, a);
}

static __always_inline bool time_after_eq(u64 a, u64 b)
{
	return (s64)(a - b) >= 0;
}

static __always_inline bool time_before_eq(u64 a, u64 b)
{
	return time_after_eq(b, a);
}

/* after - before, or 0 if `after` is not after `before` */
static __always_inline s64 time_delta(u64 after, u64 before)
{
	return (s64)(after - before) > 0 ? (s64)(after - before) : 0;
}

/* VALUE x weight / 100: weight 100 is nice 0, 10000 the highest, 1 the lowest. */
static __always_inline u64 scale_by_task_weight(const struct task_struct *p, u64 value)
{
	return value * p->scx.weight / 100;
}

/* VALUE x 100 / weight: how far a task's vtime moves for VALUE ns of CPU time. */
static __always_inline u64 scale_by_task_weight_inverse(const struct task_struct *p, u64 value)
{
	return value * 100 / p->scx.weight;
}

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

/* errno values, for ops.init() and friends to return negated */
#ifndef EPERM
#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define E2BIG		7
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define ENOTSUP		95
#define EOPNOTSUPP	95
#define ETIMEDOUT	110
#endif

#endif /* __SCX_HELPERS_BPF_H */
