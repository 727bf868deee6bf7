/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the scope matrix tests: the (context x kfunc) pairs to test, what the table
 * says of each, and the kfunc prototypes as the kernels' BTF has them.
 */
#ifndef __SCOPE_PAIRS_H
#define __SCOPE_PAIRS_H

#include <stdbool.h>
#include <stdio.h>
#include <bpf/btf.h>
#include "scope.h"

#define SP_MAX_CTX	128
#define SP_MAX_BASES	256

/* True for a pseudo context (syscall, tracing). */
bool sp_pseudo(const char *ctx);

/*
 * The kernels where calling BASE through the compat layer from CTX is not allowed, and in
 * *present the kernels where both exist. Independent restatement of what the generated
 * checks are meant to enforce: the test's oracle.
 */
unsigned int sp_fail_mask(const char *base, const char *ctx, unsigned int *present);
/* True if BASE is context-sensitive or its fail mask differs between contexts. */
bool sp_base_sensitive(const char *base, const char **ctx, size_t nctx);
/* True if BASE resolves to a sleepable kfunc on some kernel. */
bool sp_base_sleepable(const char *base);
/* True if callback NAME may be a sleepable program on some kernel. */
bool sp_cb_sleepable(const char *name);

/* The FUNC_PROTO of kernel function NAME in the BTF of kernel index K (cached). */
const struct btf_type *sp_proto(const char *kernels_dir, int k, const char *name,
				const struct btf **btf);
/*
 * "RET CNAME(ARGS)" as C, with the prototype of kernel function KNAME in BTF, with or
 * without a trailing implicit aux parameter.
 */
int sp_emit_decl(FILE *f, const struct btf *btf, const char *kname, const char *cname,
		 bool keep_aux);
/* Whether the last parameter is the verifier-filled "struct bpf_prog_aux *aux". */
bool sp_implicit_aux(const struct btf *btf, const struct btf_type *proto);
/* "(T1)0, (T2)0, ..." for the parameters of a FUNC_PROTO, less an implicit aux. */
int sp_emit_zero_args(FILE *f, const struct btf *btf, const struct btf_type *proto,
		      bool keep_aux);

/* A conformance pair: kernel kfunc KFUNC called directly from context CTX. */
struct sp_cpair {
	const char *ctx, *kfunc;
	enum scx_verdict verdict;
};

/*
 * The conformance pairs of kernel index K, in a fixed order: every callback the kernel has
 * and the syscall context, times every context-sensitive kfunc the kernel has.
 */
size_t sp_conform_pairs(int k, struct sp_cpair *out, size_t max);

#endif /* __SCOPE_PAIRS_H */
