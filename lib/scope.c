// SPDX-License-Identifier: GPL-2.0
/*
 * The scope table as arrays (expanded from scope_table.h, never copied) and the verdict
 * rules. The rules restate scope_table.h's header comment:
 *
 *  static kernels (7.1+): the kfunc must be registered for the program type; from an SCX
 *  op, st_groups & (SCX_ST_ALWAYS | callback's st_allow) must be non-empty.
 *  runtime kernels (6.16 to 7.0): registration is checked at load; then the kfunc's rt_req
 *  must meet the kf_mask the callback runs with (or the mask is 0 and the kfunc accepts
 *  unlocked callers), else the first call ejects the scheduler.
 *  Both: a sleepable kfunc needs a sleepable program, which only some ops may be.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "scope.h"

#define RUNTIME	true
#define STATIC	false
const struct scx_kernel scx_kernels[] = {
#define SCX_KERNEL(bit, version, gen) { version, bit, gen },
#include "../include/scx/scope_table.h"
#undef SCX_KERNEL
};
#undef RUNTIME
#undef STATIC

const struct scx_cb_row scx_cb_rows[] = {
#define SCX_CALLBACK(name, kernels, flags, rt, st) { #name, kernels, flags, rt, st },
#include "../include/scx/scope_table.h"
#undef SCX_CALLBACK
};

const struct scx_kf_row scx_kf_rows[] = {
#define SCX_KFUNC(name, kernels, flags, rt, st, progs) { #name, kernels, flags, rt, st, progs },
#include "../include/scx/scope_table.h"
#undef SCX_KFUNC
};

const struct scx_group scx_groups[] = {
#define SCX_GROUP(name, desc, kernels) { #name, SCX_ST_##name, desc },
#include "../include/scx/scope_table.h"
#undef SCX_GROUP
};

const struct scx_nest scx_nests[] = {
#define SCX_NEST(caller, kf, nested, kernels, flags, note)				\
	{ #caller, #kf, #nested, kernels, flags, note },
#include "../include/scx/scope_table.h"
#undef SCX_NEST
};

const struct scx_rename scx_renames[] = {
#define SCX_RENAME(o, n, compat, note) { #o, #n, compat, note },
#include "../include/scx/scope_table.h"
#undef SCX_RENAME
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
const size_t scx_nr_kernels = ARRAY_SIZE(scx_kernels);
const size_t scx_nr_cb_rows = ARRAY_SIZE(scx_cb_rows);
const size_t scx_nr_kf_rows = ARRAY_SIZE(scx_kf_rows);
const size_t scx_nr_groups = ARRAY_SIZE(scx_groups);
const size_t scx_nr_nests = ARRAY_SIZE(scx_nests);
const size_t scx_nr_renames = ARRAY_SIZE(scx_renames);

/* A group's name as messages and docs spell it: the table's, in lower case. */
static const char *group_name(unsigned int bit)
{
	static char lower[ARRAY_SIZE(scx_groups)][32];
	size_t i, j;

	for (i = 0; i < scx_nr_groups; i++) {
		if (scx_groups[i].bit != bit)
			continue;
		if (!lower[i][0])
			for (j = 0; scx_groups[i].name[j] && j < sizeof(lower[i]) - 1; j++)
				lower[i][j] = (char)tolower((unsigned char)scx_groups[i].name[j]);
		return lower[i];
	}
	return "?";
}

int scx_kernel_index(const char *version)
{
	size_t i;

	for (i = 0; i < scx_nr_kernels; i++)
		if (!strcmp(scx_kernels[i].version, version))
			return (int)i;
	return -1;
}

const struct scx_cb_row *scx_cb_find(const char *name, int k)
{
	size_t i;

	for (i = 0; i < scx_nr_cb_rows; i++)
		if ((scx_cb_rows[i].kernels & (1u << k)) && !strcmp(scx_cb_rows[i].name, name))
			return &scx_cb_rows[i];
	return NULL;
}

const struct scx_kf_row *scx_kf_find(const char *name, int k)
{
	size_t i;

	for (i = 0; i < scx_nr_kf_rows; i++)
		if ((scx_kf_rows[i].kernels & (1u << k)) && !strcmp(scx_kf_rows[i].name, name))
			return &scx_kf_rows[i];
	return NULL;
}

bool scx_ctx_known(const char *name)
{
	size_t i;

	if (!strcmp(name, SCX_CTX_SYSCALL) || !strcmp(name, SCX_CTX_TRACING))
		return true;
	for (i = 0; i < scx_nr_cb_rows; i++)
		if (!strcmp(scx_cb_rows[i].name, name))
			return true;
	return false;
}

bool scx_kfunc_known(const char *name)
{
	size_t i;

	for (i = 0; i < scx_nr_kf_rows; i++)
		if (!strcmp(scx_kf_rows[i].name, name))
			return true;
	return false;
}

/* Highest set bit of a non-zero mask. */
static unsigned int top_bit(unsigned int m)
{
	while (m & (m - 1))
		m &= m - 1;
	return m;
}

static enum scx_verdict runtime_verdict(const struct scx_kf_row *kf, unsigned int mask)
{
	unsigned int top;

	if (!kf->rt_req)
		return SCX_ALLOWED;
	if (!mask)
		return (kf->flags & SCX_KF_RT_IF_UNLOCKED) ? SCX_ALLOWED : SCX_EJECTS;
	if (!(mask & kf->rt_req))
		return SCX_EJECTS;
	/* scx_kf_allowed(): cpu_release and dispatch kfuncs refuse nested callers. */
	top = top_bit(kf->rt_req);
	if ((top == SCX_RT_CPU_RELEASE || top == SCX_RT_DISPATCH) && (mask & ~((top << 1) - 1)))
		return SCX_EJECTS;
	return SCX_ALLOWED;
}

/* Checks that remain at run time on every kernel, whatever the generation. */
static enum scx_verdict late_checks(const struct scx_kf_row *kf, const char *cb, bool unlocked)
{
	if ((kf->flags & SCX_KF_RT_DUMP_CTX) && strncmp(cb, "dump", 4))
		return SCX_EJECTS;
	if ((kf->flags & SCX_KF_RT_NEED_RQ_LOCK) && unlocked)
		return SCX_EJECTS;
	return SCX_ALLOWED;
}

static enum scx_verdict pseudo_verdict(const struct scx_kf_row *kf, bool runtime,
				       unsigned int prog)
{
	if (!(kf->progs & prog))
		return SCX_REJECTED;
	if (!runtime)
		return SCX_ALLOWED;
	/* A syscall program runs with kf_mask 0; a tracing one with whatever it interrupts. */
	if (prog == SCX_PROG_SYSCALL)
		return runtime_verdict(kf, 0);
	return kf->rt_req ? SCX_EJECTS : SCX_ALLOWED;
}

enum scx_verdict scx_verdict(int k, const char *ctx, const char *kfunc)
{
	const struct scx_kf_row *kf = scx_kf_find(kfunc, k);

	if (kf && (kf->flags & SCX_KF_NO_PROTO))
		return SCX_ABSENT;
	return scx_verdict_rules(k, ctx, kfunc);
}

enum scx_verdict scx_verdict_rules(int k, const char *ctx, const char *kfunc)
{
	const struct scx_kf_row *kf = scx_kf_find(kfunc, k);
	bool runtime = scx_kernels[k].runtime;
	const struct scx_cb_row *cb;
	enum scx_verdict v;

	if (!kf)
		return SCX_ABSENT;
	if (kf->flags & SCX_KF_NOT_KFUNC)
		return SCX_REJECTED;
	if (!strcmp(ctx, SCX_CTX_SYSCALL))
		return pseudo_verdict(kf, runtime, SCX_PROG_SYSCALL);
	if (!strcmp(ctx, SCX_CTX_TRACING))
		return pseudo_verdict(kf, runtime, SCX_PROG_TRACING);
	cb = scx_cb_find(ctx, k);
	if (!cb)
		return SCX_ABSENT;
	if (!(kf->progs & SCX_PROG_STRUCT_OPS))
		return SCX_REJECTED;
	if ((kf->flags & SCX_KF_CPU_ONLY) && (cb->flags & SCX_CB_CID_ONLY))
		return SCX_REJECTED;
	if (runtime) {
		if ((kf->flags & SCX_KF_SLEEPABLE) && !(cb->flags & SCX_CB_SLEEPABLE))
			return SCX_SLEEPABLE_ONLY;
		v = runtime_verdict(kf, cb->rt_mask);
	} else {
		if (!(kf->st_groups & (SCX_ST_ALWAYS | cb->st_allow)))
			return SCX_REJECTED;
		if ((kf->flags & SCX_KF_SLEEPABLE) && !(cb->flags & SCX_CB_SLEEPABLE))
			return SCX_SLEEPABLE_ONLY;
		v = SCX_ALLOWED;
	}
	if (v != SCX_ALLOWED)
		return v;
	return late_checks(kf, ctx, runtime ? !cb->rt_mask : !!(cb->st_allow & SCX_ST_UNLOCKED));
}

const char *scx_verdict_str(enum scx_verdict v)
{
	static const char *const names[] = { "allowed", "rejected", "ejects", "sleepable-only",
					      "absent" };

	return v <= SCX_ABSENT ? names[v] : "?";
}

static void join_bits(unsigned int mask, bool runtime, char *buf, size_t len)
{
	static const char *const rt_names[] = { "CPU_RELEASE", "DISPATCH", "ENQUEUE",
						"SELECT_CPU", "REST" };
	size_t off = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < 32 && off < len; i++) {
		const char *n;

		if (!(mask & (1u << i)))
			continue;
		n = runtime ? (i < ARRAY_SIZE(rt_names) ? rt_names[i] : "?") : group_name(1u << i);
		off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? (runtime ? "|" : ", ") : "",
					n);
	}
}

void scx_rt_mask_str(unsigned int mask, char *buf, size_t len)
{
	if (!mask)
		snprintf(buf, len, "UNLOCKED");
	else
		join_bits(mask, true, buf, len);
}

void scx_kf_groups_str(const struct scx_kf_row *kf, bool runtime, char *buf, size_t len)
{
	char names[128];

	if (runtime && kf->rt_req) {
		scx_rt_mask_str(kf->rt_req, names, sizeof(names));
		snprintf(buf, len, "mask 0x%x (%s)", kf->rt_req, names);
		return;
	}
	join_bits(kf->st_groups, false, names, sizeof(names));
	snprintf(buf, len, "%s %s", (kf->st_groups & (kf->st_groups - 1)) ? "groups" : "group",
		 names[0] ? names : "none");
}

void scx_cb_groups_str(const struct scx_cb_row *cb, bool runtime, char *buf, size_t len)
{
	char names[128];

	if (runtime) {
		scx_rt_mask_str(cb->rt_mask, names, sizeof(names));
		snprintf(buf, len, "mask 0x%x (%s)", cb->rt_mask, names);
		return;
	}
	join_bits(cb->st_allow, false, names, sizeof(names));
	snprintf(buf, len, "groups %s", names[0] ? names : "none (only any, idle, cid)");
}

const char *scx_kfunc_base(const char *name, char *buf, size_t len)
{
	const char *sep = strstr(name, "___");
	size_t n = sep ? (size_t)(sep - name) : strlen(name);

	if (n >= len)
		n = len - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	return buf;
}

bool scx_kfunc_context_sensitive(const char *kfunc)
{
	size_t k, i;

	for (k = 0; k < scx_nr_kernels; k++) {
		enum scx_verdict first = SCX_ABSENT;

		if (!scx_kf_find(kfunc, (int)k))
			continue;
		for (i = 0; i < scx_nr_cb_rows; i++) {
			enum scx_verdict v;

			if (!(scx_cb_rows[i].kernels & (1u << k)))
				continue;
			v = scx_verdict((int)k, scx_cb_rows[i].name, kfunc);
			if (first == SCX_ABSENT)
				first = v;
			else if (v != first)
				return true;
		}
	}
	return false;
}

/* Depth-first over the PREFER renames; the table's renames are acyclic. */
static void resolve_from(const char *name, int k, int depth, const char **best, int *best_depth)
{
	size_t i;

	const struct scx_kf_row *kf = scx_kf_find(name, k);

	if (kf && !(kf->flags & SCX_KF_NO_PROTO) && depth > *best_depth) {
		*best = name;
		*best_depth = depth;
	}
	for (i = 0; i < scx_nr_renames && depth < 8; i++)
		if (scx_renames[i].compat == SCX_COMPAT_PREFER &&
		    !strcmp(scx_renames[i].old_name, name))
			resolve_from(scx_renames[i].new_name, k, depth + 1, best, best_depth);
}

const char *scx_resolve(const char *base, int k)
{
	const char *best = NULL;
	int depth = -1;

	resolve_from(base, k, 0, &best, &depth);
	return best;
}

size_t scx_contexts(const char **out, size_t max)
{
	size_t n = 0, i, j;

	for (i = 0; i < scx_nr_cb_rows && n < max; i++) {
		for (j = 0; j < n && strcmp(out[j], scx_cb_rows[i].name); j++)
			;
		if (j == n)
			out[n++] = scx_cb_rows[i].name;
	}
	if (n + 2 <= max) {
		out[n++] = SCX_CTX_SYSCALL;
		out[n++] = SCX_CTX_TRACING;
	}
	return n;
}

size_t scx_kfunc_bases(char (*out)[SCX_BASE_LEN], size_t max)
{
	size_t n = 0, i, j;
	char base[SCX_BASE_LEN];

	for (i = 0; i < scx_nr_kf_rows && n < max; i++) {
		if (scx_kf_rows[i].flags & SCX_KF_NOT_KFUNC)
			continue;
		scx_kfunc_base(scx_kf_rows[i].name, base, sizeof(base));
		for (j = 0; j < n && strcmp(out[j], base); j++)
			;
		if (j == n)
			strcpy(out[n++], base);
	}
	return n;
}

void scx_base_groups_str(const char *base, char *buf, size_t len)
{
	int k;

	for (k = (int)scx_nr_kernels - 1; k >= 0; k--) {
		const char *name = scx_resolve(base, k);
		const struct scx_kf_row *kf = name ? scx_kf_find(name, k) : NULL;

		if (kf) {
			scx_kf_groups_str(kf, false, buf, len);
			return;
		}
	}
	snprintf(buf, len, "no group");
}
