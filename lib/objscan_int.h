/* SPDX-License-Identifier: GPL-2.0 */
/*
 * objscan internals: the object as the flow analysis sees it. objscan.c builds it from
 * libbpf and libelf; objscan_flow.c walks it. Every index here has been bounds-checked by
 * the builder, so the walker only checks what the code itself says (jump and call targets).
 */
#ifndef __SCOPEX_OBJSCAN_INT_H
#define __SCOPEX_OBJSCAN_INT_H

#include <linux/bpf.h>
#include "objscan.h"

/* One .BTF.ext line_info record. */
struct os_line {
	size_t insn;
	const char *file;
	int line, col;
	bool header;		/* file is a header: the code was inlined from it */
};

/* A relocation against one instruction. */
struct os_rel {
	const char *sym;
	bool ext;		/* undefined symbol: an extern (kfunc, ksym, kconfig) */
	bool scx;		/* an extern whose kernel name is a sched_ext kfunc */
	int sec;		/* defined symbol in code: index into objscan.secs, else -1 */
	size_t sym_off;		/* st_value */
	bool guard;		/* __weak ksym the scope table knows: bpf_ksym_exists() on it */
	unsigned int exists;	/* for guards: SCX_K_* mask of the kernels that have it */
};

/* An executable section. */
struct os_sec {
	const char *name;
	const struct bpf_insn *insns;
	size_t nr;
	int *rel;		/* per instruction: index into objscan.rels, or -1 */
	int *line_cover;	/* per instruction: last line record at or before it, or -1 */
	bool *line_start;	/* per instruction: a line record starts here */
	struct os_line *lines;
	size_t nr_lines;
};

/* A function: a STT_FUNC symbol, or an entry point found from a call with no symbol. */
struct os_func {
	char name[64];
	int sec;
	size_t start, end;	/* instruction range in the section */
};

struct objscan {
	struct scx_obj_scan *out;
	struct os_sec *secs;
	size_t nr_secs;
	struct os_rel *rels;
	size_t nr_rels;
	struct os_func *funcs;
	size_t nr_funcs, cap_funcs;
	size_t nr_sorted;	/* funcs[0..nr_sorted) are the symbols, sorted by (sec, start) */
	int *prog_func;		/* per out->progs[]: its function, or -1 */
	size_t steps;		/* work done, bounded by OS_MAX_STEPS */
};

#define OS_MAX_STEPS	(64u << 20)
#define OS_MAX_DEPTH	32

#include <libelf.h>
struct btf;

/* A one-line message in ERR; returns CODE. */
int os_fail(char *err, size_t len, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Checks an image that libelf and libbpf can then read safely: ELF64, BPF, native byte
 * order, every section inside LEN. On success *OUT is the libelf handle. */
int os_elf_checked(const char *name, char *buf, size_t len, Elf **out, char *err,
		   size_t errlen);
bool os_has_section(Elf *elf, const char *name);
int os_struct_ops_fit(Elf *elf, const char *name, char *err, size_t errlen);
/* Whether NAME is a variable of a .struct_ops section: a real struct_ops map. */
bool os_struct_ops_var(Elf *elf, const char *name);
/* Code, functions, relocations and line info; os_release() frees them. */
int os_build(struct objscan *os, Elf *elf, const struct btf *btf);
void os_release(struct objscan *os);
/* The function starting at INSN of section SEC, added if no symbol starts there; -1 on ENOMEM. */
int os_func_at(struct objscan *os, int sec, size_t insn);
/* Walk program entry out->progs[P] and append its call sites. 0 or -ENOMEM. */
int os_flow_prog(struct objscan *os, size_t p);
/* Whether a kernel name belongs to sched_ext (the table knows it, or its prefix says so). */
bool os_is_scx_kfunc(const char *kfunc);

#endif /* __SCOPEX_OBJSCAN_INT_H */
