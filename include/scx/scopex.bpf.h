/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one header a scopex scheduler includes: kernel types, libbpf helpers, the sched_ext
 * kfuncs, the kernel's generic kfuncs, small helpers, the scoping macros and the exit record.
 */
#ifndef __SCX_SCOPEX_BPF_H
#define __SCX_SCOPEX_BPF_H

/* vmlinux.h's generated kfunc prototypes lack address-space attributes: ours replace them. */
#define BPF_NO_KFUNC_PROTOTYPES
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "exit_record.h"
#include "kfuncs.bpf.h"
#include "bpf_kfuncs.bpf.h"
#include "helpers.bpf.h"
#include "scope.bpf.h"

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif
#define PF_KTHREAD	0x00200000
#define PF_EXITING	0x00000004

/* Pack a format and its arguments the way the scx_bpf_*_bstr() kfuncs take them. */
#define __scx_bstr(fmt, args...)						\
	static char ___fmt[] = fmt;						\
	unsigned long long ___param[___bpf_narg(args) ?: 1] = {};		\
	_Pragma("GCC diagnostic push")						\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")			\
	___bpf_fill(___param, args);						\
	_Pragma("GCC diagnostic pop")

/* Eject the scheduler with a message; the loader prints it and exits non-zero. */
#define scx_bpf_error(fmt, args...)						\
	({									\
		__scx_bstr(fmt, ##args)						\
		scx_bpf_error_bstr(___fmt, ___param, sizeof(___param));		\
	})

/* Unload the scheduler with an exit code; SCX_EXIT_CODE_RESTART asks for a restart. */
#define scx_bpf_exit(code, fmt, args...)					\
	({									\
		__scx_bstr(fmt, ##args)						\
		scx_bpf_exit_bstr(code, ___fmt, ___param, sizeof(___param));	\
	})

/* The exit record: define one per scheduler, fill it from ops.exit(). */
#define SCX_EXIT_RECORD_DEFINE(var)	struct scx_exit_record var SEC(".data")

#define scx_exit_record_fill(var, ei)						\
	({									\
		bpf_probe_read_kernel_str((var).reason, sizeof((var).reason),	\
					  (ei)->reason);			\
		bpf_probe_read_kernel_str((var).msg, sizeof((var).msg), (ei)->msg); \
		(var).exit_code = (ei)->exit_code;				\
		(var).exit_cpu = -1;						\
		/* kind last: the loader polls it and then reads the rest */	\
		asm volatile("" ::: "memory");				\
		(var).kind = (ei)->kind;					\
	})

#endif /* __SCX_SCOPEX_BPF_H */
