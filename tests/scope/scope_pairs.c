// SPDX-License-Identifier: GPL-2.0
/*
 * The pairs of the scope matrix tests and their expected outcome, from lib/scope (the
 * table and scx_verdict()), and kfunc prototypes from the kernels' BTF through libbpf.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "scope_pairs.h"

bool sp_pseudo(const char *ctx)
{
	return !strcmp(ctx, SCX_CTX_SYSCALL) || !strcmp(ctx, SCX_CTX_TRACING);
}

unsigned int sp_fail_mask(const char *base, const char *ctx, unsigned int *present)
{
	unsigned int fail = 0;
	size_t k;

	*present = 0;
	for (k = 0; k < scx_nr_kernels; k++) {
		const char *name = scx_resolve(base, (int)k);
		enum scx_verdict v = name ? scx_verdict((int)k, ctx, name) : SCX_ABSENT;

		if (v == SCX_ABSENT)
			continue;
		*present |= 1u << k;
		if (v != SCX_ALLOWED)
			fail |= 1u << k;
	}
	return fail;
}

bool sp_base_sensitive(const char *base, const char **ctx, size_t nctx)
{
	unsigned int present, first = sp_fail_mask(base, ctx[0], &present);
	size_t i, k;

	for (i = 1; i < nctx; i++)
		if (sp_fail_mask(base, ctx[i], &present) != first)
			return true;
	for (k = 0; k < scx_nr_kernels; k++) {
		const char *name = scx_resolve(base, (int)k);

		if (name && scx_kfunc_context_sensitive(name))
			return true;
	}
	return false;
}

bool sp_base_sleepable(const char *base)
{
	size_t k;

	for (k = 0; k < scx_nr_kernels; k++) {
		const char *name = scx_resolve(base, (int)k);
		const struct scx_kf_row *kf = name ? scx_kf_find(name, (int)k) : NULL;

		if (kf && (kf->flags & SCX_KF_SLEEPABLE))
			return true;
	}
	return false;
}

bool sp_cb_sleepable(const char *name)
{
	size_t i;

	for (i = 0; i < scx_nr_cb_rows; i++)
		if (!strcmp(scx_cb_rows[i].name, name) && (scx_cb_rows[i].flags & SCX_CB_SLEEPABLE))
			return true;
	return false;
}

const struct btf_type *sp_proto(const char *kernels_dir, int k, const char *name,
				const struct btf **btf_out)
{
	static struct btf *cache[32];
	const struct btf_type *t;
	char path[4096];
	int id;

	if (k < 0 || k >= 32)
		return NULL;
	if (!cache[k]) {
		snprintf(path, sizeof(path), "%s/%s/vmlinux", kernels_dir, scx_kernels[k].version);
		cache[k] = btf__parse(path, NULL);
		if (!cache[k]) {
			fprintf(stderr, "cannot read the BTF of %s: %s\n", path, strerror(errno));
			return NULL;
		}
	}
	/* On 7.3, a KF_IMPLICIT_ARGS kfunc's FUNC has the BPF-visible proto (no aux). */
	id = btf__find_by_name_kind(cache[k], name, BTF_KIND_FUNC);
	if (id < 0)
		return NULL;
	t = btf__type_by_id(cache[k], btf__type_by_id(cache[k], id)->type);
	if (!t || !btf_is_func_proto(t))
		return NULL;
	*btf_out = cache[k];
	return t;
}

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

static int emit_type(FILE *f, const struct btf *btf, __u32 id, const char *name)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = name);
	struct btf_dump *d = btf_dump__new(btf, dump_printf, f, NULL);
	int err;

	if (!d)
		return -errno;
	err = btf_dump__emit_type_decl(d, id, &opts);
	btf_dump__free(d);
	return err;
}

int sp_emit_decl(FILE *f, const struct btf *btf, const char *kname, const char *cname,
		 bool keep_aux)
{
	int id = btf__find_by_name_kind(btf, kname, BTF_KIND_FUNC);
	const struct btf_type *proto;
	const struct btf_param *p;
	__u16 i, n;
	int err = 0;

	if (id < 0)
		return id;
	proto = btf__type_by_id(btf, btf__type_by_id(btf, id)->type);
	p = btf_params(proto);
	n = btf_vlen(proto) - (!keep_aux && sp_implicit_aux(btf, proto));
	if (proto->type)
		err = emit_type(f, btf, proto->type, "");
	else
		fputs("void", f);
	fprintf(f, " %s(", cname);
	for (i = 0; i < n && !err; i++) {
		if (i)
			fputs(", ", f);
		err = emit_type(f, btf, p[i].type, btf__name_by_offset(btf, p[i].name_off));
	}
	fputs(n ? ")" : "void)", f);
	return err;
}

/*
 * A trailing "aux" (struct bpf_prog_aux *) is filled in by the verifier: on 7.3 the
 * KF_IMPLICIT_ARGS kfuncs hide it from BPF, but 7.1 and 7.2 have kfuncs whose BTF FUNC
 * still shows it.
 */
bool sp_implicit_aux(const struct btf *btf, const struct btf_type *proto)
{
	__u16 n = btf_vlen(proto);
	const struct btf_param *p = btf_params(proto) + n - 1;
	const struct btf_type *t;

	if (!n || strcmp(btf__name_by_offset(btf, p->name_off), "aux"))
		return false;
	t = btf__type_by_id(btf, p->type);
	if (!btf_is_ptr(t))
		return false;
	t = btf__type_by_id(btf, btf__resolve_type(btf, t->type));
	return t && btf_is_struct(t) && !strcmp(btf__name_by_offset(btf, t->name_off),
						 "bpf_prog_aux");
}

int sp_emit_zero_args(FILE *f, const struct btf *btf, const struct btf_type *proto,
		      bool keep_aux)
{
	const struct btf_param *p = btf_params(proto);
	__u16 i, n = btf_vlen(proto) - (!keep_aux && sp_implicit_aux(btf, proto));
	int err;

	for (i = 0; i < n; i++) {
		fputs(i ? ", (" : "(", f);
		err = emit_type(f, btf, p[i].type, "");
		if (err)
			return err;
		fputs(")0", f);
	}
	return 0;
}

size_t sp_conform_pairs(int k, struct sp_cpair *out, size_t max)
{
	const char *ctx[SP_MAX_CTX];
	size_t nctx = scx_contexts(ctx, SP_MAX_CTX), n = 0, i, j;

	for (i = 0; i < nctx; i++) {
		if (!strcmp(ctx[i], SCX_CTX_TRACING) ||
		    (!sp_pseudo(ctx[i]) && !scx_cb_find(ctx[i], k)))
			continue;
		for (j = 0; j < scx_nr_kf_rows && n < max; j++) {
			const struct scx_kf_row *kf = &scx_kf_rows[j];

			/* NO_PROTO: no program can call it there (scope_table.h) */
			if (!(kf->kernels & (1u << k)) ||
			    (kf->flags & (SCX_KF_NOT_KFUNC | SCX_KF_NO_PROTO)) ||
			    !scx_kfunc_context_sensitive(kf->name))
				continue;
			out[n].ctx = ctx[i];
			out[n].kfunc = kf->name;
			out[n].verdict = scx_verdict(k, ctx[i], kf->name);
			n++;
		}
	}
	return n;
}
