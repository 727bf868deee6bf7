// SPDX-License-Identifier: GPL-2.0
/*
 * sched_load: load and attach a sched_ext BPF object file as it is, run it for a while and
 * report how it ended (the exit record's message included). For VM tests of objects that
 * have no skeleton-built loader, such as the scope-mode variants of the schedulers.
 *
 *   sched_load [-v] [-t SECONDS] OBJECT.bpf.o	(-v: libbpf's debug messages too)
 *
 * Exit status: 0 after a clean detach at the timeout, 1 when the kernel ejected the
 * scheduler, 2 when it could not be loaded or attached or on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <scopex.h>

static bool verbose;

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_WARN || verbose ? vfprintf(stderr, fmt, args) : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: sched_load [-v] [-t SECONDS] OBJECT.bpf.o\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct scx_run_opts run = { .sz = sizeof(run), .timeout_s = 10 };
	struct scx_session sess;
	struct bpf_object *obj;
	int opt, err;

	while ((opt = getopt(argc, argv, "t:vh")) != -1) {
		if (opt == 'v') {
			verbose = true;
			continue;
		}
		if (opt != 't')
			return usage();
		run.timeout_s = atoi(optarg);
		if (run.timeout_s <= 0)
			return usage();
	}
	if (optind != argc - 1)
		return usage();
	libbpf_set_print(print_fn);
	obj = bpf_object__open_file(argv[optind], NULL);
	if (!obj) {
		fprintf(stderr, "sched_load: cannot open %s: %s\n", argv[optind], strerror(errno));
		return 2;
	}
	err = scx_session_open(&sess, "sched_load", obj, NULL);
	if (!err)
		err = bpf_object__load(obj);
	if (!err)
		err = scx_session_attach(&sess);
	if (err) {
		fprintf(stderr, "sched_load: %s: load or attach failed: %s\n", argv[optind],
			strerror(-err));
		bpf_object__close(obj);
		return 2;
	}
	printf("sched_load: %s attached\n", argv[optind]);
	fflush(stdout);
	scx_session_run(&sess, &run);
	err = scx_session_finish(&sess);
	bpf_object__close(obj);
	return err;
}
