// SPDX-License-Identifier: GPL-2.0
/*
 * scx_fifo: userspace side. Sets the tunables, loads and attaches the scheduler, prints
 * one stats line per second and, on SIGINT/SIGTERM or ejection, why it stopped.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
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

/* What the loader's callbacks share: the options and the skeleton of the current run. */
struct fifo_run {
	const struct opts *o;
	struct scx_fifo *skel;
};

static void print_stats(void *ctx)
{
	struct fifo_run *r = ctx;

	scx_cli_print_stats(r->skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
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

static struct bpf_object *fifo_open(void *ctx)
{
	struct fifo_run *r = ctx;

	r->skel = scx_fifo__open();
	if (!r->skel)
		return NULL;
	r->skel->rodata->slice_ns = r->o->slice_us * 1000;
	r->skel->rodata->global_dsq = r->o->global;
	return r->skel->obj;
}

static void fifo_close(void *ctx)
{
	struct fifo_run *r = ctx;

	scx_fifo__destroy(r->skel);
	r->skel = NULL;
}

static void print_attached(void *ctx)
{
	struct fifo_run *r = ctx;

	printf(NAME ": attached (slice %llu us)\n", r->o->slice_us);
}

int main(int argc, char **argv)
{
	struct scx_loader_opts lo = {
		.sz = sizeof(lo), .name = NAME, .ops_name = "fifo_ops",
		.max_restarts = SCX_RESTARTS_UNLIMITED, .open = fifo_open, .close = fifo_close,
		.on_attach = print_attached,
		/* after each detach too: the final totals */
		.on_tick = print_stats, .on_detach = print_stats,
	};
	struct fifo_run r = {};
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
	lo.obj_data = scx_fifo__elf_bytes(&lo.obj_size);
	return scx_loader_run(&lo);
}
