// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands: the cache directory and the known kernels. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scopex.h"
#include "diag.h"
#include "scope.h"
/* the library header (tools/scopex/scopex.h shadows its name on the include path) */
#include "../../lib/scopex.h"

/* The kernels come from the scope table: the one list of supported kernels. */
static const char *const known_kernels[] = {
#define SCX_KERNEL(bit, version, gen) version,
#include <scx/scope_table.h>
#undef SCX_KERNEL
};

#define NR_KERNELS (sizeof(known_kernels) / sizeof(known_kernels[0]))

const char *scopex_cache_dir(void)
{
	return scx_cache_dir();
}

bool scopex_kernel_known(const char *version)
{
	size_t i;

	for (i = 0; i < NR_KERNELS; i++)
		if (!strcmp(version, known_kernels[i]))
			return true;
	fprintf(stderr, "scopex: unknown kernel version '%s'; known:", version);
	for (i = 0; i < NR_KERNELS; i++)
		fprintf(stderr, " %s", known_kernels[i]);
	fputc('\n', stderr);
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
	size_t i;
	int k;

	for (i = 0; i < NR_KERNELS; i++)
		if (!strcmp(version, known_kernels[i]))
			return known_kernels[i];
	k = scx_diag_kernel_series(version);
	if (k >= 0) {
		fprintf(stderr, "%s: kernel %s: using the rules of %s, the scope table's kernel "
			"of its series\n", who, version, scx_kernels[k].version);
		return scx_kernels[k].version;
	}
	fprintf(stderr, "%s: unknown kernel version '%s'; known:", who, version);
	for (i = 0; i < NR_KERNELS; i++)
		fprintf(stderr, " %s", known_kernels[i]);
	fprintf(stderr, " (or any release of their series, e.g. %s+deb13-cloud-amd64)\n",
		known_kernels[NR_KERNELS - 1]);
	return NULL;
}
