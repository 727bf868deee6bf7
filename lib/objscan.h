/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objscan: every sched_ext kfunc call site of a compiled BPF object, offline.
 *
 * The object is opened with libbpf (programs, their types and the struct_ops maps that say
 * which callback each program implements) and read with libelf (code, relocations, .BTF.ext
 * line info). From each program the scan follows BPF-to-BPF calls and callback pointers
 * (bpf_loop() and friends) into subprograms, so a helper reached from two callbacks gives
 * one site per callback, each with its call chain.
 *
 * Compat branches are judged per kernel: a branch taken only when a __weak ksym X exists
 * (bpf_ksym_exists(X), compiled as `r = X ll; if r == 0 goto ...`) is live only on the
 * kernels whose scope table has X, and its else branch only on those that lack it.
 * Other load-time constants (CO-RE existence checks, .kconfig) are taken as unknown: both
 * branches live.
 *
 * Used by `scopex check` and by the loader. Not thread-safe: a scan briefly replaces
 * libbpf's print callback to capture its messages.
 */
#ifndef __SCOPEX_OBJSCAN_H
#define __SCOPEX_OBJSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include "scope.h"

/* What kind of program a call site runs in; decides which context rules apply. */
enum scx_site_kind {
	SCX_SITE_OP,		/* sched_ext_ops(_cid) callback: ctx is its name */
	SCX_SITE_SYSCALL,	/* SEC("syscall"): ctx "syscall" */
	SCX_SITE_TRACING,	/* tp_btf, fentry, raw_tp, lsm... programs: "tracing" */
	SCX_SITE_UNATTACHED,	/* struct_ops program in no sched_ext map: never loaded */
	SCX_SITE_OTHER,		/* a type SCX kfuncs are not registered for: ctx "" */
};

struct scx_call_site {
	char prog[64];		/* the bpf_program the call belongs to */
	char ctx[64];		/* callback, "syscall", "tracing", or "" */
	enum scx_site_kind kind;
	bool sleepable;		/* sleepable program (struct_ops.s/, syscall, fentry.s/...) */
	char sym[128];		/* extern as declared: scx_bpf_dsq_insert___v2___compat */
	char kfunc[96];		/* kernel name, last flavour off: scx_bpf_dsq_insert___v2 */
	char base[96];		/* every flavour stripped: scx_bpf_dsq_insert */
	char chain[256];	/* "enqueue -> my_helper -> scx_bpf_dsq_insert___v2" */
	char sec[128];		/* ELF section of the call instruction */
	size_t insn;		/* its index in that section */
	/*
	 * Source of the call. When the call instruction's own line is in a header (an inlined
	 * wrapper such as a compat helper), file/line/col are the last line of a .c file on
	 * the path to it, the caller's statement, and inl_file/inl_line the header line;
	 * otherwise inl_file is "". file is "" when the object has no line info.
	 */
	char file[256];
	int line, col;
	char inl_file[256];
	int inl_line;
	unsigned int guard_kernels;	/* SCX_K_* mask: kernels on which the call is live */
};

/* One (program, context) pair: a struct_ops program serving two callbacks has two. */
struct scx_obj_prog {
	char name[64];
	char sec[128];
	char ctx[64];
	enum scx_site_kind kind;
	bool sleepable;
	char type[32];		/* libbpf's program type name, e.g. "struct_ops" */
};

struct scx_obj_scan {
	char path[256];
	struct scx_call_site *sites;	/* in program order, then code order */
	size_t nr_sites;
	struct scx_obj_prog *progs;
	size_t nr_progs;
	bool truncated;		/* the scan hit its work limit: some sites may be missing */
};

/*
 * Scan the object at PATH (or LEN bytes at BUF, NAME for messages). Returns 0 and a scan
 * to free with scx_obj_scan_free(), or a negative errno with a one-line message in ERR:
 * -ENOENT/-EACCES (unreadable), -ENOEXEC (not an ELF or not a BPF object, truncated),
 * -ENODATA (no BTF: built without -g), -EPROTONOSUPPORT (foreign byte order).
 */
int scx_obj_scan_file(const char *path, struct scx_obj_scan **out, char *err, size_t errlen);
int scx_obj_scan_mem(const void *buf, size_t len, const char *name, struct scx_obj_scan **out,
		     char *err, size_t errlen);
void scx_obj_scan_free(struct scx_obj_scan *s);

/* Whether site S is live on kernel index K (scx_kernels[]): its guards do not exclude K. */
bool scx_call_site_live(const struct scx_call_site *s, int k);

/*
 * What site S does on kernel index K: scx_verdict() for its context, plus what the table
 * cannot know about the program: a sleepable kfunc in a non-sleepable program is
 * SCX_SLEEPABLE_ONLY, an SCX_SITE_OTHER program is SCX_REJECTED and an unattached one is
 * SCX_ALLOWED (never loaded). Dead sites (!scx_call_site_live()) are SCX_ALLOWED.
 */
enum scx_verdict scx_call_site_verdict(const struct scx_call_site *s, int k);

/* The kernel name libbpf resolves extern SYM to: its last "___flavour" stripped. */
const char *scx_ksym_kernel_name(const char *sym, char *buf, size_t len);

#endif /* __SCOPEX_OBJSCAN_H */
