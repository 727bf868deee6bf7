// SPDX-License-Identifier: GPL-2.0
/*
 * scx_vtime: userspace side. Sets the tunables, loads and attaches the scheduler, prints
 * one stats line per second and, on SIGINT/SIGTERM or ejection, why it stopped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <scopex.h>
#include "scx_vtime.bpf.skel.h"

#define NAME "scx_vtime"

/* In the order of enum vtime_stat in scx_vtime.bpf.c. */
static const char *const stat_keys[] = { "enqueued", "direct", "dispatched", "kept", "kicked" };

static const char help[] =
"Usage: scx_vtime [-s SLICE_US] [-c CREDIT_US] [-K] [-d SECONDS] [-v] [-h]\n"
"\n"
"Weighted virtual-time sched_ext scheduler: every task gets CPU in proportion to its\n"
"weight (nice value), through one shared queue ordered by virtual time. A waking task\n"
"goes straight to an idle CPU when there is one, and a CPU that is idle while tasks\n"
"wait in the queue is woken up to take one.\n"
"\n"
"  -s, --slice SLICE_US    time slice in microseconds (default 5000)\n"
"  -c, --credit CREDIT_US  virtual time a task that slept may lag behind when it wakes,\n"
"                          in microseconds (default: one slice)\n"
"  -K, --no-kick           leave idle CPUs asleep when a task is queued (for comparison)\n"
"  -d, --duration SECONDS  detach after SECONDS (default: run until SIGINT/SIGTERM)\n"
"  -v, --verbose           print libbpf debug messages\n"
"  -h, --help              show this help\n"
"\n"
"Once a second it prints totals: enqueued (into the shared queue), direct (to an idle\n"
"CPU from select_cpu), dispatched (from the shared queue to a CPU), kept (a task whose\n"
"slice ran out kept its CPU, still having the lowest virtual time) and kicked (idle\n"
"CPUs woken for a queued task).\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler,\n"
"2 on bad usage or when it could not be loaded.\n";

struct opts {
	unsigned long long slice_us, credit_us, duration_s;
	bool no_kick, verbose;
};

static void print_stats(void *ctx)
{
	struct scx_vtime *skel = ctx;

	scx_cli_print_stats(skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
}

/* Returns 0 to run, 1 after --help, -EINVAL on bad usage. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "slice", required_argument, NULL, 's' },
		{ "credit", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ "no-kick", no_argument, NULL, 'K' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	bool credit_set = false;
	int opt, err = 0;

	*o = (struct opts){ .slice_us = 5000 };
	while (!err && (opt = getopt_long(argc, argv, "s:c:d:Kvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			err = scx_cli_parse_ull(NAME, "slice", optarg, 1, 1000000, &o->slice_us);
			break;
		case 'c':
			err = scx_cli_parse_ull(NAME, "credit", optarg, 0, 10000000, &o->credit_us);
			credit_set = true;
			break;
		case 'd':
			err = scx_cli_parse_ull(NAME, "duration", optarg, 1, 86400, &o->duration_s);
			break;
		case 'K':
			o->no_kick = true;
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
	if (err) {
		fprintf(stderr, "Try '" NAME " --help'.\n");
		return err;
	}
	if (!credit_set)
		o->credit_us = o->slice_us;
	return 0;
}

int main(int argc, char **argv)
{
	struct scx_run_opts run = { .sz = sizeof(run), .on_tick = print_stats };
	struct scx_session sess;
	struct scx_vtime *skel;
	struct opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	scx_cli_libbpf_print(o.verbose);
	if (scx_preflight(NAME))
		return 2;

	skel = scx_vtime__open();
	if (!skel) {
		fprintf(stderr, NAME ": opening the BPF object failed: %s\n", strerror(errno));
		return 2;
	}
	skel->rodata->slice_ns = o.slice_us * 1000;
	skel->rodata->max_credit_ns = o.credit_us * 1000;
	skel->rodata->kick_idle = !o.no_kick;
	if (scx_session_open(&sess, NAME, skel->obj, "vtime_ops") ||
	    scx_vtime__load(skel) || scx_session_attach(&sess)) {
		fprintf(stderr, NAME ": could not load and attach the scheduler\n");
		scx_vtime__destroy(skel);
		return 2;
	}
	printf(NAME ": attached (slice %llu us, credit %llu us)\n", o.slice_us, o.credit_us);
	fflush(stdout);

	run.ctx = skel;
	run.timeout_s = (int)o.duration_s;
	scx_session_run(&sess, &run);
	ret = scx_session_finish(&sess);
	/* after the detach: the final totals */
	print_stats(skel);
	scx_vtime__destroy(skel);
	return ret;
}
