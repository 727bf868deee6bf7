// SPDX-License-Identifier: GPL-2.0
/*
 * scx_fifo: userspace side. Sets the tunables, loads and attaches the scheduler, prints
 * one stats line per second and, on SIGINT/SIGTERM or ejection, why it stopped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <scopex.h>
#include "scx_fifo.bpf.skel.h"

#define NAME "scx_fifo"

/* In the order of enum fifo_stat in scx_fifo.bpf.c. */
static const char *const stat_keys[] = { "enqueued", "direct", "shared", "dispatched" };

static const char help[] =
"Usage: scx_fifo [-s SLICE_US] [-d SECONDS] [-g] [-v] [-h]\n"
"\n"
"Global FIFO sched_ext scheduler: one shared queue in arrival order; a waking task goes\n"
"straight to an idle CPU when there is one. Nice values are ignored.\n"
"\n"
"  -s, --slice SLICE_US    time slice in microseconds (default 5000)\n"
"  -d, --duration SECONDS  detach after SECONDS (default: run until SIGINT/SIGTERM)\n"
"  -g, --global            queue in the kernel's global DSQ instead of a shared one\n"
"                          (the same code path on every kernel, for comparisons)\n"
"  -v, --verbose           print libbpf debug messages\n"
"  -h, --help              show this help\n"
"\n"
"Once a second it prints: enqueued (ops.enqueue calls), direct (to an idle CPU from\n"
"select_cpu), shared (into the shared queue) and dispatched (from the shared queue to a\n"
"CPU), all totals.\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler,\n"
"2 on bad usage or when it could not be loaded.\n";

struct opts {
	unsigned long long slice_us, duration_s;
	bool verbose, global;
};

static void print_stats(void *ctx)
{
	struct scx_fifo *skel = ctx;

	scx_cli_print_stats(skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
}

/* Returns 0 to run, 1 after --help, -EINVAL on bad usage. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "slice", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 'd' },
		{ "global", no_argument, NULL, 'g' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt, err = 0;

	*o = (struct opts){ .slice_us = 5000 };
	while (!err && (opt = getopt_long(argc, argv, "s:d:gvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			err = scx_cli_parse_ull(NAME, "slice", optarg, 1, 1000000, &o->slice_us);
			break;
		case 'd':
			err = scx_cli_parse_ull(NAME, "duration", optarg, 1, 86400, &o->duration_s);
			break;
		case 'g':
			o->global = true;
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

/* One open-load-attach-run cycle; *restart when the scheduler asks for another. */
static int run_once(const struct opts *o, bool *restart)
{
	struct scx_run_opts run = { .sz = sizeof(run), .on_tick = print_stats };
	struct scx_session sess;
	struct scx_fifo *skel;
	int ret;

	*restart = false;
	skel = scx_fifo__open();
	if (!skel) {
		fprintf(stderr, NAME ": opening the BPF object failed: %s\n", strerror(errno));
		return 2;
	}
	skel->rodata->slice_ns = o->slice_us * 1000;
	skel->rodata->global_dsq = o->global;
	if (scx_session_open(&sess, NAME, skel->obj, "fifo_ops")) {
		scx_fifo__destroy(skel);
		return 2;
	}
	/* the object's bytes, for the call sites of an ejection report */
	sess.obj_data = skel->skeleton->data;
	sess.obj_size = skel->skeleton->data_sz;
	if (scx_session_load(&sess) || scx_session_attach(&sess)) {
		fprintf(stderr, NAME ": could not load and attach the scheduler\n");
		scx_fifo__destroy(skel);
		return 2;
	}
	printf(NAME ": attached (slice %llu us)\n", o->slice_us);
	fflush(stdout);

	run.ctx = skel;
	run.timeout_s = (int)o->duration_s;
	scx_session_run(&sess, &run);
	ret = scx_session_finish(&sess);
	/* after the detach: the final totals */
	print_stats(skel);
	*restart = scx_session_wants_restart(&sess) && !sess.signal;
	scx_fifo__destroy(skel);
	return ret;
}

int main(int argc, char **argv)
{
	bool restart;
	struct opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	scx_cli_libbpf_print(o.verbose);
	if (scx_preflight(NAME))
		return 2;
	do {
		ret = run_once(&o, &restart);
	} while (restart);
	return ret;
}
