/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scope table (include/scx/scope_table.h) as C arrays, and the rules that turn it into
 * a verdict: may kfunc K be called from callback C on kernel V, and what happens if not.
 * Used by the header generator, `scopex scope`, `scopex check` and the loader.
 */
#ifndef __SCOPEX_SCOPE_H
#define __SCOPEX_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include "../include/scx/scope_table.h"

/* What a call does on a kernel. */
enum scx_verdict {
	SCX_ALLOWED,
	SCX_REJECTED,		/* the verifier refuses the program */
	SCX_EJECTS,		/* loads; the first call ejects the scheduler */
	SCX_SLEEPABLE_ONLY,	/* needs a sleepable program, which this context is not */
	SCX_ABSENT,		/* the kfunc or the callback does not exist on that kernel */
};

/* Program contexts that are not sched_ext_ops callbacks. */
#define SCX_CTX_SYSCALL	"syscall"
#define SCX_CTX_TRACING	"tracing"

struct scx_kernel {
	const char *version;
	unsigned int bit;
	bool runtime;		/* kf_mask checked at run time (6.16 to 7.0) */
};

struct scx_cb_row {
	const char *name;
	unsigned int kernels, flags, rt_mask, st_allow;
};

struct scx_kf_row {
	const char *name;
	unsigned int kernels, flags, rt_req, st_groups, progs;
};

struct scx_group {
	const char *name;	/* lower case, e.g. "dispatch" */
	unsigned int bit;
	const char *desc;
};

struct scx_nest {
	const char *caller, *kfunc, *nested;
	unsigned int kernels, flags;	/* flags: SCX_NEST_CHILD */
	const char *note;
};

struct scx_rename {
	const char *old_name, *new_name;
	int compat;		/* SCX_COMPAT_PREFER or SCX_COMPAT_NONE */
	const char *note;
};

extern const struct scx_kernel scx_kernels[];
extern const struct scx_rename scx_renames[];
extern const struct scx_cb_row scx_cb_rows[];
extern const struct scx_kf_row scx_kf_rows[];
extern const struct scx_group scx_groups[];
extern const struct scx_nest scx_nests[];
extern const size_t scx_nr_kernels, scx_nr_cb_rows, scx_nr_kf_rows, scx_nr_groups, scx_nr_nests;
extern const size_t scx_nr_renames;

/* Index into scx_kernels[] of VERSION, -1 if unknown. */
int scx_kernel_index(const char *version);
/* The row of callback or kfunc NAME on kernel index K, NULL if absent there. */
const struct scx_cb_row *scx_cb_find(const char *name, int k);
const struct scx_kf_row *scx_kf_find(const char *name, int k);
/* True if NAME is a callback (in any kernel), or one of the pseudo contexts. */
bool scx_ctx_known(const char *name);
bool scx_kfunc_known(const char *name);

/* The verdict of calling KFUNC (a kernel name) directly from context CTX on kernel K. */
enum scx_verdict scx_verdict(int k, const char *ctx, const char *kfunc);
/*
 * The same by the kernel's scoping rules alone, as if the build had the kfunc's prototype
 * (SCX_KF_NO_PROTO ignored): what another build of the series does.
 */
enum scx_verdict scx_verdict_rules(int k, const char *ctx, const char *kfunc);
const char *scx_verdict_str(enum scx_verdict v);

/*
 * Why: "group dispatch" on static kernels, "mask 0x2 (DISPATCH)" on runtime ones. For
 * callbacks, the groups or the mask they run with.
 */
void scx_kf_groups_str(const struct scx_kf_row *kf, bool runtime, char *buf, size_t len);
void scx_cb_groups_str(const struct scx_cb_row *cb, bool runtime, char *buf, size_t len);
/* Names of the runtime kf_mask bits in MASK, e.g. "ENQUEUE|DISPATCH". */
void scx_rt_mask_str(unsigned int mask, char *buf, size_t len);

/* Strip compat flavours: "scx_bpf_dsq_insert___v2___compat" -> "scx_bpf_dsq_insert". */
const char *scx_kfunc_base(const char *name, char *buf, size_t len);

/*
 * The kernel kfunc that a call to BASE resolves to on kernel K through the compat layer:
 * the newest name reachable from BASE over SCX_COMPAT_PREFER renames that K has, or BASE
 * itself, or NULL when K has none of them.
 */
const char *scx_resolve(const char *base, int k);

/* Whether KFUNC's verdict depends on the calling callback on some kernel. */
bool scx_kfunc_context_sensitive(const char *kfunc);

/* Enumerations of the table for its renderers and tests. */
#define SCX_BASE_LEN	64
/* Unique callback names in table order, then "syscall" and "tracing". */
size_t scx_contexts(const char **out, size_t max);
/* Unique user-facing base names of callable kfuncs, in table order. */
size_t scx_kfunc_bases(char (*out)[SCX_BASE_LEN], size_t max);
/* The groups of kfunc BASE as the newest kernel that has it names them, or "no group". */
void scx_base_groups_str(const char *base, char *buf, size_t len);

#endif /* __SCOPEX_SCOPE_H */
