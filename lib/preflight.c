// SPDX-License-Identifier: GPL-2.0
/* Checks run before loading, each failing with a message that says what to do. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "scopex.h"

#define SCX_SYSFS "/sys/kernel/sched_ext"

static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

const char *scx_sysfs_state(char *buf, size_t len)
{
	return read_line(SCX_SYSFS "/state", buf, len) ? NULL : buf;
}

int scx_preflight(const char *name)
{
	char state[64], ops[160];

	if (geteuid() != 0) {
		fprintf(stderr, "%s: must run as root (loading a BPF scheduler needs CAP_SYS_ADMIN)\n",
			name);
		return -EPERM;
	}
	if (access(SCX_SYSFS, F_OK)) {
		fprintf(stderr, "%s: this kernel has no sched_ext (%s missing): boot a kernel "
			"with CONFIG_SCHED_CLASS_EXT=y, e.g. with 'scopex vm'\n", name, SCX_SYSFS);
		return -ENOTSUP;
	}
	if (access("/sys/kernel/btf/vmlinux", R_OK)) {
		fprintf(stderr, "%s: the kernel has no BTF (/sys/kernel/btf/vmlinux): "
			"CONFIG_DEBUG_INFO_BTF=y is required\n", name);
		return -ENOENT;
	}
	if (scx_sysfs_state(state, sizeof(state)) && strcmp(state, "disabled")) {
		if (read_line(SCX_SYSFS "/root/ops", ops, sizeof(ops)))
			snprintf(ops, sizeof(ops), "unknown");
		fprintf(stderr, "%s: another BPF scheduler is attached (%s, state %s): "
			"stop it first\n", name, ops, state);
		return -EBUSY;
	}
	return 0;
}
