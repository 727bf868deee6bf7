// SPDX-License-Identifier: GPL-2.0
/*
 * Load-time diagnostics for a kfunc the kernel's build cannot resolve.
 *
 * libbpf resolves a kfunc by name and prototype, whatever callback calls it, so an
 * unresolved kfunc is never a scoping refusal. Either the kernel lacks it, or its build
 * lacks the KF_IMPLICIT_ARGS prototype NAME_impl (kfunc_btf.c: which kfuncs differs from
 * build to build of a series, so it is read from the running kernel's BTF), or the object
 * declares it otherwise than the kernel. A __weak declaration (scopex's headers) then
 * reaches the verifier as "kfunc 'X' is referenced but wasn't resolved"; a strong one
 * (upstream's headers) stops libbpf before any program loads, with "extern (func ksym)
 * 'X': func_proto [N] incompatible with vmlinux [M]" and no verifier log.
 */
#include <stddef.h>
#include <string.h>
#include <bpf/btf.h>
#include "diag_int.h"
#include "objscan.h"
#include "verifier_log.h"

static enum scx_btf_kfunc build_state(const struct btf *btf, int k, const char *name)
{
	const struct scx_kf_row *kf;

	if (btf)
		return scx_btf_kfunc_state(btf, name);
	kf = scx_kf_find(name, k);
	if (!kf)
		return SCX_BTF_KF_ABSENT;
	return (kf->flags & SCX_KF_NO_PROTO) ? SCX_BTF_KF_NO_PROTO : SCX_BTF_KF_OK;
}

enum scx_btf_kfunc diag_kfunc_state(const struct btf *btf, int k, const char *name, char *buf,
				    size_t len)
{
	return build_state(btf, k, scx_ksym_kernel_name(name, buf, len));
}

/* The table's kfuncs that this build has without a callable prototype, as a list. */
static size_t no_proto_list(const struct btf *btf, int k, char *buf, size_t len)
{
	size_t i, n = 0, off = 0;

	buf[0] = '\0';
	for (i = 0; i < scx_nr_kf_rows; i++) {
		const char *name = scx_kf_rows[i].name;

		/* each of K's kfuncs once: at the row scx_kf_find() gives for K */
		if (scx_kf_find(name, k) != &scx_kf_rows[i] ||
		    build_state(btf, k, name) != SCX_BTF_KF_NO_PROTO)
			continue;
		n++;
		if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s", off ? ", " : "", name);
	}
	return n;
}

void diag_no_proto(FILE *out, const struct scx_diag_kernel *kern, const struct btf *btf,
		   const char *ctx, const char *kname, const char *refusal)
{
	char cstr[96], list[DIAG_LIST_LEN];
	enum scx_verdict verdict;
	size_t n;

	fprintf(out, "error: %s() cannot be called on this build of %s: its BTF has no "
		"%s_impl, the prototype through which programs call this kfunc (it takes an "
		"implicit bpf_prog_aux argument)\n", kname, btf ? kern->release :
		scx_kernels[kern->k].version, kname);
	fprintf(out, "note: %s\n", refusal);
	/* by the rules alone: whether the call is in scope does not depend on the build */
	diag_ctx_str(ctx, cstr, sizeof(cstr));
	verdict = ctx[0] ? scx_verdict_rules(kern->k, ctx, kname) : SCX_ABSENT;
	if (verdict == SCX_ALLOWED) {
		fprintf(out, "note: not a scoping error: %s may call %s() on %s%s\n", cstr, kname,
			scx_kernels[kern->k].version,
			kern->nearest ? " (the scope table's kernel nearest this one)" : "");
	} else if (verdict != SCX_ABSENT) {
		diag_allowed_list(kern->k, kname, scx_verdict_rules, list, sizeof(list));
		fprintf(out, "note: %s may not call it either (%s on %s): it is allowed in %s\n",
			cstr, scx_verdict_str(verdict), scx_kernels[kern->k].version, list);
	}
	n = no_proto_list(btf, kern->k, list, sizeof(list));
	fprintf(out, "note: this build lacks the prototypes of %zu kfunc%s: %s\n", n,
		n == 1 ? "" : "s", list);
	fprintf(out, "note: which kfuncs are hit differs from build to build of a series: guard "
		"the call with bpf_ksym_exists() and fall back, or boot another build\n");
}

/* The first call of extern SYM in the object: its location and callback, from objscan. */
static bool first_call(const char *path, const char *sym, char *where, size_t wlen, char *ctx,
		       size_t clen)
{
	struct scx_obj_scan *scan;
	char err[256];
	size_t i;
	bool found = false;

	if (!path || scx_obj_scan_file(path, &scan, err, sizeof(err)))
		return false;
	for (i = 0; i < scan->nr_sites && !found; i++) {
		const struct scx_call_site *s = &scan->sites[i];

		if (strcmp(s->sym, sym) || !s->file[0])
			continue;
		snprintf(where, wlen, "%s:%d:%d: ", s->file, s->line, s->col);
		snprintf(ctx, clen, "%s", s->ctx);
		found = true;
	}
	scx_obj_scan_free(scan);
	return found;
}

bool diag_extern_failure(const struct scx_load_failure *f, const struct scx_diag_kernel *kern,
			 FILE *out)
{
	char sym[SCX_VLOG_NAME_LEN], kname[SCX_VLOG_NAME_LEN], where[512], ctx[64] = "";
	char refusal[320];
	enum scx_btf_kfunc st;
	const char *p, *q;
	struct btf *btf;

	if (f->sz < offsetof(struct scx_load_failure, libbpf_msg) + sizeof(f->libbpf_msg) ||
	    !f->libbpf_msg || !(p = strchr(f->libbpf_msg, '\'')) || !(q = strchr(p + 1, '\'')) ||
	    (size_t)(q - p - 1) >= sizeof(sym))
		return false;
	snprintf(sym, sizeof(sym), "%.*s", (int)(q - p - 1), p + 1);
	btf = f->kern ? NULL : btf__load_vmlinux_btf();
	st = diag_kfunc_state(btf, kern->k, sym, kname, sizeof(kname));
	if (!first_call(f->obj_path, sym, where, sizeof(where), ctx, sizeof(ctx)))
		snprintf(where, sizeof(where), "%s: ", f->name);
	fputs(where, out);
	snprintf(refusal, sizeof(refusal), "libbpf refused the object's declaration: %s",
		 f->libbpf_msg);
	if (st == SCX_BTF_KF_NO_PROTO) {
		diag_no_proto(out, kern, btf, ctx, kname, refusal);
	} else {
		fprintf(out, "error: the object declares %s() otherwise than this kernel\n", kname);
		fprintf(out, "note: %s\n", refusal);
		fprintf(out, "note: built against another kernel's headers? Declare it __weak "
			"and guard the call with bpf_ksym_exists(), or rebuild with this "
			"kernel's vmlinux.h\n");
	}
	btf__free(btf);
	return true;
}
