// SPDX-License-Identifier: GPL-2.0
/*
 * tmpl: userspace side, made by `scopex new`. Sets the tunables, loads and attaches the
 * scheduler, prints one stats line per second and, on SIGINT/SIGTERM or ejection, why it
 * stopped. Add a tunable: a field in struct opts, an option, and a line in tmpl_open()
 * that copies it into skel->rodata.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
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

/* What the loader's callbacks share: the options and the skeleton of the current run. */
struct tmpl_run {
	const struct opts *o;
	struct tmpl *skel;
};

static void print_stats(void *ctx)
{
	struct tmpl_run *r = ctx;

	scx_cli_print_stats(r->skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
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

static struct bpf_object *tmpl_open(void *ctx)
{
	struct tmpl_run *r = ctx;

	r->skel = tmpl__open();
	if (!r->skel)
		return NULL;
	r->skel->rodata->slice_ns = r->o->slice_us * 1000;
	return r->skel->obj;
}

static void tmpl_close(void *ctx)
{
	struct tmpl_run *r = ctx;

	tmpl__destroy(r->skel);
	r->skel = NULL;
}

static void print_attached(void *ctx)
{
	struct tmpl_run *r = ctx;

	printf(NAME ": attached (slice %llu us)\n", r->o->slice_us);
}

/*
 * libscopex runs the scheduler: load (a verifier refusal is explained), attach, stats
 * every second, detach on SIGINT/SIGTERM or ejection, and a reload when the scheduler asks
 * to be restarted (the kernel asks at every CPU hotplug event).
 */
int main(int argc, char **argv)
{
	struct scx_loader_opts lo = {
		.sz = sizeof(lo), .name = NAME, .ops_name = "tmpl_ops",
		.max_restarts = SCX_RESTARTS_UNLIMITED, .open = tmpl_open, .close = tmpl_close,
		.on_attach = print_attached,
		/* after each detach too: the final totals */
		.on_tick = print_stats, .on_detach = print_stats,
	};
	struct tmpl_run r = {};
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
	lo.obj_data = tmpl__elf_bytes(&lo.obj_size);
	return scx_loader_run(&lo);
}
