/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libscopex: load, attach, watch and explain sched_ext schedulers.
 *
 * A session owns one opened bpf_object with one sched_ext struct_ops map. Errors are
 * returned as negative errno; messages go to stderr prefixed with the session's name.
 */
#ifndef __SCOPEX_H
#define __SCOPEX_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <bpf/libbpf.h>
#include "../include/scx/exit_record.h"

/* Kernel-style integer names, as the BPF side and bpftool's skeletons spell them. */
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
typedef __s64 s64;

/* Checks that fail before anything is loaded: -EPERM, -ENOTSUP, -EBUSY, -ENOENT. */
int scx_preflight(const char *name);

struct scx_session {
	const char *name;		/* for messages */
	struct bpf_object *obj;
	struct bpf_map *ops;		/* the sched_ext struct_ops map */
	struct bpf_link *link;
	const struct scx_exit_record *exit;	/* in the object's mmaped .data, or NULL */
	int signal;			/* signal that ended scx_session_run(), 0 if none */
	/* Optional, set after scx_session_open(): where diagnostics look and write. */
	const char *log_dir;		/* saved verifier logs; NULL: $SCOPEX_CACHE/logs */
	size_t log_size;		/* verifier log buffer; 0: 1 MiB (the log's end is kept) */
	const char *obj_path;		/* the object file, scanned for call sites on ejection */
	const void *obj_data;		/* or its bytes (a skeleton's data, data_sz) */
	size_t obj_size;
};

struct scx_run_opts {
	size_t sz;			/* sizeof(struct scx_run_opts) */
	unsigned int tick_ms;		/* on_tick period, default 1000 */
	void (*on_tick)(void *ctx);	/* stats printer, may be NULL */
	void *ctx;
	int timeout_s;			/* detach after this many seconds; 0: never */
};

/* Find the struct_ops map (the first sched_ext_ops one unless ops_name is given). */
int scx_session_open(struct scx_session *s, const char *name, struct bpf_object *obj,
		     const char *ops_name);
/*
 * Load the object (instead of bpf_object__load() or NAME__load()): the verifier's log is
 * captured, and a refusal is explained in terms of the scoping rules, with the full log
 * saved to a file (lib/diag.h). Replaces any log buffer the caller set on the programs.
 */
int scx_session_load(struct scx_session *s);
/* After scx_session_load(): attach, and find the exit record through BTF. */
int scx_session_attach(struct scx_session *s);
/* Wait until SIGINT/SIGTERM, a timeout, or the kernel disabling the scheduler. */
int scx_session_run(struct scx_session *s, const struct scx_run_opts *opts);
/* Detach (idempotent) and print why the scheduler stopped, an ejection decoded in terms
 * of the scoping rules. Returns the process exit status to use: 0 for a clean detach on
 * request (or the scheduler's own exit with code 0), 1 when the kernel ejected it (error,
 * watchdog, sysrq-S) or the scheduler exited with an error code. */
int scx_session_finish(struct scx_session *s);
/* True when the scheduler asked to be restarted (SCX_EXIT_CODE_RESTART). */
bool scx_session_wants_restart(const struct scx_session *s);

/*
 * A scheduler's whole life as its loader sees it (loader.c): preflight, then open, load
 * (scx_session_load(): a refusal is diagnosed), attach, watch, detach, report; again
 * from the open when the scheduler asks to be restarted (SCX_ECODE_ACT_RESTART, e.g. at
 * CPU hotplug) and no signal stopped it, up to max_restarts times.
 */
#define SCX_RESTARTS_UNLIMITED	(-1)

struct scx_loader_opts {
	size_t sz;			/* sizeof(struct scx_loader_opts) */
	const char *name;		/* for messages */
	const char *ops_name;		/* struct_ops map; NULL: the first sched_ext one */
	/* Copied into the session after each open (see struct scx_session). */
	const char *log_dir, *obj_path;
	const void *obj_data;		/* e.g. NAME__elf_bytes(&obj_size) of a skeleton */
	size_t obj_size;
	int timeout_s;			/* detach this long after the first attach; 0: never */
	unsigned int tick_ms;		/* on_tick period, default 1000 */
	int max_restarts;		/* restart requests honoured; SCX_RESTARTS_UNLIMITED */
	void *ctx;			/* passed to every callback */
	/* Required: a new object, its tunables set (a skeleton's NAME__open(), then
	 * skel->rodata); NULL with errno set. */
	struct bpf_object *(*open)(void *ctx);
	/* Required: free what open() made (NAME__destroy()); after every open(), even a
	 * failed one. */
	void (*close)(void *ctx);
	/* Optional, each before the step it names; nonzero fails the run with status 2. */
	int (*before_load)(void *ctx, struct scx_session *s);	/* the session's ops */
	int (*before_attach)(void *ctx);	/* the loaded programs, e.g. a control one */
	/* Optional: after the attach (the "attached" line), each tick, after the detach. */
	void (*on_attach)(void *ctx);
	void (*on_tick)(void *ctx);
	void (*on_detach)(void *ctx);
};

/* Returns the process exit status: scx_session_finish()'s (0 or 1) for the last run, 1
 * when the restarts ran out, 2 when a preflight check, the open, load or attach failed. */
int scx_loader_run(const struct scx_loader_opts *opts);

/* A global variable of an opened object, found through its BTF (lib/obj_var.c). */
struct scx_obj_var {
	const char *name;
	const struct btf_type *type;	/* modifiers and typedefs resolved */
	void *data;			/* its bytes in the map's initial value (mmapped) */
	size_t size;
};
typedef bool (*scx_obj_var_match_fn)(const struct btf *btf, const struct scx_obj_var *var,
				     void *ctx);
/* The first variable of a data section that MATCH accepts: 0, or -ENOENT. */
int scx_obj_var_find(struct bpf_object *obj, scx_obj_var_match_fn match, void *ctx,
		     struct scx_obj_var *out);

/* Read the exit record variable of a loaded object, found through its BTF. */
const struct scx_exit_record *scx_exit_record_find(struct bpf_object *obj);
const char *scx_exit_kind_str(int kind);

/* Sum a per-CPU array map's u64 values per key into out[0..nr). */
int scx_percpu_sum(struct bpf_map *map, unsigned long long *out, unsigned int nr);

/* The cache tools/bootstrap.sh fills: $SCOPEX_CACHE, $XDG_CACHE_HOME/scopex or
 * ~/.cache/scopex. */
const char *scx_cache_dir(void);

/* The state of sched_ext from sysfs ("enabled", "disabled", ...), or NULL. */
const char *scx_sysfs_state(char *buf, size_t len);

/* Command-line helpers of the schedulers' userspace (cli.c). */
/* Send libbpf's messages to stderr, its debug ones only when verbose. */
void scx_cli_libbpf_print(bool verbose);
/* Parse a decimal number in [min, max]; on error say so as "PROG: invalid WHAT". */
int scx_cli_parse_ull(const char *prog, const char *what, const char *arg,
		      unsigned long long min, unsigned long long max, unsigned long long *out);
/* Print a per-CPU array map's sums as one "key=value ..." line on stdout. */
int scx_cli_print_stats(struct bpf_map *map, const char *const *keys, unsigned int nr);

#endif /* __SCOPEX_H */
