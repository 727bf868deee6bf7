// SPDX-License-Identifier: GPL-2.0
/*
 * scopex vm: the guest's /init, a busybox script written into the run directory. It mounts
 * the pseudo file systems, binds the writable directories, makes / read-only, passes the
 * caller's PATH and SCOPEX_* variables on, runs the command with its output on ttyS0 and
 * writes its exit status into the run directory before powering off.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "vm.h"

/* Append ARG to F as one single-quoted shell word. */
static void shell_quote(FILE *f, const char *arg)
{
	fputc('\'', f);
	for (; *arg; arg++) {
		if (*arg == '\'')
			fputs("'\\''", f);
		else
			fputc(*arg, f);
	}
	fputs("' ", f);
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* Shortest path first, so that a directory is mounted before the ones inside it. */
static int by_length(const void *a, const void *b)
{
	size_t la = strlen(*(const char *const *)a), lb = strlen(*(const char *const *)b);

	return (la > lb) - (la < lb);
}

/*
 * The writable directories, each bound onto itself before / goes read-only, and /tmp.
 * /tmp is the guest's own tmpfs even when a writable directory lies under the host's /tmp
 * (a clone made with mktemp -d): guests booted in parallel must not share scratch files.
 * Such a directory is bound aside under /run first and moved onto the new tmpfs after.
 */
static void write_rw_mounts(FILE *f, const char **rw, int n)
{
	int i;

	qsort(rw, n, sizeof(*rw), by_length);
	for (i = 0; i < n; i++) {
		if (!under(rw[i], "/tmp")) {
			fputs("$B mount --bind ", f);
			shell_quote(f, rw[i]);
			shell_quote(f, rw[i]);
			fputs("2>/dev/null\n", f);
			continue;
		}
		fprintf(f, "$B mkdir -p /run/scopex-rw/%d\n$B mount --bind ", i);
		shell_quote(f, rw[i]);
		fprintf(f, "/run/scopex-rw/%d 2>/dev/null\n", i);
	}
	fputs("$B mount -t tmpfs tmp /tmp\n", f);
	for (i = 0; i < n; i++) {
		if (!under(rw[i], "/tmp"))
			continue;
		fputs("$B mkdir -p ", f);
		shell_quote(f, rw[i]);
		fprintf(f, "\n$B mount -o move /run/scopex-rw/%d ", i);
		shell_quote(f, rw[i]);
		fputs("2>/dev/null\n", f);
	}
}

/* The guest's /init: mounts, then COMMAND, then its status into the run directory. */
int vm_write_init(const char *dir, char *const *cmd)
{
	const char *rw[] = { dir, SCOPEX_SOURCE_ROOT, SCOPEX_BUILD_ROOT, NULL };
	char path[PATH_MAX + 16], cwd[PATH_MAX];
	extern char **environ;
	int i, n_rw = 3;
	FILE *f;

	if (!getcwd(cwd, sizeof(cwd)))
		return -errno;
	if (strcmp(cwd, "/"))
		rw[n_rw++] = cwd;
	snprintf(path, sizeof(path), "%s/init", dir);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fputs("#!/bin/busybox sh\nB=/bin/busybox\n"
	      "$B mount -t proc proc /proc\n$B mount -t sysfs sys /sys\n"
	      "$B mount -t devtmpfs dev /dev 2>/dev/null\n$B mkdir -p /dev/pts /dev/shm\n"
	      "$B mount -t devpts devpts /dev/pts\n$B mount -t tmpfs shm /dev/shm\n"
	      "$B mount -t tmpfs run /run\n$B mount -t bpf bpf /sys/fs/bpf\n"
	      "$B mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null\n"
	      "$B mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null\n"
	      "$B mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null\n", f);
	write_rw_mounts(f, rw, n_rw);
	fputs("$B mount -o remount,bind,ro /\n$B hostname scopex-vm\n"
	      "$B stty -F /dev/ttyS0 raw -echo 2>/dev/null\n"
	      "export HOME=/root TERM=dumb SCOPEX_IN_VM=1\n", f);
	for (i = 0; environ[i]; i++) {
		if (strncmp(environ[i], "PATH=", 5) && strncmp(environ[i], "SCOPEX_", 7) &&
		    strncmp(environ[i], "XDG_CACHE_HOME=", 15) && strncmp(environ[i], "LANG=", 5))
			continue;
		fputs("export ", f);
		shell_quote(f, environ[i]);
		fputc('\n', f);
	}
	fputs("cd ", f);
	shell_quote(f, cwd);
	fputs("\necho " VM_READY_WORD " > /dev/ttyS0\n", f);
	for (i = 0; cmd[i]; i++)
		shell_quote(f, cmd[i]);
	fprintf(f, "</dev/null >/dev/ttyS0 2>&1\necho $? > '%s/status'\n"
		"$B sync\n$B poweroff -f\n", dir);
	if (fclose(f))
		return -errno;
	return chmod(path, 0755) ? -errno : 0;
}
