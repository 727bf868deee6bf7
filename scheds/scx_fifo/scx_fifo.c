// SPDX-License-Identifier: GPL-2.0
/*
 * scx_fifo: userspace side. Sets the tunables, loads and attaches the scheduler, prints
 * one stats line per second and, on SIGINT/SIGTERM or ejection, why it stopped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <scopex.h>
#include "scx_fifo.bpf.skel.h"

enum { STAT_ENQUEUED, STAT_DIRECT, STAT_SHARED, STAT_DISPATCHED, NR_STATS };

static const char help[] =
"Usage: scx_fifo [-s SLICE_US] [-d SECONDS] [-v] [-h]\n"
"\n"
"Global FIFO sched_ext scheduler: one shared queue, direct dispatch to idle CPUs.\n"
"\n"
"  -s SLICE_US   time slice in microseconds (default 5000)\n"
"  -d SECONDS    detach after SECONDS (default: run until SIGINT/SIGTERM)\n"
"  -v            print libbpf debug messages\n"
"  -h            show this help\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler,\n"
"2 on bad usage or when it could not be loaded.\n";

static bool verbose;

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static void print_stats(void *ctx)
{
	struct scx_fifo *skel = ctx;
	unsigned long long st[NR_STATS];

	if (scx_percpu_sum(skel->maps.stats, st, NR_STATS))
		return;
	printf("enqueued=%llu dispatched=%llu direct=%llu shared=%llu\n", st[STAT_ENQUEUED],
	       st[STAT_DISPATCHED], st[STAT_DIRECT], st[STAT_SHARED]);
	fflush(stdout);
}

static int parse_ull(const char *arg, const char *what, unsigned long long max,
		     unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	if (errno || *end || end == arg || *out == 0 || *out > max) {
		fprintf(stderr, "scx_fifo: invalid %s '%s' (1..%llu)\n", what, arg, max);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long slice_us = 5000, duration = 0;
	struct scx_run_opts run = { .sz = sizeof(run), .on_tick = print_stats };
	struct scx_session sess;
	struct scx_fifo *skel;
	int opt, ret;

	while ((opt = getopt(argc, argv, "s:d:vh")) != -1) {
		switch (opt) {
		case 's':
			if (parse_ull(optarg, "slice", 1000000, &slice_us))
				return 2;
			break;
		case 'd':
			if (parse_ull(optarg, "duration", 86400, &duration))
				return 2;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			fputs(help, stdout);
			return 0;
		default:
			fputs(help, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "scx_fifo: unexpected argument '%s'\n", argv[optind]);
		return 2;
	}
	libbpf_set_print(print_fn);
	if (scx_preflight("scx_fifo"))
		return 2;

	skel = scx_fifo__open();
	if (!skel) {
		fprintf(stderr, "scx_fifo: opening the BPF object failed: %s\n", strerror(errno));
		return 2;
	}
	skel->rodata->slice_ns = slice_us * 1000;
	if (scx_session_open(&sess, "scx_fifo", skel->obj, "fifo_ops") ||
	    scx_fifo__load(skel) || scx_session_attach(&sess)) {
		fprintf(stderr, "scx_fifo: could not load and attach the scheduler\n");
		scx_fifo__destroy(skel);
		return 2;
	}
	printf("scx_fifo: attached (slice %llu us)\n", slice_us);
	fflush(stdout);

	run.ctx = skel;
	run.timeout_s = (int)duration;
	scx_session_run(&sess, &run);
	print_stats(skel);
	ret = scx_session_finish(&sess);
	scx_fifo__destroy(skel);
	return ret;
}
