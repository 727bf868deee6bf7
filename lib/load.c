// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a session's object with the verifier's log captured.
 *
 * Every program gets the same log buffer: libbpf loads them one at a time, asks for no log
 * while they load fine, and on the first refusal reloads that program with log level 1
 * into the buffer, then stops. So one bounded buffer holds the refused program's log (the
 * kernel keeps the end of a log that does not fit). Which program it was, libbpf only
 * says in a message: its print callback is wrapped for the duration of the load, and
 * every message still reaches the caller's callback.
 *
 * The programs' line info is copied after bpf_object__prepare(): libbpf frees it when the
 * load fails, and the diagnosis needs it to turn the failing instruction into a location.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "scopex.h"

#define LOG_SIZE_DFL	(1u << 20)
#define LOG_SIZE_MAX	(1u << 30)	/* the kernel takes up to UINT_MAX >> 2 */

static struct {
	libbpf_print_fn_t prev;
	char failed[128];		/* the program libbpf could not load */
	char ext[256];			/* "extern (func ksym) 'X': func_proto ... incompatible" */
} capture;

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char line[512];
	const char *p, *q;
	va_list copy;

	va_copy(copy, args);
	vsnprintf(line, sizeof(line), fmt, copy);
	va_end(copy);
	/* "prog 'NAME': BPF program load failed: ..." or "prog 'NAME': failed to load: ..." */
	p = strstr(line, "prog '");
	q = p ? strchr(p + 6, '\'') : NULL;
	if (q && (strstr(q, "load failed") || strstr(q, "failed to load")))
		snprintf(capture.failed, sizeof(capture.failed), "%.*s", (int)(q - p - 6), p + 6);
	/* a declaration libbpf cannot match to the kernel's prototype: no program loads */
	p = strstr(line, "extern (func ksym) '");
	if (p && strstr(p, "incompatible") && !capture.ext[0])
		snprintf(capture.ext, sizeof(capture.ext), "%.*s", (int)strcspn(p, "\n"), p);
	return capture.prev ? capture.prev(level, fmt, args) : 0;
}

struct linfo_copy {
	const struct bpf_program *prog;
	struct bpf_line_info *recs;
	unsigned int nr;
};

static struct linfo_copy *copy_linfo(struct bpf_object *obj, size_t *nr)
{
	struct bpf_program *prog;
	struct linfo_copy *c;
	size_t n = 0;

	bpf_object__for_each_program(prog, obj)
		n++;
	c = calloc(n ?: 1, sizeof(*c));
	if (!c)
		return NULL;
	n = 0;
	bpf_object__for_each_program(prog, obj) {
		const struct bpf_line_info *li = bpf_program__line_info(prog);
		unsigned int cnt = bpf_program__line_info_cnt(prog);

		c[n].prog = prog;
		if (li && cnt && (c[n].recs = malloc(cnt * sizeof(*li)))) {
			memcpy(c[n].recs, li, cnt * sizeof(*li));
			c[n].nr = cnt;
		}
		n++;
	}
	*nr = n;
	return c;
}

static void free_linfo(struct linfo_copy *c, size_t nr)
{
	size_t i;

	for (i = 0; c && i < nr; i++)
		free(c[i].recs);
	free(c);
}

static void set_log_bufs(struct bpf_object *obj, char *buf, size_t size)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, obj)
		bpf_program__set_log_buf(prog, buf, size);
}

static void diagnose(struct scx_session *s, int err, const char *log, size_t size,
		     struct linfo_copy *li, size_t nr_li)
{
	struct scx_load_failure f = {
		.sz = sizeof(f), .name = s->name, .obj = s->obj, .ops = s->ops, .err = err,
		.log = log, .log_len = log ? strnlen(log, size) : 0,
		.log_truncated = err == -ENOSPC, .log_dir = s->log_dir, .obj_path = s->obj_path,
		.libbpf_msg = capture.ext[0] ? capture.ext : NULL,
	};
	size_t i;

	if (capture.failed[0])
		f.prog = bpf_object__find_program_by_name(s->obj, capture.failed);
	for (i = 0; f.prog && i < nr_li; i++) {
		if (li[i].prog == f.prog) {
			f.linfo = li[i].recs;
			f.nr_linfo = li[i].nr;
		}
	}
	scx_diag_load_failure(&f, stderr);
}

int scx_session_load(struct scx_session *s)
{
	size_t size = s->log_size ?: LOG_SIZE_DFL, nr_li = 0;
	struct linfo_copy *li = NULL;
	char *log;
	int err;

	if (size < 128 || size > LOG_SIZE_MAX)
		return -EINVAL;
	log = calloc(1, size);
	if (!log)
		return -ENOMEM;
	set_log_bufs(s->obj, log, size);
	capture.failed[0] = capture.ext[0] = '\0';
	capture.prev = libbpf_set_print(capture_print);

	err = bpf_object__prepare(s->obj);
	if (!err) {
		li = copy_linfo(s->obj, &nr_li);
		err = bpf_object__load(s->obj);
	}

	libbpf_set_print(capture.prev);
	set_log_bufs(s->obj, NULL, 0);
	if (err)
		diagnose(s, err, log[0] ? log : NULL, size, li, nr_li);
	free_linfo(li, nr_li);
	free(log);
	return err;
}
