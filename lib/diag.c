// SPDX-License-Identifier: GPL-2.0
/*
 * Load-time diagnostics: a verifier rejection explained with the scope table.
 *
 * The facts come from three places: the verifier log (error kind, kfunc, failing
 * instruction; verifier_log.c), libbpf (the refused program, the struct_ops member it
 * implements, its line info) and the scope table (groups, allowed callbacks). The location
 * is the failing instruction's line info. When that line is in a header, the call was
 * inlined from a wrapper (compat.bpf.h), and the call site is looked up in the calling
 * function's source by the kfunc's name.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "diag.h"
#include "diag_int.h"
#include "scope.h"
#include "verifier_log.h"

#define KERNEL_TEXT_LINES 60	/* of the kernel's own text printed; the rest is in the file */
#define SCAN_MAX_LINES	2000	/* of a function's source searched for a call site */

/* --- the program and its callback ------------------------------------------------------- */

/* The struct_ops member PROG implements: libbpf's expected_attach_type is its index in
 * the kernel's struct (sched_ext_ops or sched_ext_ops_cid, as the map's type says). */
static bool member_name(const struct bpf_object *obj, const struct bpf_program *prog,
			const struct bpf_map *ops, char *buf, size_t len)
{
	const struct btf *obj_btf = bpf_object__btf(obj);
	const struct btf_type *t;
	const char *tname = "sched_ext_ops", *m;
	unsigned int idx = bpf_program__expected_attach_type(prog);
	struct btf *vmlinux;
	int id;

	if (ops && obj_btf) {
		t = btf__type_by_id(obj_btf, bpf_map__btf_value_type_id(ops));
		if (t && btf_is_struct(t))
			tname = btf__name_by_offset(obj_btf, t->name_off);
	}
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return false;
	id = btf__find_by_name_kind(vmlinux, tname, BTF_KIND_STRUCT);
	t = id > 0 ? btf__type_by_id(vmlinux, id) : NULL;
	m = t && idx < btf_vlen(t) ? btf__name_by_offset(vmlinux, btf_members(t)[idx].name_off)
				   : NULL;
	if (m)
		snprintf(buf, len, "%s", m);
	btf__free(vmlinux);
	return m != NULL;
}

/* The scope-table context of PROG: a callback name, "syscall" or "tracing"; "" if none. */
static const char *prog_ctx(const struct bpf_object *obj, const struct bpf_program *prog,
			    const struct bpf_map *ops, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!prog)
		return buf;
	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_STRUCT_OPS:
		member_name(obj, prog, ops, buf, len);
		return buf;
	case BPF_PROG_TYPE_SYSCALL:
		return SCX_CTX_SYSCALL;
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_LSM:
		return SCX_CTX_TRACING;
	default:
		return buf;
	}
}

const char *diag_ctx_str(const char *ctx, char *buf, size_t len)
{
	if (!ctx[0])
		snprintf(buf, len, "this program");
	else if (!strcmp(ctx, SCX_CTX_SYSCALL) || !strcmp(ctx, SCX_CTX_TRACING))
		snprintf(buf, len, "%s programs", ctx);
	else
		snprintf(buf, len, "ops.%s()", ctx);
	return buf;
}

/* --- source location -------------------------------------------------------------------- */

struct loc {
	char file[PATH_MAX];
	unsigned int line, col;
	char via[PATH_MAX + 32];	/* "compat.bpf.h:63:10" when the call was inlined */
};

static const struct bpf_line_info *linfo_at(const struct scx_load_failure *f, int insn)
{
	const struct bpf_line_info *best = NULL;
	unsigned int i;

	for (i = 0; f->linfo && insn >= 0 && i < f->nr_linfo; i++)
		if (f->linfo[i].insn_off <= (unsigned int)insn &&
		    (!best || f->linfo[i].insn_off >= best->insn_off))
			best = &f->linfo[i];
	return best;
}

static const char *linfo_file(const struct scx_load_failure *f, const struct bpf_line_info *l)
{
	const struct btf *btf = bpf_object__btf(f->obj);
	const char *s = btf ? btf__name_by_offset(btf, l->file_name_off) : NULL;

	return s ?: "";
}

static bool is_header(const char *file)
{
	size_t n = strlen(file);

	return n > 2 && !strcmp(file + n - 2, ".h");
}

/* Which call to the same kfunc the failing one is, in program order (0: the first). */
static unsigned int call_ordinal(const struct bpf_program *prog, int insn)
{
	const struct bpf_insn *in = prog ? bpf_program__insns(prog) : NULL;
	size_t n = prog ? bpf_program__insn_cnt(prog) : 0, i;
	unsigned int ord = 0;

	if (!in || insn < 0 || (size_t)insn >= n)
		return 0;
	for (i = 0; i < (size_t)insn; i++)
		if (in[i].code == (BPF_JMP | BPF_CALL) && in[i].src_reg == BPF_PSEUDO_KFUNC_CALL &&
		    in[i].imm == in[insn].imm && in[i].off == in[insn].off)
			ord++;
	return ord;
}

/* Column (1-based) of call NAME( in LINE outside comments, skipping SKIP matches; 0: none. */
static unsigned int find_call(const char *line, const char *name, unsigned int *skip)
{
	size_t n = strlen(name);
	const char *p = line, *q;

	while ((p = strstr(p, name))) {
		bool ident = (p == line || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'));
		size_t pre = (size_t)(p - line);

		for (q = p + n; *q == ' ' || *q == '\t'; q++)
			;
		if (ident && *q == '(' && !memmem(line, pre, "//", 2) &&
		    !memmem(line, pre, "/*", 2)) {
			if (!(*skip)--)
				return (unsigned int)pre + 1;
		}
		p += n;
	}
	return 0;
}

bool scx_diag_find_call(const char *path, unsigned int first, const char *name, unsigned int ord,
			unsigned int *line, unsigned int *col)
{
	unsigned int lineno = 0, c = 0;
	bool line_start = true;
	char buf[1024];
	FILE *src;

	src = fopen(path, "r");
	if (!src)
		return false;
	while (!c && fgets(buf, sizeof(buf), src)) {
		/* a line longer than the buffer comes in pieces: count it once */
		lineno += line_start;
		line_start = strchr(buf, '\n') != NULL;
		if (lineno >= first + SCAN_MAX_LINES)
			break;
		if (lineno < first)
			continue;
		if (lineno > first && buf[0] == '}')
			break;
		c = find_call(buf, name, &ord);
	}
	fclose(src);
	if (!c)
		return false;
	*line = lineno;
	*col = c;
	return true;
}

/* The call site in the source of the function that inlined a header wrapper. */
static bool find_call_site(const struct scx_load_failure *f, const char *base, unsigned int ord,
			   struct loc *loc)
{
	const struct bpf_line_info *l0 = linfo_at(f, 0);

	if (!l0 || is_header(linfo_file(f, l0)))
		return false;
	if (!scx_diag_find_call(linfo_file(f, l0), BPF_LINE_INFO_LINE_NUM(l0->line_col), base, ord,
				&loc->line, &loc->col))
		return false;
	snprintf(loc->file, sizeof(loc->file), "%s", linfo_file(f, l0));
	return true;
}

static void locate(const struct scx_load_failure *f, const struct scx_vlog *v, const char *base,
		   struct loc *loc)
{
	const struct bpf_line_info *l = linfo_at(f, v->insn);

	memset(loc, 0, sizeof(*loc));
	if (l) {
		snprintf(loc->file, sizeof(loc->file), "%s", linfo_file(f, l));
		loc->line = BPF_LINE_INFO_LINE_NUM(l->line_col);
		loc->col = l->line_col & 0x3ff;
	} else if (v->src.line) {
		snprintf(loc->file, sizeof(loc->file), "%s", v->src.file);
		loc->line = v->src.line;
		loc->col = v->src.col;
	}
	if (loc->line && is_header(loc->file) && base && base[0]) {
		struct loc site = { .line = 0 };
		const char *slash = strrchr(loc->file, '/');

		if (find_call_site(f, base, call_ordinal(f->prog, v->insn), &site)) {
			snprintf(site.via, sizeof(site.via), "%s:%u:%u",
				 slash ? slash + 1 : loc->file, loc->line, loc->col);
			*loc = site;
		}
	}
}

static void print_prefix(FILE *out, const char *name, struct loc *loc)
{
	char real[PATH_MAX];

	/* "build/../src/x.bpf.c" as the compiler was given it: show the plain path */
	if (loc->line && realpath(loc->file, real))
		snprintf(loc->file, sizeof(loc->file), "%s", real);
	if (!loc->line)
		fprintf(out, "%s: ", name);
	else if (loc->col)
		fprintf(out, "%s:%u:%u: ", loc->file, loc->line, loc->col);
	else
		fprintf(out, "%s:%u: ", loc->file, loc->line);
}

/* --- scoping errors --------------------------------------------------------------------- */

void diag_allowed_list(int k, const char *kfunc, diag_verdict_fn verdict, char *buf, size_t len)
{
	size_t off = 0, i;
	const char *prev = "";

	buf[0] = '\0';
	for (i = 0; i < scx_nr_cb_rows && off < len; i++) {
		const struct scx_cb_row *cb = &scx_cb_rows[i];

		if (!(cb->kernels & (1u << k)) || !strcmp(cb->name, prev))
			continue;
		prev = cb->name;
		if (verdict(k, cb->name, kfunc) == SCX_ALLOWED)
			off += (size_t)snprintf(buf + off, len - off, "%sops.%s()", off ? ", " : "",
						cb->name);
	}
	if (off < len && verdict(k, SCX_CTX_SYSCALL, kfunc) == SCX_ALLOWED)
		snprintf(buf + off, len - off, "%ssyscall programs", off ? ", " : "");
	if (!buf[0])
		snprintf(buf, len, "no sched_ext callback");
}

/* Print the kernel's own lines [from, to) of the log, at most MAX of them. */
static void print_kernel_text(const struct scx_load_failure *f, size_t from, size_t to,
			      unsigned int max, FILE *out)
{
	const char *p = f->log + from, *end = f->log + (to < f->log_len ? to : f->log_len);
	unsigned int n = 0;

	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		fprintf(out, "  %.*s\n", (int)len, p);
		p += len + 1;
		n++;
	}
	if (p < end)
		fprintf(out, "  [... %zu more bytes in the saved log]\n", (size_t)(end - p));
}

static void scoping_notes(const struct scx_vlog *v, int k, const char *ctx, const char *kname,
			  const char *base, FILE *out)
{
	const struct scx_kf_row *kf = scx_kf_find(kname, k);
	const struct scx_cb_row *cb = ctx[0] ? scx_cb_find(ctx, k) : NULL;
	bool runtime = scx_kernels[k].runtime;
	char buf[DIAG_LIST_LEN], cstr[96];
	enum scx_verdict verdict;

	if (strcmp(kname, base))
		fprintf(out, "note: %s is the kernel's name for %s() on %s (compat flavour)\n",
			kname, base, scx_kernels[k].version);
	if (kf) {
		scx_kf_groups_str(kf, false, buf, sizeof(buf));
		fprintf(out, "note: %s() is in %s", base, buf);
		if (runtime && kf->rt_req) {
			scx_kf_groups_str(kf, true, buf, sizeof(buf));
			fprintf(out, "; at run time it needs %s", buf);
		}
		if (kf->flags & SCX_KF_SLEEPABLE)
			fprintf(out, "; it may sleep");
		fputc('\n', out);
	}
	if (cb) {
		scx_cb_groups_str(cb, runtime, buf, sizeof(buf));
		fprintf(out, "note: %s %s%s%s\n", diag_ctx_str(ctx, cstr, sizeof(cstr)),
			runtime ? "runs with kf_mask " : "allows ",
			runtime ? buf + strlen("mask ") : cb->st_allow ? buf + strlen("groups ") :
			"no group", runtime ? "" : ", and any, idle, cid (allowed everywhere)");
		if (kf && (kf->flags & SCX_KF_SLEEPABLE))
			fprintf(out, "note: %s %s\n", cstr, cb->flags & SCX_CB_SLEEPABLE ?
				"may be a sleepable program (SCX_OP_SLEEPABLE, struct_ops.s/)"
				: "cannot be a sleepable program");
	}
	diag_allowed_list(k, kname, scx_verdict, buf, sizeof(buf));
	fprintf(out, "note: %s() is allowed in: %s\n", base, buf);
	verdict = ctx[0] ? scx_verdict(k, ctx, kname) : SCX_ABSENT;
	if (verdict == SCX_ALLOWED)
		fprintf(out, "note: the scope table says this call is allowed on %s: the table "
			"may be wrong for this kernel, please report it\n", scx_kernels[k].version);
	if (v->src.text[0])
		fprintf(out, "note: the verifier quotes: %s\n", v->src.text);
}

static int explain_scoping(const struct scx_load_failure *f, const struct scx_vlog *v,
			   const struct scx_diag_kernel *kern, const char *ctx, FILE *out)
{
	char base[SCX_VLOG_NAME_LEN], cstr[96], group[128] = "";
	const struct scx_kf_row *kf;
	int k = kern->k;
	struct loc loc;

	scx_kfunc_base(v->kfunc, base, sizeof(base));
	kf = scx_kf_find(v->kfunc, k) ?: scx_kf_find(base, k);
	if (kf) {
		char g[96];

		scx_kf_groups_str(kf, false, g, sizeof(g));
		snprintf(group, sizeof(group), " [%s]", g);
	}
	locate(f, v, base, &loc);
	print_prefix(out, f->name, &loc);
	fprintf(out, "error: %s()%s ", base, group);
	if (v->kind == SCX_VLOG_SLEEPABLE)
		fprintf(out, "may sleep and is not allowed in %s, which is not sleepable, on %s\n",
			diag_ctx_str(ctx, cstr, sizeof(cstr)), scx_kernels[k].version);
	else
		fprintf(out, "is not allowed in %s on %s\n", diag_ctx_str(ctx, cstr, sizeof(cstr)),
			scx_kernels[k].version);
	fprintf(out, "note: the verifier refused program '%s': %s\n",
		f->prog ? bpf_program__name(f->prog) : v->func[0] ? v->func : "?", v->error);
	if (loc.via[0])
		fprintf(out, "note: the call was inlined from %s (the line the verifier reports)\n",
			loc.via);
	if (kern->nearest)
		fprintf(out, "note: kernel %s is not in the scope table: rules of the "
			"nearest, %s\n", kern->release, scx_kernels[k].version);
	scoping_notes(v, k, ctx, kf ? kf->name : v->kfunc, base, out);
	return 1;
}

/* An unresolved kfunc whose prototype the build lacks: diag_proto.c says why. */
static void explain_no_proto(const struct scx_load_failure *f, const struct scx_vlog *v,
			     const struct scx_diag_kernel *kern, const struct btf *btf,
			     const char *ctx, const char *kname, FILE *out)
{
	char cstr[96], refusal[SCX_VLOG_TEXT_LEN + 256];
	struct loc loc;

	locate(f, v, NULL, &loc);
	print_prefix(out, f->name, &loc);
	snprintf(refusal, sizeof(refusal), "the verifier refused program '%s' (%s): %s",
		 f->prog ? bpf_program__name(f->prog) : v->func[0] ? v->func : "?",
		 diag_ctx_str(ctx, cstr, sizeof(cstr)), v->error);
	diag_no_proto(out, kern, btf, ctx, kname, refusal);
}

/* --- any other failure ---------------------------------------------------------------- */

static void explain_other(const struct scx_load_failure *f, const struct scx_vlog *v,
			  const char *ctx, int k, enum scx_btf_kfunc st, FILE *out)
{
	char cstr[96];
	struct loc loc;

	locate(f, v, NULL, &loc);
	print_prefix(out, f->name, &loc);
	if (v->kind == SCX_VLOG_NONE) {
		fprintf(out, "error: loading failed: %s%s\n", strerror(-f->err),
			f->log_len ? "" : " (no verifier log: see libbpf's messages above)");
	} else {
		fprintf(out, "error: the verifier refused program '%s' (%s): %s\n",
			f->prog ? bpf_program__name(f->prog) : v->func[0] ? v->func : "?",
			diag_ctx_str(ctx, cstr, sizeof(cstr)), v->error);
	}
	if (v->insn >= 0)
		fprintf(out, "note: at instruction %d%s%s\n", v->insn, v->src.text[0] ? ": " : "",
			v->src.text);
	if (v->kind == SCX_VLOG_KFUNC_UNRESOLVED && st == SCX_BTF_KF_ABSENT)
		fprintf(out, "note: %s has no kfunc %s: guard the call with bpf_ksym_exists() or "
			"use the compat wrapper\n", scx_kernels[k].version, v->kfunc);
	else if (v->kind == SCX_VLOG_KFUNC_UNRESOLVED)
		/* libbpf resolves by name and prototype, whatever the calling context */
		fprintf(out, "note: the kernel has %s, so libbpf could not match this object's "
			"declaration of it to the kernel's prototype (-v shows libbpf's reason)\n",
			v->kfunc);
	if (v->kind != SCX_VLOG_NONE) {
		fprintf(out, "note: the kernel's words:\n");
		print_kernel_text(f, v->error_off, v->block_off, 20, out);
		if (v->structured)
			print_kernel_text(f, v->block_off, f->log_len, KERNEL_TEXT_LINES, out);
	}
}

/* "x" for ".../x.bpf.o": the log file's name starts with it. */
static void object_stem(const struct scx_load_failure *f, char *buf, size_t len)
{
	const char *base = f->obj_path ? strrchr(f->obj_path, '/') : NULL;
	char *dot;

	base = base ? base + 1 : f->obj_path ?: bpf_object__name(f->obj);
	snprintf(buf, len, "%s", base);
	if ((dot = strstr(buf, ".bpf.o")) || (dot = strrchr(buf, '.')))
		*dot = '\0';
	snprintf(buf + strlen(buf), len - strlen(buf), "-%s",
		 f->prog ? bpf_program__name(f->prog) : "prog");
}

int scx_diag_load_failure(const struct scx_load_failure *f, FILE *out)
{
	struct scx_load_failure fl = *f;
	struct scx_diag_kernel kern_buf;
	const struct scx_diag_kernel *kern = f->kern;
	char ctx_buf[64], path[PATH_MAX], stem[192], kname[SCX_VLOG_NAME_LEN];
	enum scx_btf_kfunc st = SCX_BTF_KF_OK;
	struct btf *btf = NULL;
	struct scx_vlog v;
	const char *ctx;
	int scoping = 0;

	if (!kern) {
		kern = &kern_buf;
		if (scx_diag_kernel_get(&kern_buf)) {
			kern_buf.k = (int)scx_nr_kernels - 1;
			kern_buf.nearest = true;
		}
	}
	scx_vlog_parse(f->log ?: "", f->log ? f->log_len : 0, &v);
	/* libbpf did not say which program: 7.3's block names the function */
	if (!fl.prog && v.func[0])
		fl.prog = bpf_object__find_program_by_name(f->obj, v.func);
	f = &fl;
	ctx = f->ctx ?: prog_ctx(f->obj, f->prog, f->ops, ctx_buf, sizeof(ctx_buf));

	/*
	 * An unresolved kfunc is never a scoping refusal: libbpf resolves by name and
	 * prototype. The kernel lacks it, or its build lacks the prototype (read from the
	 * running kernel's BTF: it differs between builds of a series), or the object
	 * declares it differently.
	 */
	if (v.kind == SCX_VLOG_KFUNC_UNRESOLVED) {
		btf = f->kern ? NULL : btf__load_vmlinux_btf();
		st = diag_kfunc_state(btf, kern->k, v.kfunc, kname, sizeof(kname));
	}
	fflush(stdout);
	if (v.kind == SCX_VLOG_KFUNC_NOT_ALLOWED || v.kind == SCX_VLOG_SLEEPABLE)
		scoping = explain_scoping(f, &v, kern, ctx, out);
	else if (st == SCX_BTF_KF_NO_PROTO)
		explain_no_proto(f, &v, kern, btf, ctx, kname, out);
	else if (v.kind == SCX_VLOG_NONE && diag_extern_failure(f, kern, out))
		;
	else
		explain_other(f, &v, ctx, kern->k, st, out);
	btf__free(btf);
	if (f->log_truncated)
		fprintf(out, "note: the verifier log did not fit the buffer: its end is kept\n");
	if (f->log && f->log_len) {
		object_stem(f, stem, sizeof(stem));
		if (scx_diag_save_log(f->log_dir, stem, f->log, f->log_len, path, sizeof(path),
				      out))
			fprintf(out, "note: full verifier log: %s\n", path);
	}
	return scoping;
}
