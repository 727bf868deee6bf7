// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time diagnostics: an ejection explained with the scope table.
 *
 * Kernels 6.16 to 7.0 check kfunc scoping when the kfunc runs and eject the scheduler with
 * "kfunc with mask 0xA called from an operation only allowing 0xB": A is what the kfunc
 * needs (rt_req), B is the OR of the kf_mask of the operations running (rt_mask). The
 * table turns A into kfuncs and B into callbacks; the object scan (objscan.h) turns both
 * into the call sites of the object that can cause it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "objscan.h"
#include "scope.h"
#include "verifier_log.h"

#define LIST_LEN	512

static void append(char *buf, size_t len, size_t *off, const char *fmt, const char *s)
{
	if (*off >= len)
		return;
	*off += (size_t)snprintf(buf + *off, len - *off, fmt, *off ? ", " : "", s);
}

/* Whether "NAME()" is an item of the ", "-separated LIST. */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && p[n] == '(')
			return true;
	return false;
}

/* Base names of the kfuncs of kernel K that need exactly MASK at run time. */
static void kfuncs_of_mask(int k, unsigned int mask, char *buf, size_t len)
{
	size_t off = 0, i;
	char base[96];

	buf[0] = '\0';
	for (i = 0; i < scx_nr_kf_rows; i++) {
		const struct scx_kf_row *kf = &scx_kf_rows[i];

		if (!(kf->kernels & (1u << k)) || kf->rt_req != mask)
			continue;
		scx_kfunc_base(kf->name, base, sizeof(base));
		if (!listed(buf, base))	/* compat flavours share their base's entry */
			append(buf, len, &off, "%s%s()", base);
	}
}

/* Callbacks of kernel K whose kf_mask is exactly MASK. */
static size_t callbacks_of_mask(int k, unsigned int mask, char *buf, size_t len)
{
	size_t off = 0, i, n = 0;
	const char *prev = "";

	buf[0] = '\0';
	for (i = 0; i < scx_nr_cb_rows; i++) {
		const struct scx_cb_row *cb = &scx_cb_rows[i];

		if (!(cb->kernels & (1u << k)) || cb->rt_mask != mask || !strcmp(prev, cb->name))
			continue;
		prev = cb->name;
		append(buf, len, &off, "%sops.%s()", cb->name);
		n++;
	}
	return n;
}

/* MASK as a nesting the table knows: caller's mask | nested callback's mask. */
static size_t nestings_of_mask(int k, unsigned int mask, char *buf, size_t len)
{
	size_t off = 0, i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < scx_nr_nests; i++) {
		const struct scx_nest *ne = &scx_nests[i];
		const struct scx_cb_row *c = scx_cb_find(ne->caller, k);
		const struct scx_cb_row *d = scx_cb_find(ne->nested, k);

		if (!(ne->kernels & (1u << k)) || !c || !d || (c->rt_mask | d->rt_mask) != mask)
			continue;
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off,
						"%sops.%s() nested in ops.%s() through %s()",
						off ? "; " : "", ne->nested, ne->caller,
						ne->kfunc);
		n++;
	}
	return n;
}

/* Where the kfuncs needing MASK may be called on kernel K. */
static void allowed_for_mask(int k, unsigned int mask, char *buf, size_t len)
{
	size_t off = 0, i;
	const char *prev = "";

	buf[0] = '\0';
	for (i = 0; i < scx_nr_cb_rows; i++) {
		const struct scx_cb_row *cb = &scx_cb_rows[i];

		if (!(cb->kernels & (1u << k)) || !strcmp(prev, cb->name) || !(cb->rt_mask & mask))
			continue;
		prev = cb->name;
		append(buf, len, &off, "%sops.%s()", cb->name);
	}
	if (!buf[0])
		snprintf(buf, len, "no callback");
}

/*
 * Where site I of SCAN is, on kernel K. A call inlined from a header wrapper has the
 * caller's statement before it as its line: the call itself is looked up in the source,
 * as the ORD-th of the same kfunc after that line.
 */
void scx_call_site_where(const struct scx_obj_scan *scan, size_t i, int k, unsigned int *line,
			 unsigned int *col)
{
	const struct scx_call_site *s = &scan->sites[i];
	unsigned int ord = 0;
	size_t j;

	*line = (unsigned int)s->line;
	*col = (unsigned int)s->col;
	if (!s->file[0] || !s->inl_file[0])
		return;
	for (j = 0; j < i; j++)
		ord += scx_call_site_live(&scan->sites[j], k) &&
		       !strcmp(scan->sites[j].prog, s->prog) &&
		       !strcmp(scan->sites[j].file, s->file) && scan->sites[j].line == s->line &&
		       !strcmp(scan->sites[j].base, s->base);
	scx_diag_find_call(s->file, *line, s->base, ord, line, col);
}

/* "file:line:col: " of site I */
static void print_site_loc(const struct scx_obj_scan *scan, size_t i, int k, FILE *out)
{
	const struct scx_call_site *s = &scan->sites[i];
	char real[PATH_MAX];
	unsigned int line, col;

	if (!s->file[0]) {
		fprintf(out, "  %s+%zu: ", s->sec, s->insn);
		return;
	}
	scx_call_site_where(scan, i, k, &line, &col);
	fprintf(out, "  %s:%u:%u: ", realpath(s->file, real) ? real : s->file, line, col);
}

/* Print the sites of SRC's object that MATCH on kernel K; returns their number. */
static int print_sites(const struct scx_obj_source *src, int k,
		       bool (*match)(const struct scx_call_site *, int, const void *),
		       const void *arg, FILE *out)
{
	struct scx_obj_scan *scan = NULL;
	char err[256];
	size_t i;
	int n = 0, ret;

	if (!src || (!src->path && !src->data))
		return -1;
	ret = src->path ? scx_obj_scan_file(src->path, &scan, err, sizeof(err))
			: scx_obj_scan_mem(src->data, src->size, "object", &scan, err, sizeof(err));
	if (ret) {
		fprintf(out, "note: could not scan the object for call sites: %s\n", err);
		return -1;
	}
	for (i = 0; i < scan->nr_sites; i++) {
		const struct scx_call_site *s = &scan->sites[i];

		if (!scx_call_site_live(s, k) || !match(s, k, arg))
			continue;
		if (!n++)
			fprintf(out, "note: call sites in the object that can cause it:\n");
		print_site_loc(scan, i, k, out);
		fprintf(out, "%s() in %s%s%s (%s)\n", s->base, s->kind == SCX_SITE_OP ? "ops." : "",
			s->ctx[0] ? s->ctx : s->prog, s->kind == SCX_SITE_OP ? "()" : "", s->chain);
	}
	if (scan->truncated)
		fprintf(out, "note: the scan stopped at its work limit: the list may be partial\n");
	scx_obj_scan_free(scan);
	return n;
}

/* A site whose kfunc needs MASK and which ejects on K. */
static bool match_mask(const struct scx_call_site *s, int k, const void *arg)
{
	const struct scx_kf_row *kf = scx_kf_find(s->kfunc, k);

	return kf && kf->rt_req == *(const unsigned int *)arg &&
	       scx_call_site_verdict(s, k) == SCX_EJECTS;
}

static bool match_base(const struct scx_call_site *s, int k, const void *arg)
{
	(void)k;
	return !strcmp(s->base, (const char *)arg);
}

static void mask_sites(const struct scx_obj_source *src, int k, unsigned int mask, FILE *out)
{
	if (print_sites(src, k, match_mask, &mask, out) == 0)
		fprintf(out, "note: no call site of the object matches: the call may come from "
			"an operation the table does not model (a nested one)\n");
}

static void error_sites(const struct scx_obj_source *src, int k, FILE *out)
{
	print_sites(src, k, match_base, "scx_bpf_error_bstr", out);
}

static void explain_mask(const struct scx_eject *e, const struct scx_obj_source *src, int k,
			 FILE *out)
{
	char need[64], have[64], list[LIST_LEN];
	const char *ver = scx_kernels[k].version;

	scx_rt_mask_str(e->kf_mask, need, sizeof(need));
	scx_rt_mask_str(e->allowed, have, sizeof(have));
	fprintf(out, "error: a kfunc that needs kf_mask 0x%x (%s) was called from an operation "
		"running with 0x%x (%s) on %s\n", e->kf_mask, need, e->allowed, have, ver);
	kfuncs_of_mask(k, e->kf_mask, list, sizeof(list));
	fprintf(out, "note: kfuncs that need 0x%x on %s: %s\n", e->kf_mask, ver,
		list[0] ? list : "none in the scope table");
	if (callbacks_of_mask(k, e->allowed, list, sizeof(list)))
		fprintf(out, "note: operations that run with 0x%x: %s\n", e->allowed, list);
	else if (nestings_of_mask(k, e->allowed, list, sizeof(list)))
		fprintf(out, "note: 0x%x is a nesting: %s\n", e->allowed, list);
	else
		fprintf(out, "note: no single operation runs with 0x%x: several are nested\n",
			e->allowed);
	if (!e->allowed)
		fprintf(out, "note: 0x0 is also a program outside any operation (syscall, "
			"tracing)\n");
	allowed_for_mask(k, e->kf_mask, list, sizeof(list));
	fprintf(out, "note: those kfuncs are allowed in: %s\n", list);
	mask_sites(src, k, e->kf_mask, out);
}

static void explain_nested(const struct scx_eject *e, int k, FILE *out)
{
	size_t i;

	fprintf(out, "error: a %s kfunc was called from an operation nested in ops.%s() on %s\n",
		e->group, e->group, scx_kernels[k].version);
	for (i = 0; i < scx_nr_nests; i++)
		if (!strcmp(scx_nests[i].caller, e->group))
			fprintf(out, "note: ops.%s() runs nested in ops.%s() through %s()\n",
				scx_nests[i].nested, scx_nests[i].caller, scx_nests[i].kfunc);
	fprintf(out, "note: %s kfuncs must be called from ops.%s() itself, not from an "
		"operation it triggers\n", e->group, e->group);
}

static void explain_task(int k, FILE *out)
{
	char list[LIST_LEN];
	size_t off = 0, i;

	list[0] = '\0';
	for (i = 0; i < scx_nr_kf_rows; i++)
		if ((scx_kf_rows[i].kernels & (1u << k)) &&
		    (scx_kf_rows[i].flags & SCX_KF_RT_TASK_ARG))
			append(list, sizeof(list), &off, "%s%s()", scx_kf_rows[i].name);
	fprintf(out, "error: a kfunc was called on a task the running operation is not about\n"
		"note: %s take only the task(s) passed to the operation\n",
		list[0] ? list : "some kfuncs");
}

int scx_diag_exit(const char *name, int kind, const char *msg, const struct scx_obj_source *src,
		  const struct scx_diag_kernel *kern, FILE *out)
{
	struct scx_diag_kernel kern_buf;
	struct scx_eject e;

	(void)name;
	if (kind < SCX_EXIT_KIND_ERROR || !msg)
		return 0;
	if (!kern) {
		kern = &kern_buf;
		if (scx_diag_kernel_get(&kern_buf))
			return 0;
	}
	scx_eject_parse(msg, SCX_EXIT_MSG_LEN, &e);
	if (kind == SCX_EXIT_KIND_ERROR_BPF) {
		error_sites(src, kern->k, out);
		return 0;
	}
	if (e.kind == SCX_EJECT_NONE)
		return 0;
	if (e.kind == SCX_EJECT_MASK)
		explain_mask(&e, src, kern->k, out);
	else if (e.kind == SCX_EJECT_NESTED)
		explain_nested(&e, kern->k, out);
	else if (e.kind == SCX_EJECT_TASK)
		explain_task(kern->k, out);
	else
		fprintf(out, "error: a sleepable kfunc was called from a non-sleepable context\n");
	if (kern->nearest)
		fprintf(out, "note: kernel %s is not in the scope table: rules of the "
			"nearest, %s\n", kern->release, scx_kernels[kern->k].version);
	if (!scx_kernels[kern->k].runtime)
		fprintf(out, "note: %s checks scoping at load time: this message is unexpected "
			"there\n", scx_kernels[kern->k].version);
	return 1;
}
