// SPDX-License-Identifier: GPL-2.0
/*
 * tmpl: userspace side, made by `scopex new`. Sets the tunables, loads and attaches the
 * scheduler, prints one stats line per second and, on SIGINT/SIGTERM or ejection, why it
 * stopped. Add a tunable: a field in struct opts, an option, and a line that copies it
 * into skel->rodata before tmpl__load().
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <scopex.h>
#include "tmpl.bpf.skel.h"

#define NAME "tmpl"

/* In the order of enum tmpl_stat in tmpl.bpf.c. */
static const char *const stat_keys[] = { "enqueued", "direct", "dispatched" };

static const char help[] =
"Usage: tmpl [-s SLICE_US] [-d SECONDS] [-v] [-h]\n"
"\n"
"A sched_ext scheduler made by scopex new: one shared FIFO queue, direct dispatch to\n"
"idle CPUs.\n"
"\n"
"  -s, --slice SLICE_US    time slice in microseconds (default 5000)\n"
"  -d, --duration SECONDS  detach after SECONDS (default: run until SIGINT/SIGTERM)\n"
"  -v, --verbose           print libbpf debug messages\n"
"  -h, --help              show this help\n"
"\n"
"Once a second it prints: enqueued (into the shared queue), direct (to an idle CPU from\n"
"select_cpu) and dispatched (from the shared queue to a CPU), all totals.\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler,\n"
"2 on bad usage or when it could not be loaded.\n";

struct opts {
	unsigned long long slice_us, duration_s;
	bool verbose;
};

static void print_stats(void *ctx)
{
	struct tmpl *skel = ctx;

	scx_cli_print_stats(skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
}

/* Returns 0 to run, 1 after --help, -EINVAL on bad usage. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "slice", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt, err = 0;

	*o = (struct opts){ .slice_us = 5000 };
	while (!err && (opt = getopt_long(argc, argv, "s:d:vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			err = scx_cli_parse_ull(NAME, "slice", optarg, 1, 1000000, &o->slice_us);
			break;
		case 'd':
			err = scx_cli_parse_ull(NAME, "duration", optarg, 1, 86400, &o->duration_s);
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			fputs(help, stdout);
			return 1;
		default:
			err = -EINVAL;
		}
	}
	if (!err && optind < argc) {
		fprintf(stderr, NAME ": unexpected argument '%s'\n", argv[optind]);
		err = -EINVAL;
	}
	if (err)
		fprintf(stderr, "Try '" NAME " --help'.\n");
	return err;
}

int main(int argc, char **argv)
{
	struct scx_run_opts run = { .sz = sizeof(run), .on_tick = print_stats };
	struct scx_session sess;
	struct tmpl *skel;
	struct opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	scx_cli_libbpf_print(o.verbose);
	if (scx_preflight(NAME))
		return 2;

	skel = tmpl__open();
	if (!skel) {
		fprintf(stderr, NAME ": opening the BPF object failed: %s\n", strerror(errno));
		return 2;
	}
	skel->rodata->slice_ns = o.slice_us * 1000;
	if (scx_session_open(&sess, NAME, skel->obj, "tmpl_ops") ||
	    tmpl__load(skel) || scx_session_attach(&sess)) {
		fprintf(stderr, NAME ": could not load and attach the scheduler\n");
		tmpl__destroy(skel);
		return 2;
	}
	printf(NAME ": attached (slice %llu us)\n", o.slice_us);
	fflush(stdout);

	run.ctx = skel;
	run.timeout_s = (int)o.duration_s;
	scx_session_run(&sess, &run);
	ret = scx_session_finish(&sess);
	/* after the detach: the final totals */
	print_stats(skel);
	tmpl__destroy(skel);
	return ret;
}
