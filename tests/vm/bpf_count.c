// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_count: the numbers of BPF programs, maps and links loaded in the kernel, as one line
 * "PROGS MAPS LINKS", from the kernel's ID tables (BPF_*_GET_NEXT_ID), the ones bpftool's
 * "prog/map/link list" walk. bpftool also loads a pid iterator for every listing (its own
 * objects then come and go) and under emulation takes seconds a run; this takes none.
 * Needs root. Exit status 1 when a walk fails.
 *   bpf_count
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>

static long count(int (*next)(__u32, __u32 *), const char *what)
{
	__u32 id = 0;
	long n = 0;

	while (!next(id, &id))
		n++;
	if (errno != ENOENT) {
		fprintf(stderr, "bpf_count: listing %s IDs: %s\n", what, strerror(errno));
		return -1;
	}
	return n;
}

int main(void)
{
	long progs = count(bpf_prog_get_next_id, "program");
	long maps = count(bpf_map_get_next_id, "map");
	long links = count(bpf_link_get_next_id, "link");

	if (progs < 0 || maps < 0 || links < 0)
		return 1;
	printf("%ld %ld %ld\n", progs, maps, links);
	return 0;
}
