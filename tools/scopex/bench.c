// SPDX-License-Identifier: GPL-2.0
/*
 * scopex bench: the runtime kfunc mask against static scoping, measured. The work is in
 * tools/bench/ (bench.sh on the host, bench_guest.sh in each VM, bench_report.py for the
 * report): this subcommand checks the options and hands over to bench.sh, whose exit
 * status it returns.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "scopex.h"

#define NAME "scopex bench"

static const char help[] =
"Usage: scopex bench [--smoke] [--out DIR] [--reps N] [--icount SHIFT|off]\n"
"\n"
"Benchmark the runtime kfunc mask against static scoping on real kernels, in QEMU VMs:\n"
"  - the same scx_fifo -g binary on 7.0.13 (runtime mask) and 7.1.13 (static filter);\n"
"    scx_fifo on 6.18.15 and 7.3.4;\n"
"  - on 7.3.4, scx_fifo in the three scope modes (plain, static, runtime);\n"
"  - EEVDF and the kernel's upstream scx_simple as baselines in the same boot;\n"
"measuring BPF run time per callback (kernel.bpf_stats_enabled), xlated/JITed sizes,\n"
"verifier-processed instructions, hackbench, stress-ng --switch/--yield and cyclictest,\n"
"with the configurations interleaved within each boot; plus the deterministic counts:\n"
"BPF instructions as compiled and the kfmask model's instructions per callback under\n"
"callgrind (every example scheduler). Writes DIR/results.json, DIR/report.md, DIR/*.png\n"
"and DIR/raw/. The kernels boot in parallel VMs.\n"
"\n"
"Guest timings are emulated: only ratios within one run mean anything. By default the\n"
"guests count time in instructions (QEMU -icount, see scopex vm --help), so the load of\n"
"the host, and of the parallel boots on each other, stays out of the figures.\n"
"\n"
"  --smoke        1 repetition, short workloads, 7.0.13 vs 7.1.13 and scx_fifo's three\n"
"                 modes on 7.3.4 only: a check that everything runs (a few minutes)\n"
"  -o, --out DIR  output directory (default: bench-results)\n"
"  -r, --reps N   repetitions of each configuration (default 5, 1-50)\n"
"  -i, --icount SHIFT|off\n"
"                 guest clock: one instruction every 2^SHIFT ns (0-10, default 0), or\n"
"                 off for the host's wall clock (noisier)\n"
"  -h, --help     show this help\n"
"\n"
"Needs valgrind, gnuplot, python3 and the kernels of tools/bootstrap.sh. A full run takes\n"
"about 18 minutes on an idle 2-core host, longer on a busy one, and prints the measurements\n"
"done every minute. Exit status: 0 on success, 2 on bad usage or a failed run.\n";

struct bench_opts {
	const char *out;
	unsigned long long reps;
	const char *icount;	/* "off" or a shift, passed through to scopex vm */
	bool smoke;
};

static bool is_shift(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s >= '0' && *s <= '9' && !*end && v <= 10;
}

static int parse(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "reps", required_argument, NULL, 'r' },
		{ "icount", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char *end;
	int opt;

	*o = (struct bench_opts){ .out = "bench-results", .reps = 5, .icount = "0" };
	while ((opt = getopt_long(argc, argv, "o:r:i:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			o->smoke = true;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'r':
			errno = 0;
			o->reps = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || o->reps < 1 || o->reps > 50) {
				fprintf(stderr, NAME ": invalid repetition count '%s' (1-50)\n", optarg);
				return -EINVAL;
			}
			break;
		case 'i':
			if (strcmp(optarg, "off") && !is_shift(optarg)) {
				fprintf(stderr, NAME ": invalid icount '%s' (0-10 or off)\n", optarg);
				return -EINVAL;
			}
			o->icount = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'scopex bench --help'.\n");
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, NAME ": unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	if (!*o->out) {
		fprintf(stderr, NAME ": empty output directory\n");
		return -EINVAL;
	}
	if (o->smoke)
		o->reps = 1;
	return 0;
}

int cmd_bench(int argc, char **argv)
{
	const char *script = SCOPEX_SOURCE_ROOT "/tools/bench/bench.sh";
	struct bench_opts o;
	char reps[24];
	int ret;

	ret = parse(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : EXIT_USAGE;
	if (access(script, R_OK)) {
		fprintf(stderr, NAME ": %s: %s\n", script, strerror(errno));
		return EXIT_USAGE;
	}
	if (mkdir(o.out, 0755) && errno != EEXIST) {
		fprintf(stderr, NAME ": cannot create %s: %s\n", o.out, strerror(errno));
		return EXIT_USAGE;
	}
	snprintf(reps, sizeof(reps), "%llu", o.reps);
	fflush(stdout);
	execl("/bin/bash", "bash", script, SCOPEX_BUILD_ROOT, o.out, reps,
	      o.smoke ? "smoke" : "full", o.icount, (char *)NULL);
	fprintf(stderr, NAME ": cannot run %s: %s\n", script, strerror(errno));
	return EXIT_USAGE;
}
