// SPDX-License-Identifier: GPL-2.0
/*
 * lib/objscan on the fixtures: the exact call sites, contexts, chains, lines and guard
 * kernels, the verdicts per kernel, and clean errors on bad input.
 *   test_objscan FIXTURE_SRC_DIR fx_clean.bpf.o fx_bad.bpf.o fx_compat.bpf.o fx_noproto.bpf.o
 * Lines to report carry an EXPECT(context, kfunc) marker in the fixture sources.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "objscan.h"
#include "diag.h"

static int failures;

#define CHECK(cond, fmt, ...)							\
	do {									\
		if (!(cond)) {							\
			failures++;						\
			fprintf(stderr, "FAIL %s:%d: " fmt "\n", __FILE__, __LINE__, \
				##__VA_ARGS__);					\
		}								\
	} while (0)

static const char *src_dir;
static int k734, k7013, k61815;

struct marker {
	int line;
	char ctx[64], kfunc[96];
};

/* The EXPECT(ctx, kfunc) markers of fixture source NAME. */
static size_t read_markers(const char *name, struct marker *m, size_t max)
{
	char path[512], line[512];
	size_t n = 0;
	int nr = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", src_dir, name);
	f = fopen(path, "r");
	CHECK(f, "cannot open %s", path);
	while (f && fgets(line, sizeof(line), f)) {
		char *e = strstr(line, "EXPECT(");

		nr++;
		if (!e || strstr(line, "#define") || n == max)
			continue;
		if (sscanf(e, "EXPECT(%63[^,], %95[^)])", m[n].ctx, m[n].kfunc) == 2)
			m[n++].line = nr;
	}
	if (f)
		fclose(f);
	return n;
}

/* Line of the first line of NAME containing TEXT. */
static int line_of(const char *name, const char *text)
{
	char path[512], line[512];
	int nr = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", src_dir, name);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		nr++;
		if (strstr(line, text)) {
			fclose(f);
			return nr;
		}
	}
	if (f)
		fclose(f);
	return -1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static struct scx_obj_scan *scan(const char *path)
{
	struct scx_obj_scan *s = NULL;
	char err[256] = "";
	int ret = scx_obj_scan_file(path, &s, err, sizeof(err));

	CHECK(!ret && s, "scan %s: %d %s", path, ret, err);
	if (s)
		CHECK(!s->truncated, "%s: truncated", path);
	return s;
}

static const struct scx_call_site *find_site(const struct scx_obj_scan *s, const char *ctx,
					     const char *kfunc)
{
	size_t i;

	for (i = 0; s && i < s->nr_sites; i++)
		if (!strcmp(s->sites[i].ctx, ctx) && !strcmp(s->sites[i].kfunc, kfunc))
			return &s->sites[i];
	return NULL;
}

static void test_kernel_names(void)
{
	static const char *const cases[][2] = {
		{ "scx_bpf_dsq_move_to_local___v2___compat", "scx_bpf_dsq_move_to_local___v2" },
		{ "scx_bpf_dsq_insert___v2___scx", "scx_bpf_dsq_insert___v2" },
		{ "scx_bpf_dsq_move_to_local___v2", "scx_bpf_dsq_move_to_local" },
		{ "scx_bpf_consume___old", "scx_bpf_consume" },
		{ "__scx_bpf_dsq_insert_vtime", "__scx_bpf_dsq_insert_vtime" },
		{ "scx_bpf_now", "scx_bpf_now" },
		{ "a____b", "a____b" },		/* no X___Y: '_' on both sides */
		{ "x___", "x___" },
		{ "", "" },
	};
	char buf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(!strcmp(scx_ksym_kernel_name(cases[i][0], buf, sizeof(buf)), cases[i][1]),
		      "kernel name of '%s': '%s', want '%s'", cases[i][0], buf, cases[i][1]);
}

static void test_clean(const char *path)
{
	struct scx_obj_scan *s = scan(path);
	size_t i, k, nsleep = 0;

	if (!s)
		return;
	CHECK(s->nr_progs == 7, "fx_clean: %zu programs, want 7", s->nr_progs);
	CHECK(s->nr_sites == 11, "fx_clean: %zu sites, want 11", s->nr_sites);
	for (i = 0; i < s->nr_progs; i++)
		nsleep += s->progs[i].sleepable;
	CHECK(nsleep == 2, "fx_clean: %zu sleepable programs, want 2 (init, syscall)", nsleep);
	for (i = 0; i < s->nr_sites; i++)
		for (k = 0; k < scx_nr_kernels; k++)
			CHECK(scx_call_site_verdict(&s->sites[i], (int)k) == SCX_ALLOWED ||
			      scx_call_site_verdict(&s->sites[i], (int)k) == SCX_ABSENT,
			      "fx_clean: %s in %s is %s on %s", s->sites[i].kfunc, s->sites[i].ctx,
			      scx_verdict_str(scx_call_site_verdict(&s->sites[i], (int)k)),
			      scx_kernels[k].version);
	CHECK(find_site(s, SCX_CTX_SYSCALL, "scx_bpf_create_dsq") &&
	      find_site(s, SCX_CTX_SYSCALL, "scx_bpf_create_dsq")->kind == SCX_SITE_SYSCALL,
	      "fx_clean: no syscall site");
	CHECK(find_site(s, SCX_CTX_TRACING, "scx_bpf_task_running") &&
	      find_site(s, SCX_CTX_TRACING, "scx_bpf_task_running")->kind == SCX_SITE_TRACING,
	      "fx_clean: no tracing site");
	scx_obj_scan_free(s);
}

/* Every marker is a violation on 7.3.4 at its line, and nothing else is. */
static void test_bad_markers(const struct scx_obj_scan *s)
{
	struct marker m[32];
	size_t nm = read_markers("fx_bad.bpf.c", m, 32), i, j, nbad = 0;

	CHECK(nm == 9, "fx_bad: %zu markers, want 9", nm);
	for (i = 0; i < s->nr_sites; i++) {
		const struct scx_call_site *c = &s->sites[i];

		if (scx_call_site_verdict(c, k734) == SCX_ALLOWED)
			continue;
		nbad++;
		for (j = 0; j < nm; j++)
			if (c->line == m[j].line && !strcmp(c->ctx, m[j].ctx) &&
			    !strcmp(c->kfunc, m[j].kfunc))
				break;
		CHECK(j < nm, "fx_bad: unexpected violation %s:%d %s in '%s'", c->file, c->line,
		      c->kfunc, c->ctx);
		CHECK(!strcmp(base_name(c->file), "fx_bad.bpf.c"), "fx_bad: file %s", c->file);
	}
	CHECK(nbad == nm, "fx_bad: %zu violations on 7.3.4, want %zu", nbad, nm);
}

static void test_bad(const char *path)
{
	struct scx_obj_scan *s = scan(path);
	const struct scx_call_site *c;
	size_t i, n = 0;

	if (!s)
		return;
	test_bad_markers(s);
	/* the shared helper: reported once per callback, with its chain */
	for (i = 0; i < s->nr_sites; i++) {
		bool dispatch;
		char chain[128];

		c = &s->sites[i];
		if (strcmp(c->kfunc, "scx_bpf_dsq_move_to_local") || strstr(c->chain, "enqueue"))
			continue;
		n++;
		dispatch = !strcmp(c->ctx, "dispatch");
		snprintf(chain, sizeof(chain), "%s -> consume_shared -> scx_bpf_dsq_move_to_local",
			 dispatch ? "dispatch" : "tick");
		CHECK(c->line == line_of("fx_bad.bpf.c", "return scx_bpf_dsq_move_to_local(dsq_id)"),
		      "shared helper line %d", c->line);
		CHECK(!strcmp(c->chain, chain), "%s chain %s", c->ctx, c->chain);
		CHECK(scx_call_site_verdict(c, k734) == (dispatch ? SCX_ALLOWED : SCX_REJECTED),
		      "shared helper in %s", c->ctx);
	}
	CHECK(n == 2, "shared helper: %zu sites, want 2", n);
	c = find_site(s, "running", "scx_bpf_dsq_move_to_local___v2");
	CHECK(c && !strcmp(c->sym, "scx_bpf_dsq_move_to_local___v2___scx") &&
	      !strcmp(c->base, "scx_bpf_dsq_move_to_local"), "compat-suffixed site");
	c = find_site(s, "stopping", "scx_bpf_dispatch_cancel");
	CHECK(c && !strcmp(c->chain, "stopping -> loop_cb -> scx_bpf_dispatch_cancel"),
	      "bpf_loop callback: %s", c ? c->chain : "missing");
	c = find_site(s, "", "scx_bpf_dispatch_cancel");
	CHECK(c && c->kind == SCX_SITE_UNATTACHED && !strcmp(c->prog, "fx_unused") &&
	      scx_call_site_verdict(c, k734) == SCX_ALLOWED, "unattached program");
	c = find_site(s, "init", "scx_bpf_create_dsq");
	CHECK(c && !c->sleepable && scx_call_site_verdict(c, k734) == SCX_SLEEPABLE_ONLY,
	      "non-sleepable init");
	c = find_site(s, "cgroup_set_weight", "scx_bpf_create_dsq");
	CHECK(c && scx_call_site_verdict(c, k734) == SCX_SLEEPABLE_ONLY, "cgroup_set_weight");
	c = find_site(s, "tick", "scx_bpf_dump_bstr");
	CHECK(c && scx_call_site_verdict(c, k734) == SCX_EJECTS, "dump_bstr outside dump");
	c = find_site(s, SCX_CTX_SYSCALL, "scx_bpf_dsq_insert");
	CHECK(c && c->sleepable && scx_call_site_verdict(c, k734) == SCX_REJECTED, "syscall");
	c = find_site(s, SCX_CTX_TRACING, "scx_bpf_create_dsq");
	CHECK(c && scx_call_site_verdict(c, k734) == SCX_REJECTED, "tracing");
	c = find_site(s, "enqueue", "scx_bpf_dsq_move_to_local");
	CHECK(c && scx_call_site_verdict(c, k61815) == SCX_EJECTS, "6.18.15: enqueue ejects");
	scx_obj_scan_free(s);
}

static void test_compat(const char *path)
{
	static const struct {
		const char *kfunc;
		unsigned int live;
		const char *hdr_text;
		bool named;	/* the caller's source names the kfunc: the call is found */
	} want[] = {
		{ "scx_bpf_dsq_reenq", SCX_K_STATIC, "scx_bpf_dsq_reenq___compat(SCX_DSQ_LOCAL",
		  false },
		{ "scx_bpf_reenqueue_local___v2", SCX_K_6_19 | SCX_K_7_0,
		  "\t\tscx_bpf_reenqueue_local___v2___compat();", true },
		{ "scx_bpf_reenqueue_local", SCX_K_6_16 | SCX_K_6_17 | SCX_K_6_18,
		  "\t\tscx_bpf_reenqueue_local___v1();", true },
	};
	struct scx_obj_scan *s = scan(path);
	const struct scx_call_site *c;
	struct marker m[2];
	unsigned int line, col;
	size_t i;
	int k;

	if (!s)
		return;
	CHECK(read_markers("fx_compat.bpf.c", m, 2) == 1, "fx_compat: one marker");
	CHECK(s->nr_sites == 3, "fx_compat: %zu sites, want 3", s->nr_sites);
	for (i = 0; i < 3; i++) {
		c = find_site(s, "dispatch", want[i].kfunc);
		CHECK(c, "fx_compat: no site for %s", want[i].kfunc);
		if (!c)
			continue;
		CHECK(c->guard_kernels == want[i].live, "fx_compat: %s live on 0x%x, want 0x%x",
		      c->kfunc, c->guard_kernels, want[i].live);
		/*
		 * The scan has the caller's line before the call; the call is found in the
		 * source where it names the kfunc, else the scan's line stays.
		 */
		k = want[i].live & SCX_K_6_18 ? k61815 : want[i].live & SCX_K_7_0 ? k7013 : k734;
		scx_call_site_where(s, (size_t)(c - s->sites), k, &line, &col);
		CHECK(c->line < m[0].line && !strcmp(base_name(c->file), "fx_compat.bpf.c") &&
		      (want[i].named ? line == (unsigned int)m[0].line && col == 2 :
				       line == (unsigned int)c->line && col == (unsigned int)c->col),
		      "fx_compat: %s at %s:%d, found at %u:%u (marker line %d)", c->kfunc,
		      c->file, c->line, line, col, m[0].line);
		CHECK(!strcmp(base_name(c->inl_file), "fx_compat.bpf.h") &&
		      c->inl_line == line_of("fx_compat.bpf.h", want[i].hdr_text),
		      "fx_compat: %s inlined from %s:%d", c->kfunc, c->inl_file, c->inl_line);
		CHECK(scx_call_site_verdict(c, k734) == SCX_ALLOWED &&
		      scx_call_site_verdict(c, k7013) == SCX_ALLOWED,
		      "fx_compat: %s not clean on 7.3.4 and 7.0.13", c->kfunc);
		CHECK(scx_call_site_verdict(c, k61815) ==
		      (want[i].live & SCX_K_6_18 ? SCX_EJECTS : SCX_ALLOWED),
		      "fx_compat: %s on 6.18.15: %s", c->kfunc,
		      scx_verdict_str(scx_call_site_verdict(c, k61815)));
	}
	scx_obj_scan_free(s);
}

/*
 * fx_noproto: bpf_ksym_exists(scx_bpf_create_dsq) is false where the build cannot call it
 * (SCX_KF_NO_PROTO, 7.1.13 and 7.2.12), so the fallback is live there and only there.
 */
static void test_noproto(const char *path)
{
	unsigned int fallback = SCX_K_7_1 | SCX_K_7_2;
	struct scx_obj_scan *s = scan(path);
	const struct scx_call_site *ins, *mv;
	int k7113 = scx_kernel_index("7.1.13");

	if (!s)
		return;
	mv = find_site(s, "enqueue", "scx_bpf_dsq_move_to_local");
	ins = find_site(s, "enqueue", "scx_bpf_dsq_insert");
	CHECK(mv && mv->guard_kernels == fallback, "fx_noproto: fallback live on 0x%x, want 0x%x",
	      mv ? mv->guard_kernels : 0, fallback);
	CHECK(ins && ins->guard_kernels == (SCX_K_ALL & ~fallback),
	      "fx_noproto: guarded branch live on 0x%x, want 0x%x", ins ? ins->guard_kernels : 0,
	      SCX_K_ALL & ~fallback);
	CHECK(mv && scx_call_site_verdict(mv, k7113) == SCX_REJECTED &&
	      scx_call_site_verdict(mv, k734) == SCX_ALLOWED,
	      "fx_noproto: move_to_local not rejected on 7.1.13 only");
	scx_obj_scan_free(s);
}

static void expect_error(const void *buf, size_t len, const char *what, int want)
{
	struct scx_obj_scan *s = (void *)1;
	char err[256] = "";
	int ret = scx_obj_scan_mem(buf, len, what, &s, err, sizeof(err));

	CHECK(ret == want && !s && strstr(err, what),
	      "%s: ret %d (want %d), scan %p, message '%s'", what, ret, want, (void *)s, err);
}

static void test_bad_input(const char *obj)
{
	static const char junk[] = "\177ELF\2\1\1 this is not really an object file at all";
	struct scx_obj_scan *s = NULL;
	char err[256] = "", *buf;
	FILE *f = fopen(obj, "rb");
	size_t len;
	int ret;

	expect_error("", 0, "empty", -ENOEXEC);
	expect_error("#!/bin/sh\n", 10, "script", -ENOEXEC);
	expect_error(junk, sizeof(junk), "elf-header-only", -ENOEXEC);
	buf = malloc(1 << 20);
	len = f ? fread(buf, 1, 1 << 20, f) : 0;
	if (f)
		fclose(f);
	CHECK(len > 4096, "read %s", obj);
	expect_error(buf, 300, "truncated-300", -ENOEXEC);
	expect_error(buf, len - 100, "truncated-tail", -ENOEXEC);
	free(buf);
	ret = scx_obj_scan_file("/nonexistent/x.bpf.o", &s, err, sizeof(err));
	CHECK(ret == -ENOENT && !s && strstr(err, "No such file"), "missing: %d '%s'", ret, err);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: %s SRC_DIR fx_clean.bpf.o fx_bad.bpf.o fx_compat.bpf.o "
			"fx_noproto.bpf.o\n", argv[0]);
		return 2;
	}
	src_dir = argv[1];
	k734 = scx_kernel_index("7.3.4");
	k7013 = scx_kernel_index("7.0.13");
	k61815 = scx_kernel_index("6.18.15");
	test_kernel_names();
	test_clean(argv[2]);
	test_bad(argv[3]);
	test_compat(argv[4]);
	test_noproto(argv[5]);
	test_bad_input(argv[2]);
	printf("%s: %d failure%s\n", argv[0], failures, failures == 1 ? "" : "s");
	return failures ? 1 : 0;
}
