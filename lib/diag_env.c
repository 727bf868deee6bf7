// SPDX-License-Identifier: GPL-2.0
/*
 * What the diagnostics stand on: the kernel whose scoping rules apply (the running one,
 * or the nearest the scope table knows) and the directory the verifier logs are saved in.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "diag.h"
#include "scope.h"

/* --- the kernel whose rules apply ------------------------------------------------------ */

static long version_key(const char *s, bool *ok)
{
	unsigned long part[3] = { 0, 0, 0 };
	int i;

	*ok = false;
	for (i = 0; i < 3; i++) {
		char *end;

		if (!isdigit((unsigned char)*s))
			break;
		part[i] = strtoul(s, &end, 10);
		if (part[i] > 999)
			return 0;
		s = end;
		*ok = i >= 1;
		if (*s != '.')
			break;
		s++;
	}
	return (long)(part[0] * 1000000 + part[1] * 1000 + part[2]);
}

int scx_diag_kernel_nearest(const char *release, bool *exact)
{
	long key, best_d = LONG_MAX;
	int i, best = -1;
	bool ok;

	key = version_key(release, &ok);
	if (!ok)
		return -1;
	for (i = 0; i < (int)scx_nr_kernels; i++) {
		long d = labs(version_key(scx_kernels[i].version, &ok) - key);

		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	if (exact)
		*exact = best_d == 0;
	return best;
}

int scx_diag_kernel_series(const char *release)
{
	long key;
	size_t i;
	bool ok;

	key = version_key(release, &ok);
	if (!ok)
		return -1;
	for (i = 0; i < scx_nr_kernels; i++)
		if (version_key(scx_kernels[i].version, &ok) / 1000 == key / 1000)
			return (int)i;
	return -1;
}

int scx_diag_kernel_get(struct scx_diag_kernel *kern)
{
	struct utsname u;
	bool exact;

	memset(kern, 0, sizeof(*kern));
	if (uname(&u))
		return -errno;
	snprintf(kern->release, sizeof(kern->release), "%s", u.release);
	kern->k = scx_diag_kernel_nearest(u.release, &exact);
	if (kern->k < 0)
		return -ENOENT;
	kern->nearest = !exact;
	return 0;
}

/* --- saving the log -------------------------------------------------------------------- */

const char *scx_cache_dir(void)
{
	static char path[PATH_MAX];
	const char *env = getenv("SCOPEX_CACHE");

	if (env && *env)
		snprintf(path, sizeof(path), "%s", env);
	else if ((env = getenv("XDG_CACHE_HOME")) && *env)
		snprintf(path, sizeof(path), "%s/scopex", env);
	else
		snprintf(path, sizeof(path), "%s/.cache/scopex", getenv("HOME") ?: "/root");
	return path;
}

const char *scx_diag_log_dir(void)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/logs", scx_cache_dir());
	return path;
}

static int mkdir_p(const char *dir)
{
	char buf[PATH_MAX], *p;

	if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_log(const char *dir, const char *stem, const char *log, size_t len,
		     char *path, size_t path_len)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	FILE *f;
	int err;

	err = mkdir_p(dir);
	if (err)
		return err;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(path, path_len, "%s/%s-%s-%d.log", dir, stem, stamp, (int)getpid());
	f = fopen(path, "w");
	if (!f)
		return -errno;
	if (len && fwrite(log, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

const char *scx_diag_save_log(const char *dir, const char *stem, const char *log, size_t len,
			      char *path, size_t path_len, FILE *out)
{
	char tmp[PATH_MAX];
	int err;

	dir = dir ?: scx_diag_log_dir();
	err = write_log(dir, stem, log, len, path, path_len);
	if (!err)
		return path;
	/* a read-only cache (the VM shares the host's) */
	snprintf(tmp, sizeof(tmp), "%s/scopex-logs", getenv("TMPDIR") ?: "/tmp");
	if (!write_log(tmp, stem, log, len, path, path_len)) {
		fprintf(out, "note: could not write to %s (%s): log saved in %s instead\n", dir,
			strerror(-err), tmp);
		return path;
	}
	fprintf(out, "note: could not save the verifier log in %s: %s\n", dir, strerror(-err));
	return NULL;
}
