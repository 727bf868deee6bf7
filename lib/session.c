// SPDX-License-Identifier: GPL-2.0
/*
 * A scheduler session: attach the struct_ops map, wait, detach, report.
 *
 * Waiting uses epoll on a signalfd (SIGINT, SIGTERM) and on the struct_ops link, which
 * reports EPOLLHUP when the kernel detaches the scheduler (kernels since 6.12). The exit
 * record is also polled every 100 ms, so an ejection is noticed within that on any kernel.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <bpf/bpf.h>
#include "diag.h"
#include "scopex.h"

#define POLL_MS 100

int scx_session_open(struct scx_session *s, const char *name, struct bpf_object *obj,
		     const char *ops_name)
{
	struct bpf_map *map;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->obj = obj;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		if (ops_name && strcmp(bpf_map__name(map), ops_name))
			continue;
		s->ops = map;
		return 0;
	}
	fprintf(stderr, "%s: no struct_ops map%s%s in the object\n", name,
		ops_name ? " named " : "", ops_name ? ops_name : "");
	return -ENOENT;
}

int scx_session_attach(struct scx_session *s)
{
	int err;

	s->link = bpf_map__attach_struct_ops(s->ops);
	if (!s->link) {
		err = -errno;
		fprintf(stderr, "%s: attaching %s failed: %s\n", s->name, bpf_map__name(s->ops),
			strerror(-err));
		return err;
	}
	s->exit = scx_exit_record_find(s->obj);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, set, NULL))
		return -errno;
	return signalfd(-1, set, SFD_CLOEXEC);
}

static bool exited(const struct scx_session *s)
{
	return s->exit && __atomic_load_n(&s->exit->kind, __ATOMIC_ACQUIRE) != 0;
}

int scx_session_run(struct scx_session *s, const struct scx_run_opts *opts)
{
	unsigned int tick = opts && opts->tick_ms ? opts->tick_ms : 1000;
	struct epoll_event ev = { .events = EPOLLIN }, out;
	long long next_tick = now_ms() + tick, deadline = 0;
	int sfd, ep, err = 0;
	sigset_t set;

	if (opts && opts->timeout_s > 0)
		deadline = now_ms() + opts->timeout_s * 1000LL;
	sfd = block_signals(&set);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (sfd < 0 || ep < 0)
		return -errno;
	ev.data.fd = sfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	/* Older kernels cannot poll a struct_ops link; the exit record still tells. */
	ev.events = EPOLLHUP;
	ev.data.fd = bpf_link__fd(s->link);
	epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);

	while (!exited(s)) {
		int n = epoll_wait(ep, &out, 1, POLL_MS);

		if (n < 0 && errno != EINTR) {
			err = -errno;
			break;
		}
		if (n > 0 && out.data.fd == sfd) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == sizeof(si))
				s->signal = (int)si.ssi_signo;
			break;
		}
		if (n > 0 && (out.events & EPOLLHUP)) {
			/* Detached by the kernel: ops.exit() has filled the record. */
			epoll_ctl(ep, EPOLL_CTL_DEL, out.data.fd, NULL);
			if (!s->exit)
				break;
		}
		if (opts && opts->on_tick && now_ms() >= next_tick) {
			opts->on_tick(opts->ctx);
			next_tick += tick;
		}
		if (deadline && now_ms() >= deadline)
			break;
	}
	close(ep);
	close(sfd);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return err;
}

bool scx_session_wants_restart(const struct scx_session *s)
{
	return s->exit && (s->exit->exit_code & SCX_EXIT_CODE_RESTART);
}

/*
 * Ended as asked: detached from user space, or the scheduler unloaded itself with exit
 * code 0 or a restart request. An error, sysrq-S or the kernel unregistering it is not.
 */
static bool clean_exit(const struct scx_exit_record *rec)
{
	switch (rec->kind) {
	case SCX_EXIT_KIND_NONE:
	case SCX_EXIT_KIND_DONE:
	case SCX_EXIT_KIND_UNREG:
		return true;
	case SCX_EXIT_KIND_UNREG_BPF:
		return !(rec->exit_code & ~SCX_EXIT_CODE_RESTART);
	default:
		return false;
	}
}

/* Why the scheduler stopped, from its exit record, decoded. */
static void report(const struct scx_session *s)
{
	int kind = s->exit->kind;

	fprintf(stderr, "%s: exit: %s", s->name, scx_exit_kind_str(kind));
	if (s->exit->reason[0])
		fprintf(stderr, " (%s)", s->exit->reason);
	if (s->exit->msg[0])
		fprintf(stderr, ": %s", s->exit->msg);
	fputc('\n', stderr);
	if (kind >= SCX_EXIT_KIND_ERROR) {
		struct scx_obj_source src = { s->obj_path, s->obj_data, s->obj_size };

		scx_diag_exit(s->name, kind, s->exit->msg, &src, NULL, stderr);
	}
	if (scx_session_wants_restart(s))
		fprintf(stderr, "%s: the scheduler asks to be restarted\n", s->name);
}

int scx_session_finish(struct scx_session *s)
{
	/* Ejected: the record is complete, say so before the slow part (the detach waits
	 * for the rest of the kernel's disable work: RCU grace periods, sysfs). */
	bool reported = s->exit && exited(s);

	if (reported)
		report(s);
	if (s->link) {
		long long until = now_ms() + 2000;

		/* Unregistering disables the scheduler before the close returns; the
		 * bounded wait only covers a disable still running in a kernel worker. */
		bpf_link__destroy(s->link);
		s->link = NULL;
		while (s->exit && !exited(s) && now_ms() < until)
			usleep(10 * 1000);
	}
	if (!s->exit) {
		fprintf(stderr, "%s: detached (no exit record in the object)\n", s->name);
		return 0;
	}
	if (!reported)
		report(s);
	return clean_exit(s->exit) ? 0 : 1;
}

int scx_percpu_sum(struct bpf_map *map, unsigned long long *out, unsigned int nr)
{
	int ncpu = libbpf_num_possible_cpus();
	unsigned int key;

	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	{
		unsigned long long vals[ncpu];

		for (key = 0; key < nr; key++) {
			int cpu;

			out[key] = 0;
			if (bpf_map_lookup_elem(bpf_map__fd(map), &key, vals))
				return -errno;
			for (cpu = 0; cpu < ncpu; cpu++)
				out[key] += vals[cpu];
		}
	}
	return 0;
}
