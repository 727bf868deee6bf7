// SPDX-License-Identifier: GPL-2.0
/*
 * scx_percpu: userspace side. Sets the tunables (the watchdog through a struct_ops shadow
 * variable, the slice through the control program), associates the control program with
 * the scheduler, attaches it, prints stats once a second and, on SIGINT/SIGTERM or
 * ejection, why it stopped. "scx_percpu ctl" runs the control program of a scheduler
 * that is already running, from another process.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <scopex.h>
#include "scx_percpu.h"
#include "scx_percpu.bpf.skel.h"

#define NAME		"scx_percpu"
#define CTL_PROG	"percpu_ctl"	/* the control program, as the kernel names it */

/* In the order of enum pcpu_stat in scx_percpu.h. */
static const char *const stat_keys[] = {
	"enqueued", "dispatched", "stolen", "idle_pick", "balanced", "direct", "pinned", "kept",
};

static const char help[] =
"Usage: scx_percpu [-s SLICE_US] [-w WATCHDOG_MS] [-d SECONDS] [-v] [-h]\n"
"       scx_percpu ctl [-s SLICE_US]\n"
"\n"
"Per-CPU queue sched_ext scheduler with work stealing: a task waits on the queue of the\n"
"CPU it last ran on (or of an idle CPU, or of a shorter queue), each CPU serves its own\n"
"queue first and steals from the longest other queue when its own is empty. Queues are\n"
"ordered by deadline (a wakeup is due at once, a task that used its slice a slice later),\n"
"so a woken task goes ahead of CPU hogs; short slices keep wakeups prompt. Nice values\n"
"are ignored.\n"
"\n"
"  -s, --slice SLICE_US      time slice in microseconds (default 3000; the scheduler\n"
"                            accepts 50..100000 and can change it while running)\n"
"  -w, --watchdog MS         ops.timeout_ms: eject a task stalled this long (default\n"
"                            5000, at most 30000)\n"
"  -d, --duration SECONDS    detach after SECONDS (default: run until SIGINT/SIGTERM)\n"
"  -v, --verbose             print libbpf debug messages\n"
"  -h, --help                show this help\n"
"\n"
"Once a second it prints the counters (totals): enqueued (onto a per-CPU queue),\n"
"dispatched (from a per-CPU queue to a CPU), stolen (of those, from another CPU's\n"
"queue), idle_pick (queued on an idle CPU instead of its own), balanced (queued on a\n"
"shorter queue than its own), direct (to an idle CPU from select_cpu), pinned\n"
"(single-CPU tasks) and kept (prev kept running); then, read through the control\n"
"program: queued (waiting now), busiest CPU:length, slice_us and per_cpu lengths.\n"
"\n"
"'scx_percpu ctl' finds the running scheduler's control program, prints the same\n"
"queue line and, with -s, sets a new slice first.\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler (or ctl\n"
"failed), 2 on bad usage or when it could not be loaded.\n";

struct opts {
	bool ctl;			/* the ctl subcommand */
	unsigned long long slice_us;	/* 0: leave it (ctl) */
	unsigned long long watchdog_ms, duration_s;
	bool verbose;
};

/* The control program and its output map, in this process or found in the kernel. */
struct ctl {
	int prog_fd;
	int queued_fd;	/* ctl_queued: per-CPU queue lengths, key CPU */
};

/* Run the control program once; returns 0 or a negative errno (its own or the call's). */
static int ctl_call(const struct ctl *c, struct percpu_ctl_args *args)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = args, .ctx_size_in = sizeof(*args));
	int err;

	err = bpf_prog_test_run_opts(c->prog_fd, &topts);
	if (err)
		return err;
	return (int)topts.retval;
}

/* One line: queued (total), the busiest CPU, the slice and, on small machines, each CPU's. */
static void print_queues(const struct ctl *c, const struct percpu_ctl_args *a)
{
	__u32 cpu;
	__s32 n;

	printf("queued=%d busiest=%d:%d slice_us=%llu", a->total, a->busiest_cpu,
	       a->busiest_queued, (unsigned long long)a->slice_ns / 1000);
	for (cpu = 0; a->nr_cpus <= 16 && cpu < a->nr_cpus; cpu++) {
		if (bpf_map_lookup_elem(c->queued_fd, &cpu, &n))
			break;
		printf("%s%d", cpu ? "," : " per_cpu=", n);
	}
	putchar('\n');
	fflush(stdout);
}

/* Set the slice (if slice_us) and/or read and print the queues (if show). */
static int ctl_apply(const struct ctl *c, unsigned long long slice_us, bool show)
{
	struct percpu_ctl_args args = { .set_slice_ns = slice_us * 1000 };
	int err;

	args.ops = (slice_us ? PCPU_CTL_SET_SLICE : 0) | (show ? PCPU_CTL_READ_QUEUES : 0);
	err = ctl_call(c, &args);
	if (err == -ERANGE)
		fprintf(stderr, NAME ": the scheduler rejected slice %llu us (bounds %llu..%llu)\n",
			slice_us, PCPU_SLICE_MIN_NS / 1000, PCPU_SLICE_MAX_NS / 1000);
	else if (err)
		fprintf(stderr, NAME ": control program: %s\n", strerror(-err));
	else if (show)
		print_queues(c, &args);
	return err;
}

static struct ctl skel_ctl(struct scx_percpu *skel)
{
	return (struct ctl){ .prog_fd = bpf_program__fd(skel->progs.percpu_ctl),
			     .queued_fd = bpf_map__fd(skel->maps.ctl_queued) };
}

/* What the loader's callbacks share: the options and the skeleton of the current run. */
struct percpu_run {
	const struct opts *o;
	struct scx_percpu *skel;
	int assoc;		/* ctl_associate()'s answer */
};

/* The totals; alone after the detach (the queues are gone). */
static void print_totals(void *ctx)
{
	struct percpu_run *r = ctx;

	scx_cli_print_stats(r->skel->maps.stats, stat_keys, sizeof(stat_keys) / sizeof(*stat_keys));
}

/* Once a second: the totals, then the queues through the control program. */
static void print_stats(void *ctx)
{
	struct percpu_run *r = ctx;
	struct ctl c = skel_ctl(r->skel);

	print_totals(ctx);
	ctl_apply(&c, 0, true);
}

/*
 * Associate the control program with the scheduler (BPF_PROG_ASSOC_STRUCT_OPS) so that
 * its kfunc calls find this scheduler even among sub-schedulers. Kernels before the
 * command answer -EINVAL for an unknown bpf() command; there the kfuncs find the root
 * scheduler, which is this one. Returns 1 if associated, 0 if unsupported, or -errno.
 */
static int ctl_associate(struct scx_percpu *skel)
{
	int err;

	err = bpf_program__assoc_struct_ops(skel->progs.percpu_ctl, skel->maps.percpu_ops, NULL);
	if (!err)
		return 1;
	if (err == -EINVAL || err == -EOPNOTSUPP || err == -ENOTSUP)
		return 0;
	fprintf(stderr, NAME ": associating %s with percpu_ops failed: %s\n", CTL_PROG,
		strerror(-err));
	return err;
}

/* The map named ctl_queued among those prog_fd uses, or -ENOENT. */
static int ctl_find_map(int prog_fd)
{
	__u32 ids[16], len, i;
	struct bpf_prog_info info;

	memset(&info, 0, sizeof(info));
	info.nr_map_ids = sizeof(ids) / sizeof(ids[0]);
	info.map_ids = (unsigned long)ids;
	len = sizeof(info);
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return -errno;
	for (i = 0; i < info.nr_map_ids && i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct bpf_map_info minfo = {};
		__u32 mlen = sizeof(minfo);
		int fd = bpf_map_get_fd_by_id(ids[i]);

		if (fd < 0)
			continue;
		if (!bpf_map_get_info_by_fd(fd, &minfo, &mlen) && !strcmp(minfo.name, "ctl_queued"))
			return fd;
		close(fd);
	}
	return -ENOENT;
}

/* The newest loaded syscall program named CTL_PROG, the running scheduler's, and its map. */
static int ctl_find(struct ctl *c)
{
	__u32 id = 0;

	c->prog_fd = -ENOENT;
	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_prog_get_info_by_fd(fd, &info, &len) &&
		    info.type == BPF_PROG_TYPE_SYSCALL && !strcmp(info.name, CTL_PROG)) {
			if (c->prog_fd >= 0)
				close(c->prog_fd);
			c->prog_fd = fd;
			continue;
		}
		close(fd);
	}
	if (c->prog_fd < 0)
		return c->prog_fd;
	c->queued_fd = ctl_find_map(c->prog_fd);
	if (c->queued_fd < 0) {
		close(c->prog_fd);
		return c->queued_fd;
	}
	return 0;
}

static int run_ctl(const struct opts *o)
{
	struct ctl c;
	int err;

	if (ctl_find(&c)) {
		fprintf(stderr, NAME ": no running scx_percpu (no syscall program %s with its "
			"ctl_queued map)\n", CTL_PROG);
		return 1;
	}
	err = ctl_apply(&c, o->slice_us, true);
	close(c.queued_fd);
	close(c.prog_fd);
	return err ? 1 : 0;
}

/* Returns 0 to run, 1 after --help, -EINVAL on bad usage. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "slice", required_argument, NULL, 's' },
		{ "watchdog", required_argument, NULL, 'w' },
		{ "duration", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *shortopts = "s:w:d:vh";
	int opt, err = 0;

	*o = (struct opts){ .slice_us = PCPU_SLICE_DFL_NS / 1000, .watchdog_ms = 5000 };
	if (argc > 1 && !strcmp(argv[1], "ctl")) {
		/* ctl: only -s (and -h); no slice means read only */
		*o = (struct opts){ .ctl = true };
		argc--;
		argv++;
		shortopts = "s:h";
	}
	while (!err && (opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			/* the bounds are the control program's to enforce */
			err = scx_cli_parse_ull(NAME, "slice", optarg, 1, 1000000000, &o->slice_us);
			break;
		case 'w':
			err = scx_cli_parse_ull(NAME, "watchdog", optarg, 1, 30000, &o->watchdog_ms);
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

static struct bpf_object *percpu_open(void *ctx)
{
	struct percpu_run *r = ctx;

	r->skel = scx_percpu__open();
	if (!r->skel)
		return NULL;
	/* A shadow variable: the struct_ops map's data field, written before the load. */
	r->skel->struct_ops.percpu_ops->timeout_ms = r->o->watchdog_ms;
	return r->skel->obj;
}

static void percpu_close(void *ctx)
{
	struct percpu_run *r = ctx;

	scx_percpu__destroy(r->skel);
	r->skel = NULL;
}

/* Loaded: set the slice, associate the control program. */
static int setup_ctl(void *ctx)
{
	struct percpu_run *r = ctx;
	struct ctl ctl = skel_ctl(r->skel);

	/* The slice goes through the control program: it alone checks the bounds. */
	if (ctl_apply(&ctl, r->o->slice_us, false))
		return -EINVAL;
	r->assoc = ctl_associate(r->skel);
	return r->assoc < 0 ? r->assoc : 0;
}

static void print_attached(void *ctx)
{
	struct percpu_run *r = ctx;

	printf(NAME ": attached (slice %llu us, watchdog %llu ms), control program assoc=%s\n",
	       r->o->slice_us, r->o->watchdog_ms, r->assoc ? "yes" : "no");
	if (!r->assoc)
		printf(NAME ": this kernel lacks BPF_PROG_ASSOC_STRUCT_OPS; the control program "
		       "reaches the root scheduler\n");
}

int main(int argc, char **argv)
{
	struct scx_loader_opts lo = {
		.sz = sizeof(lo), .name = NAME, .ops_name = "percpu_ops",
		.max_restarts = SCX_RESTARTS_UNLIMITED, .open = percpu_open, .close = percpu_close,
		.before_attach = setup_ctl, .on_attach = print_attached,
		.on_tick = print_stats, .on_detach = print_totals,
	};
	struct percpu_run r = {};
	struct opts o;
	int ret;

	ret = parse_opts(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : 2;
	scx_cli_libbpf_print(o.verbose);
	if (o.ctl)
		return run_ctl(&o);
	r.o = &o;
	lo.ctx = &r;
	lo.timeout_s = (int)o.duration_s;
	/* the object's bytes, for the call sites of an ejection report */
	lo.obj_data = scx_percpu__elf_bytes(&lo.obj_size);
	return scx_loader_run(&lo);
}
