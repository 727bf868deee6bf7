/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The exit record a scheduler's ops.exit() fills in and its loader reads back: why the
 * kernel disabled the scheduler. Shared by BPF and userspace C.
 *
 * Layout-compatible with upstream's struct user_exit_info (tools/sched_ext), so the loader
 * reads either one; it finds the variable through BTF, not by name or offset.
 */
#ifndef __SCX_EXIT_RECORD_H
#define __SCX_EXIT_RECORD_H

#define SCX_EXIT_REASON_LEN	128
#define SCX_EXIT_MSG_LEN	1024

struct scx_exit_record {
	int kind;		/* enum scx_exit_kind; 0 while the scheduler runs */
	int exit_cpu;		/* CPU that triggered the exit, -1 if unknown */
	long long exit_code;	/* scx_bpf_exit() code; SCX_ECODE_* bits */
	char reason[SCX_EXIT_REASON_LEN];
	char msg[SCX_EXIT_MSG_LEN];
};

/* enum scx_exit_kind values, stable since 6.12 */
#define SCX_EXIT_KIND_NONE	0
#define SCX_EXIT_KIND_DONE	1
#define SCX_EXIT_KIND_UNREG	64
#define SCX_EXIT_KIND_UNREG_BPF	65
#define SCX_EXIT_KIND_UNREG_KERN 66
#define SCX_EXIT_KIND_SYSRQ	67
#define SCX_EXIT_KIND_ERROR	1024
#define SCX_EXIT_KIND_ERROR_BPF	1025
#define SCX_EXIT_KIND_ERROR_STALL 1026

/* exit_code bits: the scheduler asks its loader to restart it (SCX_ECODE_ACT_RESTART) */
#define SCX_EXIT_CODE_RESTART	(1LL << 48)

#endif /* __SCX_EXIT_RECORD_H */
