// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line pieces every scheduler's userspace needs: number options, libbpf's messages
 * and the once-a-second stats line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "scopex.h"

static bool libbpf_verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG && !libbpf_verbose)
		return 0;
	return vfprintf(stderr, fmt, args);
}

void scx_cli_libbpf_print(bool verbose)
{
	libbpf_verbose = verbose;
	libbpf_set_print(libbpf_print);
}

int scx_cli_parse_ull(const char *prog, const char *what, const char *arg,
		      unsigned long long min, unsigned long long max, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	/* strtoull() takes "-1" as ULLONG_MAX: only plain digits are a count here */
	if (errno || *end || end == arg || *arg < '0' || *arg > '9' || *out < min || *out > max) {
		fprintf(stderr, "%s: invalid %s '%s' (expected %llu..%llu)\n", prog, what, arg,
			min, max);
		return -EINVAL;
	}
	return 0;
}

int scx_cli_print_stats(struct bpf_map *map, const char *const *keys, unsigned int nr)
{
	unsigned long long vals[nr];
	unsigned int i;
	int err;

	err = scx_percpu_sum(map, vals, nr);
	if (err)
		return err;
	for (i = 0; i < nr; i++)
		printf("%s%s=%llu", i ? " " : "", keys[i], vals[i]);
	putchar('\n');
	fflush(stdout);
	return 0;
}
