/* SPDX-License-Identifier: GPL-2.0 */
/* The scopex command line: one function per subcommand, shared helpers. */
#ifndef __SCOPEX_CLI_H
#define __SCOPEX_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit statuses shared by the subcommands. */
#define EXIT_USAGE	2	/* bad options, unknown kernel, unreadable input */

int cmd_vm(int argc, char **argv);
int cmd_scope(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* The cache bootstrap fills: $SCOPEX_CACHE, $XDG_CACHE_HOME/scopex or ~/.cache/scopex. */
const char *scopex_cache_dir(void);
/*
 * True if VERSION is one of the table's kernels or a release of their series; lists them
 * on stderr if not.
 */
bool scopex_kernel_known(const char *version);
/*
 * The scope table's kernel for VERSION: itself, or the table's kernel of the same
 * MAJOR.MINOR series (a note on stderr). NULL, with the known kernels listed on stderr
 * after WHO ("scopex check"), if the table has no kernel of that series.
 */
const char *scopex_kernel_resolve(const char *version, const char *who);

#endif /* __SCOPEX_CLI_H */
