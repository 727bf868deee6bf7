/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading what the kernel says when it refuses or ejects a scheduler.
 *
 * scx_vlog_parse() reads a BPF verifier log: the plain log of every kernel ("NN: (85) call
 * ...", "; source @ file.c:LINE", then the error line) and the structured block 7.3 adds
 * after it ("Verification failed: CATEGORY: PROBLEM", Reason, At, Source context,
 * Instruction context, Suggestion). scx_eject_parse() reads the message of a runtime
 * ejection (the exit info's msg) on kernels that check kfunc scoping at run time.
 *
 * Both treat their input as untrusted: any bytes, any length, no NUL needed; every
 * extracted field is truncated to its buffer and always NUL-terminated. Patterns key on
 * a few stable words rather than whole sentences, so small wording changes still parse.
 */
#ifndef __SCOPEX_VERIFIER_LOG_H
#define __SCOPEX_VERIFIER_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define SCX_VLOG_NAME_LEN	128
#define SCX_VLOG_TEXT_LEN	256

enum scx_vlog_kind {
	SCX_VLOG_NONE,			/* no error found (empty or unrelated text) */
	SCX_VLOG_KFUNC_NOT_ALLOWED,	/* "calling kernel function X is not allowed" */
	SCX_VLOG_SLEEPABLE,		/* a sleepable kfunc in a non-sleepable context */
	SCX_VLOG_KFUNC_UNRESOLVED,	/* "kfunc 'X' is referenced but wasn't resolved"
					 * (libbpf's): the kernel or its build lacks it */
	SCX_VLOG_OTHER,			/* any other verifier error */
};

/* A source location the verifier quotes. */
struct scx_vlog_src {
	char file[SCX_VLOG_NAME_LEN];	/* as printed: a base name in plain logs */
	char text[SCX_VLOG_TEXT_LEN];	/* the source line, leading blanks trimmed */
	unsigned int line;		/* 0: no location */
	unsigned int col;		/* 0: unknown (plain logs carry no column) */
};

struct scx_vlog {
	enum scx_vlog_kind kind;
	bool structured;		/* a 7.3-style "Verification failed:" block was found */
	int insn;			/* failing instruction index, -1 if unknown */
	char kfunc[SCX_VLOG_NAME_LEN];	/* kfunc kinds: the name as the kernel prints it */
	char func[SCX_VLOG_NAME_LEN];	/* BPF function named by the block's "At:", or "" */
	char error[SCX_VLOG_TEXT_LEN];	/* the kernel's error line, verbatim */
	char category[SCX_VLOG_TEXT_LEN]; /* block header after "Verification failed: " */
	char reason[SCX_VLOG_TEXT_LEN];	/* first line of the block's Reason, trimmed */
	struct scx_vlog_src src;	/* where the error is (block's At:, else last "; ..") */
	unsigned int nr_annotations;	/* "; source @ file:line" lines in the log */
	size_t error_off;		/* offset of the error line in the log */
	size_t block_off;		/* offset of the block header line, or the log length */
};

/* Parse LEN bytes of LOG into OUT. Returns 0, or -EINVAL for NULL arguments. */
int scx_vlog_parse(const char *log, size_t len, struct scx_vlog *out);
const char *scx_vlog_kind_str(enum scx_vlog_kind kind);
/* Offset of the start of the last NLINES lines of LOG[0..len). */
size_t scx_vlog_tail(const char *log, size_t len, unsigned int nlines);

enum scx_eject_kind {
	SCX_EJECT_NONE,		/* not a scoping message */
	SCX_EJECT_MASK,		/* "kfunc with mask 0xA called from an operation only
				 * allowing 0xB" */
	SCX_EJECT_NESTED,	/* "<group> kfunc called from a nested operation" */
	SCX_EJECT_TASK,		/* "called on a task not being operated on" */
	SCX_EJECT_SLEEPABLE,	/* "sleepable kfunc called from non-sleepable context" */
};

struct scx_eject {
	enum scx_eject_kind kind;
	unsigned int kf_mask;	/* MASK: the kfunc's required kf_mask bits */
	unsigned int allowed;	/* MASK: the bits of the operation(s) running */
	char group[32];		/* NESTED: "cpu_release", "dispatch", ... as printed */
};

/* Parse a runtime exit message. Returns 0 (kind may be NONE), -EINVAL for NULL. */
int scx_eject_parse(const char *msg, size_t len, struct scx_eject *out);

#endif /* __SCOPEX_VERIFIER_LOG_H */
