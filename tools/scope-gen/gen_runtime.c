// SPDX-License-Identifier: GPL-2.0
/*
 * The runtime branch of scope_checks.gen.h (SCX_SCOPE_MODE == SCX_SCOPE_RUNTIME): the
 * same table, checked by the BPF program itself. include/scx/scope_runtime.bpf.h holds
 * the hand-written half (the per-CPU context state, entry and exit, the check).
 *
 * Contexts are numbered from 1 (0: outside every scoped program). For each kfunc this
 * emits
 *  - the 64-bit set of contexts it is allowed from on every target kernel, as one term
 *    per kernel so that SCX_TARGET_KERNELS selects them at compile time;
 *  - whether it refuses nested callers (the kf_mask rule of 6.16 to 7.0: a kfunc whose
 *    highest required bit is CPU_RELEASE or DISPATCH);
 *  - a compile-time "may be allowed in this scope" from the scope tags: where no context
 *    of the enclosing scope allows the kfunc the call is compiled out, so the program
 *    still loads on kernels whose verifier would refuse it, and the check reports the
 *    violation when it runs;
 *  - the error message, naming the kfunc and where it is allowed; the context comes
 *    from the state at run time.
 */
#include <string.h>
#include "scope_gen.h"

#define RT_MAX_CTX	63	/* bit 0 is "outside every scope" */

/* Highest set bit of a non-zero mask. */
static unsigned int top_bit(unsigned int m)
{
	while (m & (m - 1))
		m &= m - 1;
	return m;
}

/* A context that holds the rq lock: nesting below it counts (kf_mask bits on 6.16-7.0). */
static bool ctx_locked(const char *ctx)
{
	bool locked = false, seen = false;
	size_t i;

	for (i = 0; i < scx_nr_cb_rows; i++) {
		const struct scx_cb_row *cb = &scx_cb_rows[i];

		if (strcmp(cb->name, ctx))
			continue;
		seen = true;
		if (cb->kernels & SCX_K_RUNTIME)
			locked |= cb->rt_mask != SCX_RT_UNLOCKED;
		else
			locked |= !(cb->st_allow & SCX_ST_UNLOCKED);
	}
	return seen && locked;
}

static void emit_contexts(FILE *f, const char **ctx, size_t nctx)
{
	size_t i;

	fputs("/* Context numbers (0: outside every scoped program), and which hold the rq lock. */\n"
	      "enum {\n", f);
	for (i = 0; i < nctx; i++)
		fprintf(f, "\t__scx_rt_idx_%s = %zu,\n", ctx[i], i + 1);
	fprintf(f, "\t__SCX_RT_NCTX = %zu,\n};\nenum {\n", nctx + 1);
	for (i = 0; i < nctx; i++)
		fprintf(f, "\t__scx_rt_locked_%s = %d,\n", ctx[i], ctx_locked(ctx[i]));
	fputs("};\n#define __SCX_RT_NAMES \\\n\t\"an unscoped program\", \\\n", f);
	for (i = 0; i < nctx; i++)
		fprintf(f, i + 2 < nctx ? "\t\"ops.%s()\", \\\n" : "\t\"a %s program\", \\\n", ctx[i]);
	fputs("\t/* end */\n\n", f);
}

/* The contexts (bit i + 1 for ctx[i]) where BASE is allowed or absent on kernel K. */
static unsigned long long ok_on(const char *base, int k, const char **ctx, size_t nctx)
{
	const char *name = scx_resolve(base, k);
	unsigned long long ok = 0;
	size_t i;

	for (i = 0; i < nctx; i++) {
		enum scx_verdict v = name ? scx_verdict(k, ctx[i], name) : SCX_ABSENT;

		if (v == SCX_ALLOWED || v == SCX_ABSENT)
			ok |= 1ull << (i + 1);
	}
	return ok;
}

/* Kernels where BASE's kf_mask requirement refuses nested callers (scx_kf_allowed()). */
static unsigned int nonest_kernels(const char *base)
{
	unsigned int mask = 0, top;
	size_t k;

	for (k = 0; k < scx_nr_kernels; k++) {
		const char *name = scx_resolve(base, (int)k);
		const struct scx_kf_row *kf = name ? scx_kf_find(name, (int)k) : NULL;

		if (!kf || !scx_kernels[k].runtime || !kf->rt_req)
			continue;
		top = top_bit(kf->rt_req);
		if (top == SCX_RT_CPU_RELEASE || top == SCX_RT_DISPATCH)
			mask |= 1u << k;
	}
	return mask;
}

static void emit_kfunc(FILE *f, const char *base, const char **ctx, size_t nctx)
{
	char allowed[1024];
	unsigned int present, fail;
	size_t i, k;

	gen_allowed_list(base, ctx, nctx, allowed, sizeof(allowed));
	fprintf(f, "#define __SCX_CHK_%s\n#define __scx_rt_ok_%s() __scx_rt_check(\\\n\t(__scx_in_none",
		base, base);
	for (i = 0; i < nctx; i++) {
		fail = gen_fail_mask(base, ctx[i], &present, (unsigned int[SCX_ABSENT + 1]){ 0 });
		if (!fail)
			fprintf(f, " || __scx_in_%s", ctx[i]);
		else
			fprintf(f, " || (__scx_in_%s && !(SCX_TARGET_KERNELS & 0x%xu))", ctx[i], fail);
	}
	fputs("), \\\n\t(", f);
	for (k = 0; k < scx_nr_kernels; k++)
		fprintf(f, "%s__SCX_RT_K(%zu, 0x%llxull)", k ? " & " : "", k,
			ok_on(base, (int)k, ctx, nctx));
	fprintf(f, "), \\\n\t(SCX_TARGET_KERNELS & 0x%xu) != 0, \\\n", nonest_kernels(base));
	fprintf(f, "\t\"%s() called from %%s%%s: not allowed, allowed in %s\")\n", base, allowed);
}

int gen_runtime(FILE *f, char (*bases)[SCX_BASE_LEN], size_t nb, const char **ctx, size_t nctx)
{
	size_t i;

	if (nctx > RT_MAX_CTX) {
		fprintf(stderr, "scope-gen: %zu contexts do not fit the runtime mode's 64-bit "
			"sets\n", nctx);
		return -1;
	}
	emit_contexts(f, ctx, nctx);
	fputs("/* Kernel K's term of an allowed set: all ones unless K is a target. */\n"
	      "#define __SCX_RT_K(k, m) ((SCX_TARGET_KERNELS & (1u << (k))) ? (m) : ~0ull)\n"
	      "/* The call runs only if the check passes; else the kfunc's zero value. */\n"
	      "#define __SCX_GUARD(b, call) (__scx_rt_ok_##b() ? (call) : (__typeof__(call))0)\n\n",
	      f);
	for (i = 0; i < nb; i++)
		emit_kfunc(f, bases[i], ctx, nctx);
	return 0;
}
