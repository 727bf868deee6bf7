// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands: the cache directory and the known kernels. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scopex.h"
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
