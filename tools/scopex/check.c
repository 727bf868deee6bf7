// SPDX-License-Identifier: GPL-2.0
/*
 * scopex check: find the sched_ext kfunc calls of compiled BPF objects that a kernel would
 * refuse in the callback or program they are reached from, without loading anything.
 *
 * lib/objscan finds the call sites and the kernels on which each is live (compat branches);
 * lib/scope gives the verdict. Diagnostics are compiler-style, one error per site and
 * context, with notes: the call chain, what the callback allows, where the kfunc is allowed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scopex.h"
#include "objscan.h"
#include "diag.h"

#define EXIT_VIOLATIONS	1

struct check_opts {
	int k;			/* index into scx_kernels[], -1: every kernel */
	bool json;
	int found[32];		/* findings per kernel (a row's kernels are a 32-bit mask) */
};

static const char usage_text[] =
"Usage: scopex check [--kernel VERSION|all] [--format text|json] OBJ.bpf.o...\n"
"\n"
"Report every sched_ext kfunc call in compiled BPF objects that kernel VERSION refuses in\n"
"the callback or program it is reached from: the verifier rejects it at load time (7.1\n"
"and later), or the scheduler is ejected when the call runs (6.16 to 7.0). Calls through\n"
"helpers are followed; calls on compat branches VERSION does not take (bpf_ksym_exists())\n"
"are not reported. Works on any object built with BTF (clang -g).\n"
"\n"
"  -k, --kernel VERSION  kernel whose rules apply: a release of a series from 6.16 to 7.3,\n"
"                        e.g. 7.0.13 or $(uname -r) (default: the newest static-filter\n"
"                        kernel, %s); all: every kernel of the table, in turn\n"
"  -f, --format FORMAT   text (compiler-style diagnostics, the default) or json\n"
"  -h, --help            show this help\n"
"\n"
"Exit status: 0 no violation, 1 violations found, 2 bad usage or an unreadable object.\n";

static const char *default_kernel(void)
{
	size_t k;

	for (k = scx_nr_kernels; k-- > 0;)
		if (!scx_kernels[k].runtime)
			return scx_kernels[k].version;
	return scx_kernels[scx_nr_kernels - 1].version;
}

static void usage(FILE *out)
{
	fprintf(out, usage_text, default_kernel());
}

/* "ops.enqueue()", "a syscall program", ... */
static void ctx_phrase(const struct scx_call_site *s, const struct scx_obj_scan *scan,
		       char *buf, size_t len)
{
	size_t i;

	switch (s->kind) {
	case SCX_SITE_OP:
		snprintf(buf, len, "ops.%s()", s->ctx);
		return;
	case SCX_SITE_SYSCALL:
		snprintf(buf, len, "a syscall program");
		return;
	case SCX_SITE_TRACING:
		snprintf(buf, len, "a tracing program");
		return;
	default:
		for (i = 0; i < scan->nr_progs; i++)
			if (!strcmp(scan->progs[i].name, s->prog))
				break;
		snprintf(buf, len, "a %s program",
			 i < scan->nr_progs ? scan->progs[i].type : "non-sched_ext");
	}
}

static const char *why(enum scx_verdict v, bool runtime)
{
	switch (v) {
	case SCX_EJECTS:
		return runtime ?
		       "it loads, and the scheduler is ejected at run time when the call runs" :
		       "the scheduler is ejected at run time when the call runs";
	case SCX_SLEEPABLE_ONLY:
		return "the verifier rejects it: the kfunc needs a sleepable program";
	default:
		return "the verifier rejects it";
	}
}

/* The contexts (callback names, "syscall", "tracing") where KFUNC is allowed on kernel K. */
static size_t allowed_ctxs(const char *kfunc, int k, const char **out, size_t max)
{
	static const char *const pseudo[] = { SCX_CTX_SYSCALL, SCX_CTX_TRACING };
	size_t i, j, n = 0;

	for (i = 0; i < scx_nr_cb_rows && n < max; i++) {
		const struct scx_cb_row *cb = &scx_cb_rows[i];

		if (!(cb->kernels & (1u << scx_kernels[k].bit)) ||
		    scx_verdict(k, cb->name, kfunc) != SCX_ALLOWED)
			continue;
		for (j = 0; j < n && strcmp(out[j], cb->name); j++)
			;
		if (j == n)
			out[n++] = cb->name;
	}
	for (i = 0; i < 2 && n < max; i++)
		if (scx_verdict(k, pseudo[i], kfunc) == SCX_ALLOWED)
			out[n++] = pseudo[i];
	return n;
}

#define MAX_CTXS	128

/* The same as a phrase: "ops.dispatch(), syscall programs". */
static void allowed_in(const char *kfunc, int k, char *buf, size_t len)
{
	const char *ctx[MAX_CTXS];
	size_t n = allowed_ctxs(kfunc, k, ctx, MAX_CTXS), i, off = 0;
	bool pseudo;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++) {
		pseudo = !strcmp(ctx[i], SCX_CTX_SYSCALL) || !strcmp(ctx[i], SCX_CTX_TRACING);
		off += (size_t)snprintf(buf + off, len - off,
					pseudo ? "%s%s programs" : "%sops.%s()", i ? ", " : "",
					ctx[i]);
	}
	if (!n)
		snprintf(buf, len, "no callback or program");
}

/* The call's line in the source: for a wrapper inlined from a header, the caller's call. */
static void line_col(const struct scx_call_site *s, const struct scx_obj_scan *scan, int k,
		     unsigned int *line, unsigned int *col)
{
	scx_call_site_where(scan, (size_t)(s - scan->sites), k, line, col);
}

static void location(const struct scx_call_site *s, const struct scx_obj_scan *scan, int k,
		     char *buf, size_t len)
{
	unsigned int line, col;

	line_col(s, scan, k, &line, &col);
	if (s->file[0])
		snprintf(buf, len, "%s:%u:%u", s->file, line, col);
	else
		snprintf(buf, len, "%s:%s+%zu", scan->path, s->sec, s->insn);
}

/* The finding's main sentence and its [groups], shared by both formats. */
static void describe(const struct scx_call_site *s, const struct scx_obj_scan *scan, int k,
		     enum scx_verdict v, char *msg, size_t len, char *groups, size_t glen)
{
	const struct scx_kf_row *kf = scx_kf_find(s->kfunc, k);
	char ctx[96];

	groups[0] = '\0';
	if (kf)
		scx_kf_groups_str(kf, scx_kernels[k].runtime, groups, glen);
	ctx_phrase(s, scan, ctx, sizeof(ctx));
	snprintf(msg, len, "%s() [%s] is not allowed in %s on %s: %s", s->kfunc, groups, ctx,
		 scx_kernels[k].version, why(v, scx_kernels[k].runtime));
}

static void print_text(const struct scx_call_site *s, const struct scx_obj_scan *scan, int k,
		       enum scx_verdict v)
{
	const struct scx_cb_row *cb;
	char loc[320], msg[512], groups[128], buf[1024];

	location(s, scan, k, loc, sizeof(loc));
	describe(s, scan, k, v, msg, sizeof(msg), groups, sizeof(groups));
	printf("%s: error: %s\n", loc, msg);
	printf("%s: note: call chain: %s\n", loc, s->chain);
	if (s->inl_file[0])
		printf("%s: note: inlined from %s:%d\n", loc, s->inl_file, s->inl_line);
	if (strcmp(s->sym, s->kfunc))
		printf("%s: note: declared as %s, which libbpf resolves to %s()\n", loc, s->sym,
		       s->kfunc);
	if (s->kind == SCX_SITE_OP && (cb = scx_cb_find(s->ctx, k))) {
		scx_cb_groups_str(cb, scx_kernels[k].runtime, buf, sizeof(buf));
		printf("%s: note: ops.%s() allows %s\n", loc, s->ctx, buf);
	}
	if (v == SCX_SLEEPABLE_ONLY && !s->sleepable && s->kind == SCX_SITE_OP &&
	    (cb = scx_cb_find(s->ctx, k)) && (cb->flags & SCX_CB_SLEEPABLE))
		printf("%s: note: ops.%s() may be sleepable: put it in SEC(\"struct_ops.s/...\")\n",
		       loc, s->ctx);
	allowed_in(s->kfunc, k, buf, sizeof(buf));
	printf("%s: note: %s() is allowed in %s\n", loc, s->kfunc, buf);
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_field(const char *key, const char *val, bool last)
{
	json_str(key);
	putchar(':');
	json_str(val);
	fputs(last ? "" : ",", stdout);
}

static void print_json(const struct scx_call_site *s, const struct scx_obj_scan *scan, int k,
		       enum scx_verdict v, bool first)
{
	const char *ctx[MAX_CTXS];
	char msg[512], groups[128];
	unsigned int line, col;
	size_t n, i;

	line_col(s, scan, k, &line, &col);
	describe(s, scan, k, v, msg, sizeof(msg), groups, sizeof(groups));
	n = allowed_ctxs(s->kfunc, k, ctx, MAX_CTXS);
	printf("%s\n    {", first ? "" : ",");
	json_field("kernel", scx_kernels[k].version, false);
	json_field("object", scan->path, false);
	json_field("file", s->file, false);
	printf("\"line\":%u,\"col\":%u,", line, col);
	json_field("inlined_from", s->inl_file, false);
	printf("\"inlined_line\":%d,", s->inl_line);
	json_field("section", s->sec, false);
	printf("\"insn\":%zu,", s->insn);
	json_field("program", s->prog, false);
	json_field("context", s->ctx, false);
	json_field("kfunc", s->kfunc, false);
	json_field("symbol", s->sym, false);
	json_field("base", s->base, false);
	json_field("groups", groups, false);
	json_field("verdict", scx_verdict_str(v), false);
	json_field("chain", s->chain, false);
	fputs("\"allowed_in\":[", stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", stdout);
		json_str(ctx[i]);
	}
	fputs("],", stdout);
	json_field("message", msg, true);
	putchar('}');
}

/* Check one object; returns the number of findings, or -1 if it could not be read. */
static int check_one(const char *path, struct check_opts *o, bool *first_json,
		     char **errors, size_t *nr_errors)
{
	struct scx_obj_scan *scan;
	char err[512];
	size_t i;
	int k, found = 0;

	if (scx_obj_scan_file(path, &scan, err, sizeof(err))) {
		if (!o->json)
			fprintf(stderr, "scopex check: %s\n", err);
		errors[(*nr_errors)++] = strdup(err);
		return -1;
	}
	if (scan->truncated)
		fprintf(stderr, "scopex check: warning: %s: too large to follow every path; "
			"some calls were not checked\n", path);
	for (k = 0; k < (int)scx_nr_kernels; k++) {
		if (o->k >= 0 && k != o->k)
			continue;
		for (i = 0; i < scan->nr_sites; i++) {
			const struct scx_call_site *s = &scan->sites[i];
			enum scx_verdict v = scx_call_site_verdict(s, k);

			if (v == SCX_ALLOWED || v == SCX_ABSENT)
				continue;
			if (o->json)
				print_json(s, scan, k, v, *first_json);
			else
				print_text(s, scan, k, v);
			*first_json = false;
			o->found[k]++;
			found++;
		}
	}
	scx_obj_scan_free(scan);
	return found;
}

/* "2 violations on 7.3.4", or with --kernel all each kernel's count. */
static void print_summary(const struct check_opts *o, int total)
{
	size_t k;

	printf("%d violation%s on ", total, total == 1 ? "" : "s");
	if (o->k >= 0) {
		printf("%s\n", scx_kernels[o->k].version);
		return;
	}
	printf("%zu kernels:", scx_nr_kernels);
	for (k = 0; k < scx_nr_kernels; k++)
		printf(" %s %d%s", scx_kernels[k].version, o->found[k],
		       k + 1 < scx_nr_kernels ? "," : "\n");
}

static int parse_opts(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kernel = default_kernel();
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "k:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			kernel = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
				fprintf(stderr, "scopex check: unknown format '%s' (text, json)\n",
					optarg);
				return EXIT_USAGE;
			}
			o->json = !strcmp(optarg, "json");
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!strcmp(kernel, "all")) {
		o->k = -1;
	} else {
		kernel = scopex_kernel_resolve(kernel, "scopex check");
		if (!kernel)
			return EXIT_USAGE;
		o->k = scx_kernel_index(kernel);
	}
	if (optind >= argc) {
		fprintf(stderr, "scopex check: no object given\n\n");
		usage(stderr);
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o;
	bool first = true;
	char **errors;
	size_t nr_errors = 0, i;
	int ret, n, total = 0, nobj;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret;
	nobj = argc - optind;
	errors = calloc((size_t)nobj, sizeof(*errors));
	if (!errors)
		return EXIT_USAGE;
	if (o.json)
		printf("{\"kernel\":\"%s\",\"findings\":[",
		       o.k >= 0 ? scx_kernels[o.k].version : "all");
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		n = check_one(argv[i], &o, &first, errors, &nr_errors);
		if (n > 0)
			total += n;
	}
	if (o.json) {
		printf("%s],\"errors\":[", first ? "" : "\n  ");
		for (i = 0; i < nr_errors; i++) {
			fputs(i ? "," : "", stdout);
			json_str(errors[i] ? errors[i] : "out of memory");
		}
		printf("],\"objects\":%d,\"violations\":%d}\n", nobj, total);
	} else if (total) {
		print_summary(&o, total);
	}
	for (i = 0; i < nr_errors; i++)
		free(errors[i]);
	free(errors);
	return nr_errors ? EXIT_USAGE : total ? EXIT_VIOLATIONS : 0;
}
