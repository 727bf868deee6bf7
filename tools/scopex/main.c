// SPDX-License-Identifier: GPL-2.0
/*
 * scopex: one command line for the framework, with subcommands in the style of bpftool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scopex.h"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
	{ "bench", cmd_bench, "benchmark the runtime kfunc mask against static scoping" },
	{ "check", cmd_check, "find out-of-scope kfunc calls in compiled BPF objects" },
	{ "run", cmd_run, "load a compiled sched_ext object, explain refusals and ejections" },
	{ "new", cmd_new, "start a new scheduler, with its VM test, from the template" },
	{ "scope", cmd_scope, "browse the scope table: which kfuncs each callback may call" },
	{ "vm", cmd_vm, "boot a sched_ext kernel under QEMU and run a command in it" },
};

#define NR_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage: scopex COMMAND [ARGS...]\n\n"
		"Tools for writing sched_ext schedulers with scoped kfuncs.\n\nCommands:\n");
	for (i = 0; i < NR_SUBCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(out, "\nRun 'scopex COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("scopex %s\n", SCOPEX_VERSION);
		return 0;
	}
	for (i = 0; i < NR_SUBCOMMANDS; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "scopex: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
