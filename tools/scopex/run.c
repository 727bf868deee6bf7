// SPDX-License-Identifier: GPL-2.0
/*
 * scopex run: load, attach and watch any compiled sched_ext object with a struct_ops map,
 * ours or anybody's, with libscopex's diagnostics: a verifier refusal or an ejection is
 * explained in terms of the scoping rules.
 *
 * Objects built with the kernel's tools/sched_ext headers expect their loader to fill
 * `const volatile u64 __SCX_<NAME>` with the kernel's enum values (SCX_ENUM_INIT): this
 * loader does the same from the running kernel's BTF, so they run unmodified.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "../../lib/scopex.h"	/* libscopex; "scopex.h" here is the CLI's */
#include "scopex.h"

#define NAME		"scopex run"
#define MAX_VARS	64

static const char help[] =
"Usage: scopex run OBJ.bpf.o [OPTIONS] [-- VAR=VALUE...]\n"
"\n"
"Load and attach the sched_ext scheduler in OBJ.bpf.o, wait until it is stopped, and say\n"
"why it stopped. A verifier refusal or a runtime ejection is explained in terms of the\n"
"kfunc scoping rules, with the full verifier log saved to a file.\n"
"\n"
"  --ops NAME          the struct_ops map to attach (default: the first sched_ext one)\n"
"  -d, --duration S    detach after S seconds (default: run until SIGINT/SIGTERM)\n"
"  --log-dir DIR       where verifier logs go (default: $SCOPEX_CACHE/logs)\n"
"  --max-restarts N    restarts granted when the scheduler asks for one (default 16)\n"
"  -v, --verbose       print libbpf debug messages\n"
"  -h, --help          show this help\n"
"\n"
"VAR=VALUE sets a global integer or bool variable of the object (.rodata, .data, .bss)\n"
"before it is loaded, e.g. -- slice_ns=3000000 fifo_sched=true.\n"
"\n"
"Exit status: 0 after a clean detach, 1 when the kernel ejected the scheduler (or it\n"
"asked for more restarts than granted), 2 on bad usage or when it could not be loaded.\n";

struct run_opts {
	const char *path, *ops, *log_dir;
	unsigned long long duration_s, max_restarts;
	bool verbose;
	char *vars[MAX_VARS];
	int nr_vars;
};

/* --- global variables of the object ------------------------------------------------- */

static bool has_name(const struct btf *btf, const struct scx_obj_var *var, void *name)
{
	(void)btf;
	return !strcmp(var->name, name);
}

/* The datasec variable NAME: its bytes in the map's initial value and its type. */
static void *find_var(struct bpf_object *obj, const char *name, const struct btf_type **type)
{
	struct scx_obj_var var;

	if (scx_obj_var_find(obj, has_name, (void *)name, &var))
		return NULL;
	*type = var.type;
	return var.data;
}

static int store_int(void *dst, const struct btf_type *t, unsigned long long val)
{
	if (!t || !(btf_is_int(t) || btf_is_enum(t) || btf_is_enum64(t)))
		return -EINVAL;
	switch (t->size) {
	case 1: *(__u8 *)dst = (__u8)val; return 0;
	case 2: *(__u16 *)dst = (__u16)val; return 0;
	case 4: *(__u32 *)dst = (__u32)val; return 0;
	case 8: *(__u64 *)dst = (__u64)val; return 0;
	default: return -EINVAL;
	}
}

static int set_user_var(struct bpf_object *obj, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const struct btf_type *t = NULL;
	char name[128], *end;
	unsigned long long val;
	void *dst;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		fprintf(stderr, NAME ": '%s' is not VAR=VALUE\n", arg);
		return -EINVAL;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	if (!strcmp(eq + 1, "true") || !strcmp(eq + 1, "false")) {
		val = eq[1] == 't';
	} else {
		errno = 0;
		val = strtoull(eq + 1, &end, 0);
		if (errno || *end || end == eq + 1) {
			fprintf(stderr, NAME ": invalid value in '%s'\n", arg);
			return -EINVAL;
		}
	}
	dst = find_var(obj, name, &t);
	if (!dst) {
		fprintf(stderr, NAME ": the object has no global variable '%s'\n", name);
		return -ENOENT;
	}
	if (store_int(dst, t, val)) {
		fprintf(stderr, NAME ": '%s' is not an integer or bool variable\n", name);
		return -EINVAL;
	}
	return 0;
}

/* SCX_ENUM_INIT of tools/sched_ext: every __SCX_X variable gets the kernel's SCX_X. */
static void init_scx_enums(struct bpf_object *obj)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	__u32 id, n;

	if (!vmlinux)
		return;
	n = btf__type_cnt(vmlinux);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(vmlinux, id);
		__u32 i;

		if (!btf_is_enum(t) && !btf_is_enum64(t))
			continue;
		for (i = 0; i < btf_vlen(t); i++) {
			__u32 name_off = btf_is_enum(t) ? btf_enum(t)[i].name_off
						       : btf_enum64(t)[i].name_off;
			const char *ename = btf__name_by_offset(vmlinux, name_off);
			const struct btf_type *vt = NULL;
			char var[128];
			void *dst;

			if (strncmp(ename, "SCX_", 4))
				continue;
			snprintf(var, sizeof(var), "__%s", ename);
			dst = find_var(obj, var, &vt);
			if (dst)
				store_int(dst, vt, btf_is_enum(t) ? (unsigned long long)
					  (long long)(__s32)btf_enum(t)[i].val :
					  btf_enum64_value(&btf_enum64(t)[i]));
		}
	}
	btf__free(vmlinux);
}

/* --- one run ---------------------------------------------------------------------------- */

/* Only the chosen struct_ops map is created; programs of the others then do not load. */
static void keep_only(struct bpf_object *obj, const struct bpf_map *ops)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
		if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS && map != ops)
			bpf_map__set_autocreate(map, false);
}

/* libbpf's own errors (not an ELF object, ...) are above errno's range: its strerror. */
static struct bpf_object *open_object(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	char msg[128];

	if (!obj) {
		libbpf_strerror(errno, msg, sizeof(msg));
		fprintf(stderr, NAME ": cannot open %s: %s\n", path, msg);
	}
	return obj;
}

/* What the loader's callbacks share: the options and the object of the current run. */
struct run_ctx {
	const struct run_opts *o;
	struct bpf_object *obj;
	const char *ops;	/* the struct_ops map attached */
};

static struct bpf_object *run_open(void *ctx)
{
	struct run_ctx *r = ctx;

	r->obj = bpf_object__open_file(r->o->path, NULL);
	return r->obj;
}

static void run_close(void *ctx)
{
	struct run_ctx *r = ctx;

	bpf_object__close(r->obj);
	r->obj = NULL;
}

/* The chosen map alone, the kernel's enum values, then the user's variables. */
static int set_vars(void *ctx, struct scx_session *s)
{
	struct run_ctx *r = ctx;
	int i, err;

	r->ops = bpf_map__name(s->ops);
	keep_only(r->obj, s->ops);
	init_scx_enums(r->obj);
	for (i = 0; i < r->o->nr_vars; i++) {
		err = set_user_var(r->obj, r->o->vars[i]);
		if (err)
			return err;
	}
	return 0;
}

static void print_attached(void *ctx)
{
	struct run_ctx *r = ctx;

	printf(NAME ": attached %s (%s)\n", r->o->path, r->ops);
}

/* A usable object and variables: fail early, before touching the kernel. */
static int check_object(const struct run_opts *o)
{
	struct bpf_object *obj = open_object(o->path);
	struct bpf_map *map;
	bool found = false;
	int i, err = 0;

	if (!obj)
		return -ENOENT;
	bpf_object__for_each_map(map, obj)
		found |= bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS;
	if (!found) {
		fprintf(stderr, NAME ": %s has no struct_ops map: not a sched_ext scheduler\n",
			o->path);
		err = -ENOENT;
	}
	for (i = 0; !err && i < o->nr_vars; i++)
		err = set_user_var(obj, o->vars[i]);
	bpf_object__close(obj);
	return err;
}

static int parse_args(int argc, char **argv, struct run_opts *o)
{
	static const struct option longopts[] = {
		{ "ops", required_argument, NULL, 'o' },
		{ "duration", required_argument, NULL, 'd' },
		{ "log-dir", required_argument, NULL, 'l' },
		{ "max-restarts", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt, err = 0;

	*o = (struct run_opts){ .max_restarts = 16 };
	while (!err) {
		opt = getopt_long(argc, argv, "+d:vh", longopts, NULL);
		if (opt == -1) {
			/* "+": stopped at "--" (consumed) or at the object, which may come first */
			if (strcmp(argv[optind - 1], "--") && optind < argc && !o->path) {
				o->path = argv[optind++];
				continue;
			}
			break;
		}
		switch (opt) {
		case 'o': o->ops = optarg; break;
		case 'l': o->log_dir = optarg; break;
		case 'v': o->verbose = true; break;
		case 'd':
			err = scx_cli_parse_ull(NAME, "duration", optarg, 1, 86400, &o->duration_s);
			break;
		case 'r':
			err = scx_cli_parse_ull(NAME, "restart count", optarg, 0, 1000,
						&o->max_restarts);
			break;
		case 'h':
			fputs(help, stdout);
			return 1;
		default:
			err = -EINVAL;
		}
	}
	while (!err && optind < argc) {
		if (o->nr_vars == MAX_VARS || !strchr(argv[optind], '=')) {
			fprintf(stderr, NAME ": unexpected argument '%s'\n", argv[optind]);
			err = -EINVAL;
			break;
		}
		o->vars[o->nr_vars++] = argv[optind++];
	}
	if (!err && !o->path) {
		fprintf(stderr, NAME ": missing OBJ.bpf.o\n");
		err = -EINVAL;
	}
	if (err)
		fprintf(stderr, "Try 'scopex run --help'.\n");
	return err;
}

int cmd_run(int argc, char **argv)
{
	struct scx_loader_opts lo = {
		.sz = sizeof(lo), .name = NAME, .open = run_open, .close = run_close,
		.before_load = set_vars, .on_attach = print_attached,
	};
	struct run_opts o;
	struct run_ctx r = { .o = &o };
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret > 0 ? 0 : EXIT_USAGE;
	scx_cli_libbpf_print(o.verbose);
	if (check_object(&o))
		return EXIT_USAGE;
	lo.ctx = &r;
	lo.ops_name = o.ops;
	lo.obj_path = o.path;
	lo.log_dir = o.log_dir;
	lo.timeout_s = (int)o.duration_s;
	lo.max_restarts = (int)o.max_restarts;
	return scx_loader_run(&lo);
}
