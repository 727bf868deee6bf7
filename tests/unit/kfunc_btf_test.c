// SPDX-License-Identifier: GPL-2.0
/*
 * The scope table against each kernel's BTF: the sched_ext kfuncs a build has are the
 * table's rows for its kernel, and the build's missing KF_IMPLICIT_ARGS prototypes
 * (lib/kfunc_btf.c) are exactly the rows flagged SCX_KF_NO_PROTO. Other releases found in
 * the cache (tools/bootstrap.sh --kernels 7.1.3) must have the kfuncs of their series'
 * table kernel; their missing prototypes are listed, as they are the build's own.
 *
 * usage: kfunc_btf_test KERNELS_DIR
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "scope.h"
#include "diag.h"
#include "kfunc_btf.h"

static int failures;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		failures++;						\
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

static bool sched_ext_kfunc(const char *name)
{
	size_t n = strlen(name);

	return (!strncmp(name, "scx_bpf_", 8) || !strncmp(name, "__scx_bpf_", 10) ||
		!strncmp(name, "bpf_iter_scx_dsq_", 17)) &&
	       !(n > 5 && !strcmp(name + n - 5, "_impl"));
}

/* Every table kfunc of kernel K in BTF, and NO_PROTO as the build has it (if EXACT). */
static void table_in_btf(const struct btf *btf, const char *rel, int k, bool exact)
{
	size_t i, nr = 0, np = 0;

	for (i = 0; i < scx_nr_kf_rows; i++) {
		const struct scx_kf_row *kf = &scx_kf_rows[i];
		enum scx_btf_kfunc st;

		/* each of K's kfuncs once: at the row scx_kf_find() gives for K */
		if (scx_kf_find(kf->name, k) != kf)
			continue;
		nr++;
		st = scx_btf_kfunc_state(btf, kf->name);
		CHECK(st != SCX_BTF_KF_ABSENT, "%s: table kfunc %s not in BTF", rel, kf->name);
		np += st == SCX_BTF_KF_NO_PROTO;
		if (exact)
			CHECK((st == SCX_BTF_KF_NO_PROTO) == !!(kf->flags & SCX_KF_NO_PROTO),
			      "%s: %s is %s in BTF, the table says%s SCX_KF_NO_PROTO", rel,
			      kf->name, scx_btf_kfunc_str(st),
			      kf->flags & SCX_KF_NO_PROTO ? "" : " not");
		else if (st == SCX_BTF_KF_NO_PROTO)
			printf("%s: no prototype: %s\n", rel, kf->name);
	}
	printf("%s: %zu table kfuncs (of %s), %zu without a prototype in this build\n", rel, nr,
	       scx_kernels[k].version, np);
}

/* Every sched_ext kfunc of BTF in the table for kernel K. */
static void btf_in_table(const struct btf *btf, const char *rel, int k)
{
	__u32 id, n = btf__type_cnt(btf);

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);

		if (btf_is_func(t) && sched_ext_kfunc(name))
			CHECK(scx_kf_find(name, k), "%s: BTF has %s, the table's %s does not", rel,
			      name, scx_kernels[k].version);
	}
}

static void check_release(const char *dir, const char *rel)
{
	int k = scx_kernel_index(rel);
	bool exact = k >= 0;
	char path[4096];
	struct btf *btf;

	if (!exact)
		k = scx_diag_kernel_series(rel);
	if (k < 0)
		return;
	snprintf(path, sizeof(path), "%s/%s/vmlinux", dir, rel);
	btf = btf__parse(path, NULL);
	CHECK(btf, "%s: cannot read its BTF: %s", path, strerror(errno));
	if (!btf)
		return;
	table_in_btf(btf, rel, k, exact);
	btf_in_table(btf, rel, k);
	btf__free(btf);
}

int main(int argc, char **argv)
{
	struct dirent *e;
	size_t k;
	DIR *d;

	if (argc != 2) {
		fprintf(stderr, "usage: kfunc_btf_test KERNELS_DIR\n");
		return 2;
	}
	for (k = 0; k < scx_nr_kernels; k++)
		check_release(argv[1], scx_kernels[k].version);
	d = opendir(argv[1]);
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && scx_kernel_index(e->d_name) < 0)
			check_release(argv[1], e->d_name);
	if (d)
		closedir(d);
	if (failures)
		fprintf(stderr, "%d failures\n", failures);
	return failures ? 1 : 0;
}
