// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier log and ejection parsers on real kernel texts (tests/fixtures/logs/<kernel>/,
 * captured in the VM with capture.sh there), on hostile input, and the diagnostics built
 * on them: ejection decoding, kernel matching, log saving.
 *   diag_test LOGS_DIR FIXTURE_OBJ_DIR
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diag.h"
#include "scope.h"
#include "verifier_log.h"

static int failures, checks;

#define CHECK(cond, fmt, ...)							\
	do {									\
		checks++;							\
		if (!(cond)) {							\
			failures++;						\
			printf("FAIL %s:%d: %s: " fmt "\n", __FILE__, __LINE__,	\
			       #cond, ##__VA_ARGS__);				\
		}								\
	} while (0)

static char *read_file(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	char *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		printf("FAIL: cannot read %s: %s\n", path, strerror(errno));
		failures++;
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* What a real log must parse to. */
struct log_case {
	const char *file;
	enum scx_vlog_kind kind;
	const char *kfunc;
	bool structured;
	int insn;			/* -1: do not check */
	const char *src_file;		/* basename as the verifier prints it */
	unsigned int src_line, src_col;	/* col 0: do not check */
	const char *error;		/* prefix of the error line */
	const char *text;		/* substring of the quoted source line */
};

static const struct log_case log_cases[] = {
	/* 7.3.4: plain log plus the structured block */
	{ "7.3.4/dispatch_in_enqueue.log", SCX_VLOG_KFUNC_NOT_ALLOWED,
	  "scx_bpf_dsq_move_to_local___v2", true, 17, "compat.bpf.h", 63, 10,
	  "calling kernel function scx_bpf_dsq_move_to_local___v2 is not allowed",
	  "scx_bpf_dsq_move_to_local___v2___scx(dsq_id, 0)" },
	{ "7.3.4/insert_in_tick.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_dsq_insert___v2", true,
	  -1, "compat.bpf.h", 20, 10, "calling kernel function scx_bpf_dsq_insert___v2", NULL },
	{ "7.3.4/reenqueue_in_dispatch.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_reenqueue_local",
	  true, -1, "reenqueue_in_dispatch.bpf.c", 32, 2, "calling kernel function",
	  "(scx_bpf_reenqueue_local)();" },
	{ "7.3.4/create_dsq_in_dispatch.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_create_dsq",
	  true, -1, "create_dsq_in_dispatch.bpf.c", 31, 0, "calling kernel function scx_bpf_create_dsq",
	  "scx_bpf_create_dsq(SHARED_DSQ + 1" },
	{ "7.3.4/select_cpu_in_dispatch.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_select_cpu_dfl",
	  true, -1, "select_cpu_in_dispatch.bpf.c", 33, 2, "calling kernel function", NULL },
	{ "7.3.4/map_oob.log", SCX_VLOG_OTHER, "", true, 11, "map_oob.bpf.c", 32, 12,
	  "invalid access to map value, value_size=8 off=16 size=8", "w[2]" },
	/* 7.1.13: plain logs, static filter; its build cannot resolve scx_bpf_create_dsq at all */
	{ "7.1.13/dispatch_in_enqueue.log", SCX_VLOG_KFUNC_NOT_ALLOWED,
	  "scx_bpf_dsq_move_to_local___v2", false, 17, "compat.bpf.h", 63, 0,
	  "calling kernel function scx_bpf_dsq_move_to_local___v2 is not allowed", NULL },
	{ "7.1.13/insert_in_tick.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_dsq_insert", false, -1,
	  "compat.bpf.h", 21, 0, "calling kernel function scx_bpf_dsq_insert is", NULL },
	{ "7.1.13/reenqueue_in_dispatch.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_reenqueue_local",
	  false, -1, "reenqueue_in_dispatch.bpf.c", 32, 0, "calling kernel function", NULL },
	{ "7.1.13/create_dsq_in_dispatch.log", SCX_VLOG_KFUNC_UNRESOLVED, "scx_bpf_create_dsq",
	  false, 2, "create_dsq_in_dispatch.bpf.c", 31, 0, "kfunc 'scx_bpf_create_dsq' is referenced",
	  NULL },
	{ "7.1.13/select_cpu_in_dispatch.log", SCX_VLOG_KFUNC_NOT_ALLOWED, "scx_bpf_select_cpu_dfl",
	  false, -1, "select_cpu_in_dispatch.bpf.c", 33, 0, "calling kernel function", NULL },
	{ "7.1.13/map_oob.log", SCX_VLOG_OTHER, "", false, 11, "map_oob.bpf.c", 32, 0,
	  "invalid access to map value", NULL },
	/* 7.0.13 and 6.18.15: runtime kernels refuse only what the verifier itself checks */
	{ "7.0.13/create_dsq_in_dispatch.log", SCX_VLOG_SLEEPABLE, "scx_bpf_create_dsq", false, 2,
	  "create_dsq_in_dispatch.bpf.c", 31, 0,
	  "program must be sleepable to call sleepable kfunc",
	  "scx_bpf_create_dsq(SHARED_DSQ + 1" },
	{ "7.0.13/map_oob.log", SCX_VLOG_OTHER, "", false, 11, "map_oob.bpf.c", 32, 0,
	  "invalid access to map value", NULL },
	{ "6.18.15/create_dsq_in_dispatch.log", SCX_VLOG_SLEEPABLE, "scx_bpf_create_dsq", false, 2,
	  "create_dsq_in_dispatch.bpf.c", 31, 0, "program must be sleepable", NULL },
	{ "6.18.15/map_oob.log", SCX_VLOG_OTHER, "", false, 11, "map_oob.bpf.c", 32, 0,
	  "invalid access to map value", NULL },
};

static void test_real_logs(const char *dir)
{
	size_t i, len;

	for (i = 0; i < sizeof(log_cases) / sizeof(log_cases[0]); i++) {
		const struct log_case *c = &log_cases[i];
		struct scx_vlog v;
		char *log = read_file(dir, c->file, &len);

		if (!log)
			continue;
		CHECK(scx_vlog_parse(log, len, &v) == 0, "%s", c->file);
		CHECK(v.kind == c->kind, "%s: kind %s", c->file, scx_vlog_kind_str(v.kind));
		CHECK(!strcmp(v.kfunc, c->kfunc), "%s: kfunc '%s'", c->file, v.kfunc);
		CHECK(v.structured == c->structured, "%s: structured %d", c->file, v.structured);
		CHECK(c->insn < 0 || v.insn == c->insn, "%s: insn %d", c->file, v.insn);
		CHECK(v.insn >= 0, "%s: no instruction", c->file);
		CHECK(!strcmp(v.src.file, c->src_file), "%s: file '%s'", c->file, v.src.file);
		CHECK(v.src.line == c->src_line, "%s: line %u", c->file, v.src.line);
		CHECK(!c->src_col || v.src.col == c->src_col, "%s: col %u", c->file, v.src.col);
		CHECK(!strncmp(v.error, c->error, strlen(c->error)), "%s: error '%s'", c->file,
		      v.error);
		CHECK(!c->text || strstr(v.src.text, c->text), "%s: text '%s'", c->file,
		      v.src.text);
		CHECK(v.nr_annotations > 0, "%s: no annotations", c->file);
		CHECK(v.error_off < len && !strncmp(log + v.error_off, v.error, 20),
		      "%s: error_off %zu", c->file, v.error_off);
		if (c->structured) {
			CHECK(v.category[0] && v.reason[0] && v.func[0], "%s: block '%s' '%s' '%s'",
			      c->file, v.category, v.reason, v.func);
			CHECK(!strncmp(log + v.block_off, "Verification failed", 19) ||
			      !strncmp(log + v.block_off + 1, "Verification failed", 19),
			      "%s: block_off %zu", c->file, v.block_off);
		}
		free(log);
	}
}

/* Exit messages of the runtime kernels' ejections (NAME.exit, one line). */
struct exit_case {
	const char *file;
	unsigned int kf_mask, allowed;
	const char *kfunc, *cb;		/* what the decoding must name */
};

static const struct exit_case exit_cases[] = {
	{ "7.0.13/dispatch_in_enqueue.exit", 0x2, 0x4, "scx_bpf_dsq_move_to_local()",
	  "ops.enqueue()" },
	{ "7.0.13/insert_in_tick.exit", 0x6, 0x10, "scx_bpf_dsq_insert()", "ops.tick()" },
	{ "7.0.13/reenqueue_in_dispatch.exit", 0x1, 0x2, "scx_bpf_reenqueue_local()",
	  "ops.dispatch()" },
	{ "7.0.13/select_cpu_in_dispatch.exit", 0xc, 0x2, "scx_bpf_select_cpu_dfl()",
	  "ops.dispatch()" },
	{ "6.18.15/dispatch_in_enqueue.exit", 0x2, 0x4, "scx_bpf_dsq_move_to_local()",
	  "ops.enqueue()" },
	{ "6.18.15/insert_in_tick.exit", 0x6, 0x10, "scx_bpf_dsq_insert()", "ops.tick()" },
	{ "6.18.15/reenqueue_in_dispatch.exit", 0x1, 0x2, "scx_bpf_reenqueue_local()",
	  "ops.dispatch()" },
	{ "6.18.15/select_cpu_in_dispatch.exit", 0xc, 0x2, "scx_bpf_select_cpu_dfl()",
	  "ops.dispatch()" },
};

static void test_real_exits(const char *dir)
{
	size_t i, len, out_len;

	for (i = 0; i < sizeof(exit_cases) / sizeof(exit_cases[0]); i++) {
		const struct exit_case *c = &exit_cases[i];
		struct scx_diag_kernel kern = { .k = scx_kernel_index(c->file[0] == '7' ? "7.0.13"
										  : "6.18.15") };
		char *msg = read_file(dir, c->file, &len), *out = NULL;
		struct scx_eject e;
		FILE *f;

		if (!msg)
			continue;
		CHECK(scx_eject_parse(msg, len, &e) == 0 && e.kind == SCX_EJECT_MASK, "%s",
		      c->file);
		CHECK(e.kf_mask == c->kf_mask && e.allowed == c->allowed, "%s: 0x%x 0x%x", c->file,
		      e.kf_mask, e.allowed);
		f = open_memstream(&out, &out_len);
		CHECK(scx_diag_exit("t", SCX_EXIT_KIND_ERROR, msg, NULL, &kern, f) == 1, "%s",
		      c->file);
		fclose(f);
		CHECK(strstr(out, c->kfunc) && strstr(out, c->cb), "%s: decoded as:\n%s", c->file,
		      out);
		free(out);
		free(msg);
	}
}

static void test_eject_variants(void)
{
	static const char nested[] = "dispatch kfunc called from a nested operation";
	static const char nested2[] = "xx: cpu_release kfunc called from a nested operation\n";
	static const char task[] = "called on a task not being operated on";
	static const char wording[] = "kfunc with mask 0X1F called from an op only allowing 16";
	struct scx_eject e;

	CHECK(!scx_eject_parse(nested, sizeof(nested), &e) && e.kind == SCX_EJECT_NESTED &&
	      !strcmp(e.group, "dispatch"), "group '%s'", e.group);
	CHECK(!scx_eject_parse(nested2, sizeof(nested2), &e) && e.kind == SCX_EJECT_NESTED &&
	      !strcmp(e.group, "cpu_release"), "group '%s'", e.group);
	CHECK(!scx_eject_parse(task, sizeof(task), &e) && e.kind == SCX_EJECT_TASK, "%d", e.kind);
	CHECK(!scx_eject_parse(wording, sizeof(wording), &e) && e.kind == SCX_EJECT_MASK &&
	      e.kf_mask == 0x1f && e.allowed == 16, "0x%x 0x%x", e.kf_mask, e.allowed);
	CHECK(!scx_eject_parse("scx_bpf_error says hi", 21, &e) && e.kind == SCX_EJECT_NONE, "%d",
	      e.kind);
	CHECK(!scx_eject_parse("kfunc with mask", 15, &e) && e.kind == SCX_EJECT_NONE, "%d",
	      e.kind);
	CHECK(scx_eject_parse(NULL, 0, &e) == -EINVAL, "NULL accepted");
}

/* Wording drift, CRLF, no trailing newline, NULs, huge lines, truncation. */
static void test_hostile_logs(void)
{
	static const char drift[] = "5: (85) call foo#1\r\n; x = foo(); @ a.c:7\r\n"
				    "6: (85) call scx_bpf_bar#2\r\n"
				    "Calling Kernel Function scx_bpf_bar is NOT allowed here";
	static const char nul[] = "1: (b7) r1 = 0\n; y @ b.c:3\nprogram must be sleepable \0 "
				  "to call sleepable kfunc scx_bpf_create_dsq\n";
	static const char trunc_block[] = "calling kernel function k is not allowed\n\n"
					  "Verification failed: Policy: Operation is not allowed\n"
					  "\nAt:\n  fn @ dir/f.c:12:";
	char *big = malloc(1 << 20);
	struct scx_vlog v;
	size_t i;

	CHECK(!scx_vlog_parse(drift, sizeof(drift) - 1, &v) &&
	      v.kind == SCX_VLOG_KFUNC_NOT_ALLOWED &&
	      !strcmp(v.kfunc, "scx_bpf_bar") && v.insn == 6 && v.src.line == 7, "%s %s %d %u",
	      scx_vlog_kind_str(v.kind), v.kfunc, v.insn, v.src.line);
	CHECK(!scx_vlog_parse(nul, sizeof(nul) - 1, &v) && v.kind == SCX_VLOG_SLEEPABLE &&
	      !strcmp(v.kfunc, "scx_bpf_create_dsq"), "%s '%s'", scx_vlog_kind_str(v.kind),
	      v.kfunc);
	CHECK(!scx_vlog_parse(trunc_block, sizeof(trunc_block) - 1, &v) && v.structured &&
	      v.kind == SCX_VLOG_KFUNC_NOT_ALLOWED && !strcmp(v.func, "fn") &&
	      !strcmp(v.src.file, "dir/f.c") && v.src.line == 12, "'%s' '%s' %u", v.func,
	      v.src.file, v.src.line);
	CHECK(!scx_vlog_parse("", 0, &v) && v.kind == SCX_VLOG_NONE && v.insn == -1, "%d", v.kind);
	CHECK(scx_vlog_parse(NULL, 0, &v) == -EINVAL, "NULL accepted");
	if (!big)
		return;
	/* one 1 MiB line of identifier characters, then the same without any newline */
	memset(big, 'a', 1 << 20);
	memcpy(big, "calling kernel function ", 24);
	memcpy(big + (1 << 20) - 16, " is not allowed\n", 16);
	CHECK(!scx_vlog_parse(big, 1 << 20, &v) && v.kind == SCX_VLOG_KFUNC_NOT_ALLOWED &&
	      strlen(v.kfunc) == SCX_VLOG_NAME_LEN - 1 && strlen(v.error) == SCX_VLOG_TEXT_LEN - 1,
	      "%zu %zu", strlen(v.kfunc), strlen(v.error));
	for (i = 0; i < (1 << 20); i++)
		big[i] = (char)(i * 7 + 3);
	CHECK(!scx_vlog_parse(big, 1 << 20, &v), "random bytes");
	CHECK(scx_vlog_tail("a\nb\nc\n", 6, 2) == 2 && scx_vlog_tail("a\nb\nc", 5, 1) == 4 &&
	      scx_vlog_tail("abc", 3, 5) == 0, "tail");
	free(big);
}

static void test_kernels(void)
{
	bool exact;
	int k;

	k = scx_diag_kernel_nearest("7.0.13+deb13-cloud-amd64", &exact);
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "7.0.13") && exact, "%d", k);
	k = scx_diag_kernel_nearest("6.18.20", &exact);
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "6.18.15") && !exact, "%d", k);
	k = scx_diag_kernel_nearest("7.4.0-rc1", &exact);
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "7.3.4") && !exact, "%d", k);
	k = scx_diag_kernel_nearest("6.1", &exact);
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "6.16.12"), "%d", k);
	CHECK(scx_diag_kernel_nearest("linux", &exact) == -1, "garbage accepted");
	CHECK(scx_diag_kernel_nearest("7", &exact) == -1, "no minor accepted");

	/* a series, unlike the nearest kernel, is never another series */
	k = scx_diag_kernel_series("7.3.1-rc2");
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "7.3.4"), "%d", k);
	k = scx_diag_kernel_series("6.18");
	CHECK(k >= 0 && !strcmp(scx_kernels[k].version, "6.18.15"), "%d", k);
	CHECK(scx_diag_kernel_series("7.4.0") == -1, "7.4 taken as a series of the table");
	CHECK(scx_diag_kernel_series("7.30.1") == -1, "7.30 taken as 7.3");
	CHECK(scx_diag_kernel_series("6.1") == -1, "6.1 taken as a series of the table");
	CHECK(scx_diag_kernel_series("7.") == -1 && scx_diag_kernel_series("x7.3") == -1,
	      "garbage accepted");
}

/* A refusal explained from a real 7.3.4 log, with the object opened but not loadable here. */
static void test_load_failure(const char *dir, const char *objs)
{
	struct scx_diag_kernel kern = { .k = scx_kernel_index("7.3.4") };
	char tmpl[] = "/tmp/diag_test.XXXXXX", obj_path[4096], *out = NULL, *saved, *log;
	struct scx_load_failure f = { .sz = sizeof(f), .name = "t", .err = -EACCES, .kern = &kern };
	size_t len, out_len, saved_len;
	const char *p;
	FILE *mem;

	log = read_file(dir, "7.3.4/dispatch_in_enqueue.log", &len);
	snprintf(obj_path, sizeof(obj_path), "%s/dispatch_in_enqueue.bpf.o", objs);
	f.obj = bpf_object__open_file(obj_path, NULL);
	CHECK(f.obj && log && mkdtemp(tmpl), "cannot set up: %s", obj_path);
	if (!f.obj || !log)
		return;
	f.log = log;
	f.log_len = len;
	f.log_dir = tmpl;
	f.obj_path = obj_path;
	f.prog = bpf_object__find_program_by_name(f.obj, "bad_enqueue");
	mem = open_memstream(&out, &out_len);
	CHECK(scx_diag_load_failure(&f, mem) == 1, "not a scoping error");
	fclose(mem);
	CHECK(strstr(out, "error: scx_bpf_dsq_move_to_local() [group dispatch] is not allowed in ")
	      && strstr(out, " on 7.3.4\n"), "%s", out);
	CHECK(strstr(out, "is allowed in: ops.dispatch()"), "%s", out);
	CHECK(strstr(out, "compat flavour"), "%s", out);
	p = strstr(out, "full verifier log: ");
	CHECK(p, "%s", out);
	if (p) {
		char path[4096];

		sscanf(p + 19, "%4095s", path);
		saved = read_file("", path, &saved_len);
		CHECK(saved && saved_len == len && !memcmp(saved, log, len), "saved log differs");
		free(saved);
		unlink(path);
	}
	rmdir(tmpl);
	bpf_object__close(f.obj);
	free(out);
	free(log);
}

/*
 * 7.1.13's build lacks scx_bpf_create_dsq_impl, so libbpf leaves the call unresolved in
 * any callback: a build defect, explained as one, with the scoping verdict beside it.
 */
static void unresolved_in(const char *dir, const char *objs, const char *ctx,
			  const char *want)
{
	struct scx_diag_kernel kern = { .k = scx_kernel_index("7.1.13") };
	struct scx_load_failure f = { .sz = sizeof(f), .name = "t", .err = -EINVAL, .kern = &kern,
				      .ctx = ctx };
	char tmpl[] = "/tmp/diag_test.XXXXXX", obj_path[4096], *out = NULL, *log, *p;
	size_t len, out_len;
	FILE *mem;

	log = read_file(dir, "7.1.13/create_dsq_in_dispatch.log", &len);
	snprintf(obj_path, sizeof(obj_path), "%s/create_dsq_in_dispatch.bpf.o", objs);
	f.obj = bpf_object__open_file(obj_path, NULL);
	CHECK(f.obj && log && mkdtemp(tmpl), "cannot set up: %s", obj_path);
	if (!f.obj || !log)
		return;
	f.log = log;
	f.log_len = len;
	f.log_dir = tmpl;
	f.obj_path = obj_path;
	f.prog = bpf_object__find_program_by_name(f.obj, "bad_dispatch");
	mem = open_memstream(&out, &out_len);
	CHECK(scx_diag_load_failure(&f, mem) == 0, "%s: taken for a scoping error", ctx);
	fclose(mem);
	CHECK(strstr(out, "error: scx_bpf_create_dsq() cannot be called on this build of "
		      "7.1.13: its BTF has no scx_bpf_create_dsq_impl") &&
	      strstr(out, want) && strstr(out, "lacks the prototypes of 19 kfuncs: ") &&
	      !strstr(out, "is not allowed in"), "%s: %s", ctx, out);
	p = strstr(out, "full verifier log: ");
	if (p) {
		p += 19;
		p[strcspn(p, "\n")] = '\0';
		unlink(p);
	}
	rmdir(tmpl);
	bpf_object__close(f.obj);
	free(out);
	free(log);
}

static void test_unresolved(const char *dir, const char *objs)
{
	unresolved_in(dir, objs, "dispatch", "note: ops.dispatch() may not call it either "
		      "(rejected on 7.1.13): it is allowed in ops.init_task(), ");
	unresolved_in(dir, objs, "init", "note: not a scoping error: ops.init() may call "
		      "scx_bpf_create_dsq() on 7.1.13");
}

/*
 * A strong declaration libbpf refuses before any program loads (upstream's headers on a
 * build without the prototype): no verifier log, libbpf's message, the call's line from
 * the object. MSG is libbpf's message, WANT what the output must hold.
 */
static void extern_case(const char *objs, const char *kernel, const char *msg,
			const char *want, bool want_line)
{
	struct scx_diag_kernel kern = { .k = scx_kernel_index(kernel) };
	struct scx_load_failure f = { .sz = sizeof(f), .name = "t", .err = -EINVAL, .kern = &kern,
				      .libbpf_msg = msg };
	char obj_path[4096], *out = NULL;
	size_t out_len;
	FILE *mem;

	snprintf(obj_path, sizeof(obj_path), "%s/create_dsq_in_dispatch.bpf.o", objs);
	f.obj = bpf_object__open_file(obj_path, NULL);
	CHECK(f.obj, "cannot open %s", obj_path);
	if (!f.obj)
		return;
	f.obj_path = obj_path;
	mem = open_memstream(&out, &out_len);
	CHECK(scx_diag_load_failure(&f, mem) == 0, "%s: taken for a scoping error", kernel);
	fclose(mem);
	CHECK(strstr(out, want) && (!want_line || strstr(out, "create_dsq_in_dispatch.bpf.c:31:")),
	      "%s: want '%s'%s in:\n%s", kernel, want, want_line ? " at line 31" : "", out);
	bpf_object__close(f.obj);
	free(out);
}

static void test_extern(const char *objs)
{
	const char *msg = "extern (func ksym) 'scx_bpf_create_dsq': func_proto [407] "
			  "incompatible with vmlinux [48029]";

	extern_case(objs, "7.1.13", msg, "error: scx_bpf_create_dsq() cannot be called on this "
		    "build of 7.1.13: its BTF has no scx_bpf_create_dsq_impl", true);
	extern_case(objs, "7.1.13", msg, "note: libbpf refused the object's declaration: extern "
		    "(func ksym) 'scx_bpf_create_dsq'", true);
	extern_case(objs, "7.1.13", msg, "note: ops.dispatch() may not call it either", true);
	extern_case(objs, "7.3.4", msg, "error: the object declares scx_bpf_create_dsq() "
		    "otherwise than this kernel", true);
	/* a message that names no kfunc is not taken for one */
	extern_case(objs, "7.3.4", "extern (func ksym) 'scx_bpf_create_dsq: incompatible",
		    "error: loading failed", false);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: diag_test LOGS_DIR FIXTURE_OBJ_DIR\n");
		return 2;
	}
	libbpf_set_print(NULL);
	test_real_logs(argv[1]);
	test_real_exits(argv[1]);
	test_eject_variants();
	test_hostile_logs();
	test_kernels();
	test_load_failure(argv[1], argv[2]);
	test_unresolved(argv[1], argv[2]);
	test_extern(argv[2]);
	printf("%d passed, %d failed\n", checks - failures, failures);
	return failures ? 1 : 0;
}
