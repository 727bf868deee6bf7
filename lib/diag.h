/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Diagnostics in terms of the scoping rules: why the verifier refused a scheduler, why the
 * kernel ejected it, said the way a compiler would ("FILE:LINE:COL: error: ...", then
 * "note:" lines), with the scope table (lib/scope.h) as the only source of rules.
 *
 * The kernel's own words are never dropped: the error line is quoted, the structured 7.3
 * block and the tail of other logs are printed, and the whole verifier log is saved to a
 * file whose path is printed.
 */
#ifndef __SCOPEX_DIAG_H
#define __SCOPEX_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <bpf/libbpf.h>
#include "../include/scx/exit_record.h"

/* The kernel whose rules apply: the running one, or the nearest the table knows. */
struct scx_diag_kernel {
	int k;			/* index into scx_kernels[] */
	bool nearest;		/* the release is not in the table: k is the nearest one */
	char release[65];	/* uname -r */
};

/* Fill KERN from uname(2). Returns 0, or -ENOENT when the release cannot be parsed. */
int scx_diag_kernel_get(struct scx_diag_kernel *kern);
/* The table kernel nearest to RELEASE ("7.0.13+deb13-cloud-amd64", "6.18"...), or -1. */
int scx_diag_kernel_nearest(const char *release, bool *exact);
/* The table kernel of RELEASE's MAJOR.MINOR series ("7.3" for "7.3.1-rc2"), or -1. */
int scx_diag_kernel_series(const char *release);

/* Everything known about a failed load. */
struct scx_load_failure {
	size_t sz;			/* sizeof(struct scx_load_failure) */
	const char *name;		/* prefix of messages, e.g. "scx_fifo" */
	struct bpf_object *obj;
	struct bpf_map *ops;		/* the struct_ops map, NULL if unknown */
	struct bpf_program *prog;	/* the program the kernel refused, NULL if unknown */
	int err;			/* negative errno from libbpf */
	const char *log;		/* its verifier log, or the log's tail; may be NULL */
	size_t log_len;
	bool log_truncated;		/* the log did not fit: only its tail is here */
	const struct bpf_line_info *linfo;	/* PROG's line info as prepared, may be NULL */
	unsigned int nr_linfo;
	const char *log_dir;		/* where to save the log; NULL: scx_diag_log_dir() */
	const char *obj_path;		/* the object file, names the saved log; may be NULL */
	const struct scx_diag_kernel *kern;	/* NULL: the running kernel */
	const char *ctx;		/* PROG's callback, "syscall", "tracing"; NULL: from
					 * libbpf and the kernel's BTF */
	const char *libbpf_msg;		/* libbpf's refusal of a kfunc declaration, before
					 * any program loaded ("extern (func ksym) ..."), or
					 * NULL */
};

/*
 * Explain a failed load on OUT. Returns 1 when it was a scoping error (kfunc not allowed
 * or sleepable), 0 for any other failure.
 */
int scx_diag_load_failure(const struct scx_load_failure *f, FILE *out);

/* The default directory of saved logs: $SCOPEX_CACHE/logs or the user's cache; static. */
const char *scx_diag_log_dir(void);
/*
 * Save LEN bytes of LOG as DIR/STEM-<time>-<pid>.log (DIR NULL: the default; unwritable:
 * the temporary directory, said on OUT). Returns PATH filled in, or NULL.
 */
const char *scx_diag_save_log(const char *dir, const char *stem, const char *log, size_t len,
			      char *path, size_t path_len, FILE *out);

/*
 * A call whose line info points into a header (an inlined wrapper, e.g. compat.bpf.h)
 * found in the caller's source: the ORD-th (from 0) "NAME(" outside comments in PATH from
 * line FIRST to the end of that function (a '}' in the first column). Needs the source.
 */
bool scx_diag_find_call(const char *path, unsigned int first, const char *name, unsigned int ord,
			unsigned int *line, unsigned int *col);

/*
 * The line and column of site I of SCAN as the source has them on kernel K: a call inlined
 * from a header wrapper is found in the caller's source (scx_diag_find_call()).
 */
struct scx_obj_scan;
void scx_call_site_where(const struct scx_obj_scan *scan, size_t i, int k, unsigned int *line,
			 unsigned int *col);

/* Where the scheduler's object can be read again, for the call-site scan. */
struct scx_obj_source {
	const char *path;		/* the object file, or NULL */
	const void *data;		/* or its bytes (a skeleton's), with size */
	size_t size;
};

/*
 * After the exit line: explain a runtime ejection from the exit record's kind and message
 * (mask decoding, callbacks, and the object's call sites that match). Prints nothing for
 * exits that need no explanation. Returns 1 when the message was a scoping ejection.
 */
int scx_diag_exit(const char *name, int kind, const char *msg, const struct scx_obj_source *src,
		  const struct scx_diag_kernel *kern, FILE *out);

#endif /* __SCOPEX_DIAG_H */
