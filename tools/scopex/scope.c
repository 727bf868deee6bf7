// SPDX-License-Identifier: GPL-2.0
/*
 * scopex scope: browse the scope table. "What may I call from ops.enqueue()?", "Where may
 * I call scx_bpf_dsq_move_to_local()?", or the whole kernel as csv / json.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scope.h"
#include "scopex.h"

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON };

struct scope_opts {
	int kernel;		/* index into scx_kernels[], -1: every kernel */
	enum fmt fmt;
	const char *query;	/* callback or kfunc, NULL: everything */
};

static const char usage_text[] =
"Usage: scopex scope [--kernel VERSION|all] [--format text|csv|json] [CALLBACK|KFUNC]\n"
"\n"
"Show which kfuncs each sched_ext callback may call, from the scope table.\n"
"  CALLBACK   e.g. enqueue or ops.enqueue, or the contexts syscall and tracing:\n"
"             the kfuncs it may call and those it may not, with the verdict\n"
"  KFUNC      e.g. scx_bpf_dsq_move_to_local (compat names resolve per kernel):\n"
"             its group and the callbacks that may call it\n"
"  -k, --kernel VERSION  kernel whose rules apply (default 7.3.4): a release of a series\n"
"                        from 6.16 to 7.3, e.g. $(uname -r); 'all' with csv/json\n"
"  -f, --format FORMAT   text (default), csv (kernel,callback,kfunc,verdict), json\n"
"\n"
"Verdicts: allowed; rejected (the verifier refuses the program); ejects (it loads, the\n"
"first call ejects the scheduler); sleepable-only (needs a sleepable program).\n";

/* Accept "ops.enqueue", "ops.enqueue()" and "enqueue". */
static const char *strip_ops(const char *q, char *buf, size_t len)
{
	size_t n;

	if (!strncmp(q, "ops.", 4))
		q += 4;
	snprintf(buf, len, "%s", q);
	n = strlen(buf);
	if (n > 2 && !strcmp(buf + n - 2, "()"))
		buf[n - 2] = '\0';
	return buf;
}

/* Unique contexts present on kernel K (callbacks, then syscall and tracing). */
static size_t contexts(int k, const char **out, size_t max)
{
	size_t n = 0, i, j;

	for (i = 0; i < scx_nr_cb_rows && n + 2 < max; i++) {
		if (!(scx_cb_rows[i].kernels & (1u << k)))
			continue;
		for (j = 0; j < n && strcmp(out[j], scx_cb_rows[i].name); j++)
			;
		if (j == n)
			out[n++] = scx_cb_rows[i].name;
	}
	out[n++] = SCX_CTX_SYSCALL;
	out[n++] = SCX_CTX_TRACING;
	return n;
}

static bool is_callable(const struct scx_kf_row *kf)
{
	return !(kf->flags & SCX_KF_NOT_KFUNC);
}

static void emit_row(const struct scope_opts *o, int k, const char *ctx, const char *kf,
		     enum scx_verdict v, bool *first)
{
	if (o->fmt == FMT_CSV) {
		printf("%s,%s,%s,%s\n", scx_kernels[k].version, ctx, kf, scx_verdict_str(v));
		return;
	}
	printf("%s\n  {\"kernel\": \"%s\", \"callback\": \"%s\", \"kfunc\": \"%s\", "
	       "\"verdict\": \"%s\"}", *first ? "" : ",", scx_kernels[k].version, ctx, kf,
	       scx_verdict_str(v));
	*first = false;
}

/* csv / json: one row per context x kfunc on each selected kernel, filtered by the query. */
static int dump_rows(const struct scope_opts *o, const char *cb_q, const char *kf_q)
{
	bool first = true;
	size_t k, c, i;

	if (o->fmt == FMT_CSV)
		printf("kernel,callback,kfunc,verdict\n");
	else
		printf("[");
	for (k = 0; k < scx_nr_kernels; k++) {
		const char *ctx[128];
		size_t nctx;

		if (o->kernel >= 0 && (int)k != o->kernel)
			continue;
		nctx = contexts((int)k, ctx, 128);
		for (c = 0; c < nctx; c++) {
			if (cb_q && strcmp(cb_q, ctx[c]))
				continue;
			for (i = 0; i < scx_nr_kf_rows; i++) {
				const struct scx_kf_row *kf = &scx_kf_rows[i];
				char base[96];

				if (!(kf->kernels & (1u << k)) || !is_callable(kf))
					continue;
				if (kf_q && strcmp(kf_q, kf->name) &&
				    strcmp(kf_q, scx_kfunc_base(kf->name, base, sizeof(base))))
					continue;
				emit_row(o, (int)k, ctx[c], kf->name,
					 scx_verdict((int)k, ctx[c], kf->name), &first);
			}
		}
	}
	if (o->fmt == FMT_JSON)
		printf("\n]\n");
	return 0;
}

static void text_callback(int k, const char *cb)
{
	const struct scx_cb_row *row = scx_cb_find(cb, k);
	bool runtime = scx_kernels[k].runtime;
	int v, pass;
	char buf[160];
	size_t i;

	if (row) {
		scx_cb_groups_str(row, runtime, buf, sizeof(buf));
		printf("ops.%s() on %s (%s): %s%s\n", cb, scx_kernels[k].version,
		       runtime ? "run-time mask" : "static verifier filter", buf,
		       (row->flags & SCX_CB_SLEEPABLE) ? "; may be sleepable" : "");
	} else {
		printf("%s programs on %s (%s)\n", cb, scx_kernels[k].version,
		       runtime ? "run-time mask" : "static verifier filter");
	}
	/* Context-sensitive kfuncs first by verdict; the always-allowed ones summarised. */
	for (pass = 0; pass < 2; pass++) {
		for (v = SCX_ALLOWED; v <= SCX_SLEEPABLE_ONLY; v++) {
			bool header = false;

			for (i = 0; i < scx_nr_kf_rows; i++) {
				const struct scx_kf_row *kf = &scx_kf_rows[i];
				bool sensitive;

				if (!(kf->kernels & (1u << k)) || !is_callable(kf) ||
				    scx_verdict(k, cb, kf->name) != (enum scx_verdict)v)
					continue;
				sensitive = scx_kfunc_context_sensitive(kf->name);
				if (sensitive != !pass)
					continue;
				if (!header) {
					printf("\n  %s%s:\n", scx_verdict_str(v),
					       pass ? " (context-insensitive)" : "");
					header = true;
				}
				scx_kf_groups_str(kf, runtime, buf, sizeof(buf));
				printf("    %-40s %s\n", kf->name, buf);
			}
		}
	}
}

static void text_kfunc(int k, const char *name)
{
	const struct scx_kf_row *kf = scx_kf_find(name, k);
	const char *ctx[128];
	size_t nctx = contexts(k, ctx, 128), c;
	int v;
	char buf[160];

	if (!kf) {
		printf("%s: not in %s\n", name, scx_kernels[k].version);
		return;
	}
	scx_kf_groups_str(kf, scx_kernels[k].runtime, buf, sizeof(buf));
	printf("%s() on %s: %s%s%s\n", name, scx_kernels[k].version, buf,
	       (kf->flags & SCX_KF_SLEEPABLE) ? ", sleepable" : "",
	       (kf->flags & SCX_KF_DEPRECATED) ? ", deprecated" : "");
	/* the scoping rules stand for the series; this build's missing prototype does not */
	if (kf->flags & SCX_KF_NO_PROTO)
		printf("  not callable on Debian's %s build: its BTF has no %s_impl prototype\n"
		       "  (other builds of the series may have it: below are the series' rules)\n",
		       scx_kernels[k].version, name);
	for (v = SCX_ALLOWED; v <= SCX_SLEEPABLE_ONLY; v++) {
		size_t col = 0;

		for (c = 0; c < nctx; c++) {
			if (scx_verdict_rules(k, ctx[c], name) != (enum scx_verdict)v)
				continue;
			if (!col)
				printf("\n  %s in:\n   ", scx_verdict_str(v));
			col += strlen(ctx[c]) + 1;
			if (col > 90) {
				printf("\n   ");
				col = strlen(ctx[c]) + 1;
			}
			printf(" %s", ctx[c]);
		}
		if (col)
			putchar('\n');
	}
}

static int parse_opts(int argc, char **argv, struct scope_opts *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *version;
	int c;

	*o = (struct scope_opts){ .kernel = scx_kernel_index("7.3.4"), .fmt = FMT_TEXT };
	while ((c = getopt_long(argc, argv, "k:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (!strcmp(optarg, "all"))
				o->kernel = -1;
			else if (!(version = scopex_kernel_resolve(optarg, "scopex scope")))
				return -1;
			else
				o->kernel = scx_kernel_index(version);
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				o->fmt = FMT_TEXT;
			else if (!strcmp(optarg, "csv"))
				o->fmt = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				o->fmt = FMT_JSON;
			else {
				fprintf(stderr, "scopex scope: unknown format '%s' (text, csv, json)\n",
					optarg);
				return -1;
			}
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		default:
			fputs(usage_text, stderr);
			return -1;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "scopex scope: one CALLBACK or KFUNC at most\n");
		return -1;
	}
	o->query = optind < argc ? argv[optind] : NULL;
	if (o->kernel < 0 && o->fmt == FMT_TEXT) {
		fprintf(stderr, "scopex scope: --kernel all needs --format csv or json\n");
		return -1;
	}
	return 0;
}

int cmd_scope(int argc, char **argv)
{
	const char *cb_q = NULL, *kf_q = NULL;
	struct scope_opts o;
	char cb[96];

	if (parse_opts(argc, argv, &o))
		return EXIT_USAGE;
	if (o.query) {
		strip_ops(o.query, cb, sizeof(cb));
		if (scx_ctx_known(cb))
			cb_q = cb;
		else if (scx_kfunc_known(o.query) || (o.kernel >= 0 && scx_resolve(o.query, o.kernel)))
			kf_q = o.query;
		else {
			fprintf(stderr, "scopex scope: '%s' is neither a sched_ext callback nor an "
				"SCX kfunc\n", o.query);
			return EXIT_USAGE;
		}
	}
	if (o.fmt != FMT_TEXT)
		return dump_rows(&o, cb_q, kf_q);
	if (cb_q) {
		text_callback(o.kernel, cb_q);
	} else if (kf_q) {
		const char *name = scx_resolve(kf_q, o.kernel);

		text_kfunc(o.kernel, name ? name : kf_q);
	} else {
		const char *ctx[128];
		size_t n = contexts(o.kernel, ctx, 128), i;

		for (i = 0; i < n; i++) {
			text_callback(o.kernel, ctx[i]);
			putchar('\n');
		}
	}
	return 0;
}
