// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands: the cache directory and the known kernels. */
#include <stdio.h>
#include <string.h>
#include "scopex.h"
#include "diag.h"
#include "scope.h"
/* the library header (tools/scopex/scopex.h shadows its name on the include path) */
#include "../../lib/scopex.h"

/* The known kernels are the library's scx_kernels[], built from the scope table. */
static void list_kernels(void)
{
	size_t i;

	for (i = 0; i < scx_nr_kernels; i++)
		fprintf(stderr, " %s", scx_kernels[i].version);
}

/* Kfuncs of kernel K that its table build cannot call (SCX_KF_NO_PROTO). */
static size_t no_proto_count(int k)
{
	size_t i, n = 0;

	for (i = 0; i < scx_nr_kf_rows; i++)
		n += (scx_kf_rows[i].kernels & (1u << scx_kernels[k].bit)) &&
		     (scx_kf_rows[i].flags & SCX_KF_NO_PROTO);
	return n;
}

const char *scopex_cache_dir(void)
{
	return scx_cache_dir();
}

bool scopex_kernel_known(const char *version)
{
	/* only digits and dots: VERSION names a directory of the cache */
	if (scx_kernel_index(version) >= 0 ||
	    (version[strspn(version, "0123456789.")] == '\0' &&
	     scx_diag_kernel_series(version) >= 0))
		return true;
	fprintf(stderr, "scopex: unknown kernel version '%s'; known:", version);
	list_kernels();
	fprintf(stderr, ", or another release of their series (e.g. 7.1.3)\n");
	return false;
}

/*
 * A kernel release names the table's kernel of its series, so that `--kernel $(uname -r)`
 * works: the table holds one stable release per series and its rules stand for the series
 * (kfunc scoping changes as a feature does, in a new series, not in stable releases). A
 * series the table lacks is refused rather than guessed at: a newer one may have new kfuncs
 * and new rules.
 */
const char *scopex_kernel_resolve(const char *version, const char *who)
{
	int k = scx_kernel_index(version);

	if (k >= 0)
		return scx_kernels[k].version;
	k = scx_diag_kernel_series(version);
	if (k >= 0) {
		fprintf(stderr, "%s: kernel %s: using the rules of %s, the scope table's kernel "
			"of its series\n", who, version, scx_kernels[k].version);
		if (no_proto_count(k))
			fprintf(stderr, "%s: note: Debian's %s build cannot call %zu of its kfuncs "
				"(no KF_IMPLICIT_ARGS prototype in its BTF), taken as absent here; "
				"which ones differs from build to build: `scopex run` on %s reads "
				"them from its BTF\n", who, scx_kernels[k].version,
				no_proto_count(k), version);
		return scx_kernels[k].version;
	}
	fprintf(stderr, "%s: unknown kernel version '%s'; known:", who, version);
	list_kernels();
	fprintf(stderr, " (or any release of their series, e.g. %s+deb13-cloud-amd64)\n",
		scx_kernels[scx_nr_kernels - 1].version);
	return NULL;
}
