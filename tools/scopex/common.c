// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the subcommands: the cache directory and the known kernels. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scopex.h"

/* The kernels come from the scope table: the one list of supported kernels. */
static const char *const known_kernels[] = {
#define SCX_KERNEL(bit, version, gen) version,
#include <scx/scope_table.h>
#undef SCX_KERNEL
};

#define NR_KERNELS (sizeof(known_kernels) / sizeof(known_kernels[0]))

const char *scopex_cache_dir(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("SCOPEX_CACHE");

	if (env && *env)
		return env;
	env = getenv("XDG_CACHE_HOME");
	if (env && *env)
		snprintf(path, sizeof(path), "%s/scopex", env);
	else
		snprintf(path, sizeof(path), "%s/.cache/scopex", getenv("HOME") ?: "/root");
	return path;
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
