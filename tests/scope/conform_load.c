// SPDX-License-Identifier: GPL-2.0
/*
 * conform_load: in the VM, load every program of a conform_gen object on its own, as the
 * callback (or syscall program) it stands for, and compare the verifier's answer with
 * scx_verdict() for the running kernel.
 *
 * The verifier checks a kfunc's policy (scx_kfunc_context_filter(), the sleepable rule)
 * before its arguments, so zero arguments suffice: a pair the table allows must pass the
 * policy check (the program loads, or fails later on its arguments), a pair it refuses
 * must be rejected with the policy's own message for that kfunc, nothing else.
 *
 *   conform_load [-q] OBJECT.bpf.o
 *   conform_load --verdict KERNEL CONTEXT KFUNC	(prints scx_verdict(), for scripts)
 *
 * Prints one line per pair, "CONTEXT KFUNC loaded|rejected|failed EXPECTED", then a
 * summary. Exit status 0 when every pair agrees, 1 otherwise, 2 on errors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "scope_pairs.h"

#define MAX_PAIRS	8192
#define LOG_SIZE	(256 * 1024)

/*
 * LOADED; PASSED: refused after the verifier had checked the call's policy (its log shows
 * the call instruction and no policy message: zero arguments fail later checks);
 * REJECTED by the policy; EARLY: failed before the call was checked, which proves
 * nothing either way.
 */
enum outcome { LOADED, PASSED, REJECTED, EARLY, NR_OUTCOMES };

static const char *const outcome_str[] = { "loaded", "passed-policy", "rejected", "early-error" };
static struct sp_cpair pairs[MAX_PAIRS];
static char log_buf[LOG_SIZE];

static int warnings_only(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, args) : 0;
}

/* "7.3.4+deb13-cloud-amd64" -> the table's kernel index. */
static int running_kernel(void)
{
	struct utsname u;
	char ver[64];

	if (uname(&u))
		return -1;
	snprintf(ver, sizeof(ver), "%.*s", (int)strcspn(u.release, "+-"), u.release);
	return scx_kernel_index(ver);
}

/* The member index of callback CB in struct ST of the running kernel. */
static int member_index(const struct btf *vmlinux, const char *st, const char *cb,
			int *type_id)
{
	const struct btf_member *m;
	const struct btf_type *t;
	int id = btf__find_by_name_kind(vmlinux, st, BTF_KIND_STRUCT), i;

	if (id < 0)
		return id;
	t = btf__type_by_id(vmlinux, id);
	m = btf_members(t);
	for (i = 0; i < (int)btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(vmlinux, m->name_off), cb)) {
			*type_id = id;
			return i;
		}
	return -ENOENT;
}

static bool policy_refusal(const char *kfunc)
{
	char a[160], b[160];

	snprintf(a, sizeof(a), "calling kernel function %s is not allowed", kfunc);
	snprintf(b, sizeof(b), "program must be sleepable to call sleepable kfunc %s", kfunc);
	return strstr(log_buf, a) || strstr(log_buf, b);
}

/* Why a load failed: the verifier log's last line, less its statistics line. */
static const char *last_line(void)
{
	static char line[200];
	size_t n = strlen(log_buf);
	const char *s;

	for (;;) {
		while (n && log_buf[n - 1] == '\n')
			n--;
		for (s = log_buf + n; s > log_buf && s[-1] != '\n'; s--)
			;
		if (strncmp(s, "processed ", 10) || s == log_buf)
			break;
		n = (size_t)(s - log_buf);
	}
	snprintf(line, sizeof(line), "%.*s", (int)(log_buf + n - s), s);
	return line;
}

static enum outcome load_one(struct bpf_program *p, const struct btf *vmlinux,
			     const struct sp_cpair *pair)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log_buf, .log_size = LOG_SIZE,
		    .log_level = 1, .prog_flags = bpf_program__flags(p));
	enum bpf_prog_type type = BPF_PROG_TYPE_SYSCALL;
	const char *st = "sched_ext_ops";
	char call[128];
	int fd, id;

	if (strcmp(pair->ctx, SCX_CTX_SYSCALL)) {
		const struct scx_cb_row *cb = scx_cb_find(pair->ctx, running_kernel());

		if (cb && (cb->flags & SCX_CB_CID_ONLY))
			st = "sched_ext_ops_cid";
		opts.expected_attach_type = member_index(vmlinux, st, pair->ctx, &id);
		if ((int)opts.expected_attach_type < 0) {
			snprintf(log_buf, LOG_SIZE, "no member %s in struct %s", pair->ctx, st);
			return EARLY;
		}
		opts.attach_btf_id = id;
		type = BPF_PROG_TYPE_STRUCT_OPS;
	}
	log_buf[0] = '\0';
	/* libbpf adds this only when it loads the program itself */
	if (!strncmp(bpf_program__section_name(p), "struct_ops.s/", 13) ||
	    type == BPF_PROG_TYPE_SYSCALL)
		opts.prog_flags |= BPF_F_SLEEPABLE;
	fd = bpf_prog_load(type, bpf_program__name(p), "GPL", bpf_program__insns(p),
			   bpf_program__insn_cnt(p), &opts);
	if (fd >= 0) {
		close(fd);
		return LOADED;
	}
	if (policy_refusal(pair->kfunc))
		return REJECTED;
	snprintf(call, sizeof(call), "call %s#", pair->kfunc);
	return strstr(log_buf, call) ? PASSED : EARLY;
}

/* Failures before the policy check, by kfunc and by callback: usually one cause each. */
static struct early { const char *what; char why[200]; size_t n; } early[512];
static size_t nearly;

static void note_early(const char *what)
{
	size_t i;

	for (i = 0; i < nearly && strcmp(early[i].what, what); i++)
		;
	if (i == nearly) {
		if (nearly == sizeof(early) / sizeof(early[0]))
			return;
		early[nearly].what = what;
		snprintf(early[nearly++].why, sizeof(early[0].why), "%s", last_line());
	}
	early[i].n++;
}

static void summarize_early(void)
{
	size_t i;

	for (i = 0; i < nearly; i++)
		printf("failed before the policy check: %s in %zu pairs, e.g. %s\n", early[i].what,
		       early[i].n, early[i].why);
}

int main(int argc, char **argv)
{
	size_t npairs, counts[NR_OUTCOMES] = { 0 }, disagree = 0, seen = 0, exp_rej = 0;
	bool quiet = argc > 1 && !strcmp(argv[1], "-q");
	int k = running_kernel(), a = quiet ? 2 : 1, err;
	struct bpf_program *p;
	struct bpf_object *obj;
	struct timespec t0, t1;
	struct btf *vmlinux;

	if (argc == 5 && !strcmp(argv[1], "--verdict")) {
		/* for scripts: what the table says of one pair */
		k = scx_kernel_index(argv[2]);
		if (k < 0)
			return 2;
		printf("%s\n", scx_verdict_str(scx_verdict(k, argv[3], argv[4])));
		return 0;
	}
	if (argc != a + 1) {
		fprintf(stderr, "usage: conform_load [-q] OBJECT.bpf.o\n"
			"       conform_load --verdict KERNEL CONTEXT KFUNC\n");
		return 2;
	}
	if (k < 0) {
		fprintf(stderr, "conform_load: the running kernel is not in the scope table\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	libbpf_set_print(warnings_only);
	npairs = sp_conform_pairs(k, pairs, MAX_PAIRS);
	obj = bpf_object__open_file(argv[a], NULL);
	vmlinux = btf__load_vmlinux_btf();
	err = obj && vmlinux ? bpf_object__prepare(obj) : -errno;
	if (err) {
		fprintf(stderr, "conform_load: cannot prepare %s: %s\n", argv[a], strerror(-err));
		return 2;
	}
	bpf_object__for_each_program(p, obj) {
		size_t i = strtoul(bpf_program__name(p) + 2, NULL, 10);
		bool want_reject, agree;
		enum outcome o;

		if (strncmp(bpf_program__name(p), "p_", 2) || i >= npairs) {
			fprintf(stderr, "conform_load: unexpected program %s\n", bpf_program__name(p));
			return 2;
		}
		want_reject = pairs[i].verdict == SCX_REJECTED ||
			      pairs[i].verdict == SCX_SLEEPABLE_ONLY;
		exp_rej += want_reject;
		o = load_one(p, vmlinux, &pairs[i]);
		counts[o]++;
		seen++;
		agree = want_reject ? o == REJECTED : o == LOADED || o == PASSED;
		if (o == EARLY)
			note_early(strstr(last_line(), "member") ? pairs[i].ctx : pairs[i].kfunc);
		disagree += !agree;
		if (!agree || !quiet)
			printf("%s%s %s %s (table: %s)%s%s\n", agree ? "" : "DISAGREE ", pairs[i].ctx,
			       pairs[i].kfunc, outcome_str[o], scx_verdict_str(pairs[i].verdict),
			       o == LOADED ? "" : ": ", o == LOADED ? "" : last_line());
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	summarize_early();
	printf("conformance %s: %zu pairs (%zu allowed by the table, %zu refused); verifier: "
	       "%zu loaded, %zu passed the policy check then failed on zero arguments, "
	       "%zu rejected by the policy, %zu failed before the policy check; "
	       "%zu disagreements; %.1f s\n", scx_kernels[k].version, seen, seen - exp_rej,
	       exp_rej, counts[LOADED], counts[PASSED], counts[REJECTED], counts[EARLY], disagree,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (seen != npairs) {
		printf("FAIL: %zu programs in the object, %zu pairs expected\n", seen, npairs);
		return 1;
	}
	return disagree ? 1 : 0;
}
