// SPDX-License-Identifier: GPL-2.0
/*
 * scx_vtime: userspace side. Sets the tunables, loads and attaches the scheduler, prints
 * one stats line per second and, on SIGINT/SIGTERM or ejection, why it stopped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <scopex.h>
#include "scx_vtime.bpf.skel.h"

#define NAME "scx_vtime"

/* In the order of enum vtime_stat in scx_vtime.bpf.c. */
static const char *const stat_keys[] = { "enqueued", "direct", "dispatched", "kept", "kicked" };

static const char help[] =
"Usage: scx_vtime [-s SLICE_US] [-c CREDIT_US] [-l LEAD_US] [-K] [-d SECONDS] [-v] [-h]\n"
"\n"
"Weighted virtual-time sched_ext scheduler: every task gets CPU in proportion to its\n"
"weight (nice value), through one shared queue ordered by virtual time. A waking task\n"
"goes straight to an idle CPU when there is one, and a CPU that is idle while tasks\n"
"wait in the queue is woken up to take one.\n"
"\n"
"  -s, --slice SLICE_US    time slice in microseconds (default 5000)\n"
"  -c, --credit CREDIT_US  virtual time a task that slept may lag behind when it wakes,\n"
"                          in microseconds (default: one slice)\n"
"  -l, --lead LEAD_US      virtual time a queued task may be ahead of the others, in\n"
"                          microseconds (default: ten slices); a bound on how long a\n"
"                          light (nice 19) task waits, at the cost of exact shares below\n"
"                          weight slice * 100 / lead (10 by default, nice 10)\n"
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
	unsigned long long slice_us, credit_us, lead_us, duration_s;
	bool no_kick, verbose;
};

/* What the loader's callbacks share: the options and the skeleton of the current run. */
struct vtime_run {
	const struct opts *o;
	struct scx_vtime *skel;
};

static void print_stats(void *ctx)
{
	struct vtime_run *r = ctx;

	scx_cli_print_stats(r->skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
}

/* Returns 0 to run, 1 after --help, -EINVAL on bad usage. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "slice", required_argument, NULL, 's' },
		{ "credit", required_argument, NULL, 'c' },
		{ "lead", required_argument, NULL, 'l' },
		{ "duration", required_argument, NULL, 'd' },
		{ "no-kick", no_argument, NULL, 'K' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	bool credit_set = false, lead_set = false;
	int opt, err = 0;

	*o = (struct opts){ .slice_us = 5000 };
	while (!err && (opt = getopt_long(argc, argv, "s:c:l:d:Kvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			err = scx_cli_parse_ull(NAME, "slice", optarg, 1, 1000000, &o->slice_us);
			break;
		case 'c':
			err = scx_cli_parse_ull(NAME, "credit", optarg, 0, 10000000, &o->credit_us);
			credit_set = true;
			break;
		case 'l':
			err = scx_cli_parse_ull(NAME, "lead", optarg, 1, 10000000, &o->lead_us);
			lead_set = true;
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
	if (!lead_set)
		o->lead_us = 10 * o->slice_us;
	return 0;
}

static struct bpf_object *vtime_open(void *ctx)
{
	struct vtime_run *r = ctx;

	r->skel = scx_vtime__open();
	if (!r->skel)
		return NULL;
	r->skel->rodata->slice_ns = r->o->slice_us * 1000;
	r->skel->rodata->max_credit_ns = r->o->credit_us * 1000;
	r->skel->rodata->max_lead_ns = r->o->lead_us * 1000;
	r->skel->rodata->kick_idle = !r->o->no_kick;
	return r->skel->obj;
}

static void vtime_close(void *ctx)
{
	struct vtime_run *r = ctx;

	scx_vtime__destroy(r->skel);
	r->skel = NULL;
}

static void print_attached(void *ctx)
{
	struct vtime_run *r = ctx;

	printf(NAME ": attached (slice %llu us, credit %llu us, lead %llu us)\n", r->o->slice_us,
	       r->o->credit_us, r->o->lead_us);
}

int main(int argc, char **argv)
{
	struct scx_loader_opts lo = {
		.sz = sizeof(lo), .name = NAME, .ops_name = "vtime_ops",
		.max_restarts = SCX_RESTARTS_UNLIMITED, .open = vtime_open, .close = vtime_close,
		.on_attach = print_attached,
		/* after each detach too: the final totals */
		.on_tick = print_stats, .on_detach = print_stats,
	};
	struct vtime_run r = {};
	struct opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	scx_cli_libbpf_print(o.verbose);
	r.o = &o;
	lo.ctx = &r;
	lo.timeout_s = (int)o.duration_s;
	/* the object's bytes, for the call sites of an ejection report */
	lo.obj_data = scx_vtime__elf_bytes(&lo.obj_size);
	return scx_loader_run(&lo);
}
