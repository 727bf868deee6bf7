// SPDX-License-Identifier: GPL-2.0
/*
 * scope-gen: render the scope table for the build.
 *
 *   scope-gen header OUT     the kfunc macros of the scoped BPF headers (scope_checks.gen.h)
 *   scope-gen markdown OUT   docs/scope-matrix.md
 *
 * Output is written to OUT.tmp and renamed, so a failed run leaves no half file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scope.h"
#include "scope_gen.h"

/*
 * The kernels where calling BASE (through the compat layer) from CTX is not allowed, with
 * by_verdict[v] the kernels of each verdict v, and the kernels where the pair exists.
 */
unsigned int gen_fail_mask(const char *base, const char *ctx, unsigned int *present,
			   unsigned int by_verdict[SCX_ABSENT + 1])
{
	unsigned int fail = 0;
	size_t k;

	*present = 0;
	memset(by_verdict, 0, sizeof(unsigned int) * (SCX_ABSENT + 1));
	for (k = 0; k < scx_nr_kernels; k++) {
		const char *name = scx_resolve(base, (int)k);
		enum scx_verdict v;

		if (!name)
			continue;
		v = scx_verdict((int)k, ctx, name);
		if (v == SCX_ABSENT)
			continue;
		*present |= 1u << k;
		by_verdict[v] |= 1u << k;
		if (v != SCX_ALLOWED)
			fail |= 1u << k;
	}
	return fail;
}

/* "6.16.12, 6.17.13" or "6.16.12 to 7.0.13" for a run of consecutive kernels. */
void gen_kernels_str(unsigned int mask, char *buf, size_t len)
{
	size_t k, off = 0;

	buf[0] = '\0';
	for (k = 0; k < scx_nr_kernels; k++) {
		size_t end = k;

		if (!(mask & (1u << k)))
			continue;
		while (end + 1 < scx_nr_kernels && (mask & (1u << (end + 1))))
			end++;
		off += (size_t)snprintf(buf + off, len > off ? len - off : 0, "%s%s", off ? ", " : "",
					scx_kernels[k].version);
		if (end > k + 1)
			off += (size_t)snprintf(buf + off, len > off ? len - off : 0, " to %s",
						scx_kernels[end].version);
		else if (end == k + 1)
			off += (size_t)snprintf(buf + off, len > off ? len - off : 0, ", %s",
						scx_kernels[end].version);
		k = end;
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: scope-gen header|markdown OUT\n");
	return 2;
}

int main(int argc, char **argv)
{
	char tmp[4096];
	FILE *f;
	int err;

	if (argc != 3)
		return usage();
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "scope-gen: cannot write %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "header"))
		err = gen_header(f);
	else if (!strcmp(argv[1], "markdown"))
		err = gen_markdown(f);
	else
		err = -EINVAL;
	if (fclose(f) || err || rename(tmp, argv[2])) {
		remove(tmp);
		return err == -EINVAL ? usage() : 1;
	}
	return 0;
}
