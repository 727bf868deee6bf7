// SPDX-License-Identifier: GPL-2.0
/*
 * The loop every loader runs: open, load, attach, watch, detach, report, and again when
 * the scheduler asks to be restarted. The kernel ejects a scheduler without
 * ops.cpu_online()/cpu_offline() at each CPU hotplug event with such a request; a loader
 * that honours it reopens the object (a fresh .bss, fresh maps), reloads and reattaches.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "scopex.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* After a restart request the previous instance may still be disabling: up to 3 s. */
static void wait_disabled(void)
{
	char state[64];
	int i;

	for (i = 0; i < 300; i++) {
		if (!scx_sysfs_state(state, sizeof(state)) || !strcmp(state, "disabled"))
			return;
		usleep(10 * 1000);
	}
}

/* Open, load and attach; 0, or 2 (the exit status) after saying what failed. */
static int start(const struct scx_loader_opts *o, struct scx_session *s)
{
	struct bpf_object *obj;
	char msg[128];

	obj = o->open(o->ctx);
	if (!obj) {
		/* libbpf's own errors are above errno's range: its strerror knows both */
		libbpf_strerror(errno, msg, sizeof(msg));
		fprintf(stderr, "%s: opening the BPF object failed: %s\n", o->name, msg);
		return 2;
	}
	if (scx_session_open(s, o->name, obj, o->ops_name))
		return 2;
	s->log_dir = o->log_dir;
	s->obj_path = o->obj_path;
	s->obj_data = o->obj_data;
	s->obj_size = o->obj_size;
	if ((o->before_load && o->before_load(o->ctx, s)) || scx_session_load(s) ||
	    (o->before_attach && o->before_attach(o->ctx)) || scx_session_attach(s)) {
		fprintf(stderr, "%s: could not load and attach the scheduler\n", o->name);
		return 2;
	}
	if (o->on_attach)
		o->on_attach(o->ctx);
	fflush(stdout);
	return 0;
}

/* One open-to-close cycle; *restart when the scheduler asks for another. */
static int run_once(const struct scx_loader_opts *o, long long *deadline, bool *restart)
{
	struct scx_run_opts run = {
		.sz = sizeof(run), .tick_ms = o->tick_ms, .on_tick = o->on_tick, .ctx = o->ctx,
	};
	struct scx_session s;
	int ret;

	*restart = false;
	ret = start(o, &s);
	if (ret) {
		o->close(o->ctx);
		return ret;
	}
	/* the duration counts from the first attach, across restarts */
	if (o->timeout_s > 0 && !*deadline)
		*deadline = now_ms() + o->timeout_s * 1000LL;
	if (*deadline) {
		long long left = *deadline - now_ms();

		run.timeout_s = left > 0 ? (int)((left + 999) / 1000) : 1;
	}
	scx_session_run(&s, &run);
	ret = scx_session_finish(&s);
	if (o->on_detach)
		o->on_detach(o->ctx);
	*restart = scx_session_wants_restart(&s) && !s.signal;
	o->close(o->ctx);
	return ret;
}

int scx_loader_run(const struct scx_loader_opts *o)
{
	long long deadline = 0;
	int ret, restarts = 0;
	bool restart;

	if (!o || o->sz < sizeof(*o) || !o->name || !o->open || !o->close) {
		fprintf(stderr, "scx_loader_run: incomplete scx_loader_opts\n");
		return 2;
	}
	if (scx_preflight(o->name))
		return 2;
	for (;;) {
		ret = run_once(o, &deadline, &restart);
		if (!restart)
			return ret;
		if (deadline && now_ms() >= deadline)
			return ret;
		if (o->max_restarts != SCX_RESTARTS_UNLIMITED && restarts == o->max_restarts) {
			fprintf(stderr, "%s: the scheduler asked for a restart %d times: giving up "
				"(%d granted)\n", o->name, restarts + 1, o->max_restarts);
			return 1;
		}
		restarts++;
		if (o->max_restarts == SCX_RESTARTS_UNLIMITED)
			fprintf(stderr, "%s: restarting (%d)\n", o->name, restarts);
		else
			fprintf(stderr, "%s: restarting (%d/%d)\n", o->name, restarts,
				o->max_restarts);
		wait_disabled();
	}
}
