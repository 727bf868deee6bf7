// SPDX-License-Identifier: GPL-2.0
/*
 * objscan: the public side. libbpf opens the object (it validates it, types the programs
 * from their section names, and fills each struct_ops map's shadow struct with the
 * bpf_program of every callback); objscan_elf.c reads the code; objscan_flow.c walks each
 * (program, callback) pair.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "objscan_int.h"

#define OS_MAX_SIZE	(256u << 20)

/* libbpf's first warning during an open: the reason it gives up, if it does. */
static char libbpf_msg[256];

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t n;

	if (level != LIBBPF_WARN || libbpf_msg[0])
		return 0;
	vsnprintf(libbpf_msg, sizeof(libbpf_msg), fmt, ap);
	n = strlen(libbpf_msg);
	while (n && libbpf_msg[n - 1] == '\n')
		libbpf_msg[--n] = '\0';
	return 0;
}

int os_fail(char *err, size_t len, int code, const char *fmt, ...)
{
	va_list ap;

	if (err && len) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return code;
}

const char *scx_ksym_kernel_name(const char *sym, char *buf, size_t len)
{
	size_t n = strlen(sym), i;

	if (!len)
		return buf;
	/* libbpf's bpf_core_essential_name_len(): the last X___Y, X and Y not '_' */
	for (i = n >= 5 ? n - 5 + 1 : 0; i-- > 0;) {
		if (sym[i] != '_' && !strncmp(sym + i + 1, "___", 3) && sym[i + 4] != '_') {
			n = i + 1;
			break;
		}
	}
	if (n >= len)
		n = len - 1;
	memcpy(buf, sym, n);
	buf[n] = '\0';
	return buf;
}

bool scx_call_site_live(const struct scx_call_site *s, int k)
{
	return k >= 0 && (size_t)k < scx_nr_kernels &&
	       (s->guard_kernels & (1u << scx_kernels[k].bit));
}

enum scx_verdict scx_call_site_verdict(const struct scx_call_site *s, int k)
{
	const struct scx_kf_row *kf;
	enum scx_verdict v;

	if (!scx_call_site_live(s, k) || s->kind == SCX_SITE_UNATTACHED)
		return SCX_ALLOWED;
	kf = scx_kf_find(s->kfunc, k);
	if (s->kind == SCX_SITE_OTHER)
		return kf ? SCX_REJECTED : SCX_ABSENT;
	v = scx_verdict(k, s->ctx, s->kfunc);
	/* The table assumes a sleepable program where the callback may be one. */
	if (v == SCX_ALLOWED && !s->sleepable && kf && (kf->flags & SCX_KF_SLEEPABLE))
		return SCX_SLEEPABLE_ONLY;
	return v;
}


/* --- programs and the contexts they run in --------------------------------------------- */

/* A struct_ops member that names a program. */
struct assign {
	const struct bpf_program *prog;
	const char *member;
	bool scx;		/* member of sched_ext_ops or sched_ext_ops_cid */
};

static bool is_func_ptr(const struct btf *btf, __u32 type_id)
{
	int id = btf__resolve_type(btf, type_id);
	const struct btf_type *t = id < 0 ? NULL : btf__type_by_id(btf, (__u32)id);

	if (!t || !btf_is_ptr(t))
		return false;
	id = btf__resolve_type(btf, t->type);
	t = id < 0 ? NULL : btf__type_by_id(btf, (__u32)id);
	return t && btf_is_func_proto(t);
}

/* Every program a struct_ops map's shadow struct points to, from each function member. */
static int collect_assigns(struct bpf_object *obj, Elf *elf, const struct btf *btf,
			   struct assign **out, size_t *nr)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		const struct btf_type *t;
		const struct btf_member *m;
		const char *data, *tname;
		size_t size = 0;
		__u32 i;

		/* only .struct_ops variables: libbpf has a shadow struct for those alone */
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS ||
		    !os_struct_ops_var(elf, bpf_map__name(map)))
			continue;
		data = bpf_map__initial_value(map, &size);
		t = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
		if (!data || !t || !btf_is_struct(t))
			continue;
		tname = btf__name_by_offset(btf, t->name_off);
		for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
			const struct bpf_program *prog;
			__u32 off = btf_member_bit_offset(t, i);
			struct assign *grown;

			if (off % 8 || size < sizeof(prog) || off / 8 > size - sizeof(prog) ||
			    !is_func_ptr(btf, m->type))
				continue;
			memcpy(&prog, data + off / 8, sizeof(prog));
			if (!prog || !btf__name_by_offset(btf, m->name_off))
				continue;
			grown = realloc(*out, (*nr + 1) * sizeof(**out));
			if (!grown)
				return -ENOMEM;
			*out = grown;
			grown[*nr].prog = prog;
			grown[*nr].member = btf__name_by_offset(btf, m->name_off);
			grown[(*nr)++].scx = tname && !strncmp(tname, "sched_ext_ops", 13);
		}
	}
	return 0;
}

static int prog_func(const struct objscan *os, const struct bpf_program *prog)
{
	const char *name = bpf_program__name(prog), *sec = bpf_program__section_name(prog);
	size_t i;

	for (i = 0; i < os->nr_sorted; i++)
		if (!strcmp(os->funcs[i].name, name) &&
		    !strcmp(os->secs[os->funcs[i].sec].name, sec))
			return (int)i;
	return -1;
}

/*
 * libbpf sets BPF_F_SLEEPABLE only when it loads the program; before, the section says it:
 * "syscall" and every ".s" flavour ("struct_ops.s/", "fentry.s/", "lsm.s/"...).
 */
static bool prog_sleepable(const struct bpf_program *prog)
{
	const char *sec = bpf_program__section_name(prog), *slash = strchr(sec, '/');
	size_t n = slash ? (size_t)(slash - sec) : strlen(sec);

	return (bpf_program__flags(prog) & BPF_F_SLEEPABLE) ||
	       bpf_program__type(prog) == BPF_PROG_TYPE_SYSCALL ||
	       (n >= 2 && !strncmp(sec + n - 2, ".s", 2));
}

static int add_prog(struct objscan *os, const struct bpf_program *prog, const char *ctx,
		    enum scx_site_kind kind)
{
	struct scx_obj_scan *out = os->out;
	const char *type = libbpf_bpf_prog_type_str(bpf_program__type(prog));
	struct scx_obj_prog *p;
	size_t i;
	int *pf;

	for (i = 0; i < out->nr_progs; i++)
		if (!strcmp(out->progs[i].name, bpf_program__name(prog)) &&
		    !strcmp(out->progs[i].ctx, ctx) && out->progs[i].kind == kind)
			return 0;
	p = realloc(out->progs, (out->nr_progs + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	out->progs = p;
	pf = realloc(os->prog_func, (out->nr_progs + 1) * sizeof(*pf));
	if (!pf)
		return -ENOMEM;
	os->prog_func = pf;
	pf[out->nr_progs] = prog_func(os, prog);
	p = &out->progs[out->nr_progs++];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", bpf_program__name(prog));
	snprintf(p->sec, sizeof(p->sec), "%s", bpf_program__section_name(prog));
	snprintf(p->ctx, sizeof(p->ctx), "%s", ctx);
	snprintf(p->type, sizeof(p->type), "%s", type ? type : "unknown");
	p->kind = kind;
	p->sleepable = prog_sleepable(prog);
	return 0;
}

static enum scx_site_kind kind_of(enum bpf_prog_type type)
{
	switch (type) {
	case BPF_PROG_TYPE_SYSCALL:
		return SCX_SITE_SYSCALL;
	/* the program types of the kernel's BTF_KFUNC_HOOK_TRACING */
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_LSM:
		return SCX_SITE_TRACING;
	default:
		return SCX_SITE_OTHER;
	}
}

static int collect_progs(struct objscan *os, struct bpf_object *obj, Elf *elf,
			 const struct btf *btf)
{
	struct assign *as = NULL;
	struct bpf_program *prog;
	size_t nr = 0, i;
	int err;

	err = collect_assigns(obj, elf, btf, &as, &nr);
	bpf_object__for_each_program(prog, obj) {
		enum bpf_prog_type type = bpf_program__type(prog);
		bool found = false;

		if (err)
			break;
		if (type != BPF_PROG_TYPE_STRUCT_OPS) {
			enum scx_site_kind kind = kind_of(type);

			err = add_prog(os, prog,
				       kind == SCX_SITE_SYSCALL ? SCX_CTX_SYSCALL :
				       kind == SCX_SITE_TRACING ? SCX_CTX_TRACING : "", kind);
			continue;
		}
		for (i = 0; i < nr && !err; i++) {
			if (as[i].prog != prog)
				continue;
			found = true;
			err = add_prog(os, prog, as[i].scx ? as[i].member : "",
				       as[i].scx ? SCX_SITE_OP : SCX_SITE_OTHER);
		}
		if (!found && !err)
			err = add_prog(os, prog, "", SCX_SITE_UNATTACHED);
	}
	free(as);
	return err;
}

/* --- the scan ------------------------------------------------------------------------- */

static int open_obj(const char *name, const char *img, size_t len, struct bpf_object **obj,
		    char *err, size_t errlen)
{
	libbpf_print_fn_t old = libbpf_set_print(capture_print);
	const char *msg = libbpf_msg;
	int e;

	libbpf_msg[0] = '\0';
	*obj = bpf_object__open_mem(img, len, NULL);
	e = errno;
	libbpf_set_print(old);
	if (*obj)
		return 0;
	if (!strncmp(msg, "libbpf: ", 8))
		msg += 8;
	return os_fail(err, errlen, e == ENOMEM ? -ENOMEM : -ENOEXEC,
		       "%s: not a valid BPF object: %s", name, msg[0] ? msg : strerror(e));
}

/* Scan the image IMG, which the caller owns and keeps until this returns. */
static int scan_image(char *img, size_t len, const char *name, struct scx_obj_scan **out,
		      char *err, size_t errlen)
{
	struct objscan os = { 0 };
	struct bpf_object *obj = NULL;
	const struct btf *btf;
	Elf *elf = NULL;
	size_t p;
	int ret;

	ret = os_elf_checked(name, img, len, &elf, err, errlen);
	if (!ret && !os_has_section(elf, ".BTF"))
		ret = os_fail(err, errlen, -ENODATA,
			      "%s: no BTF (no .BTF section): build it with clang -g", name);
	if (!ret)
		ret = os_struct_ops_fit(elf, name, err, errlen);
	if (!ret)
		ret = open_obj(name, img, len, &obj, err, errlen);
	if (!ret && !(btf = bpf_object__btf(obj)))
		ret = os_fail(err, errlen, -ENODATA, "%s: no usable BTF", name);
	if (!ret && !(os.out = calloc(1, sizeof(*os.out))))
		ret = -ENOMEM;
	if (!ret) {
		snprintf(os.out->path, sizeof(os.out->path), "%s", name);
		ret = os_build(&os, elf, btf);
	}
	if (!ret)
		ret = collect_progs(&os, obj, elf, btf);
	for (p = 0; !ret && os.out && p < os.out->nr_progs; p++)
		ret = os_flow_prog(&os, p);
	if (ret == -ENOMEM)
		os_fail(err, errlen, ret, "%s: out of memory", name);
	os_release(&os);
	bpf_object__close(obj);
	elf_end(elf);
	if (ret) {
		scx_obj_scan_free(os.out);
		return ret;
	}
	*out = os.out;
	return 0;
}

int scx_obj_scan_mem(const void *buf, size_t len, const char *name, struct scx_obj_scan **out,
		     char *err, size_t errlen)
{
	char *img;
	int ret;

	*out = NULL;
	if (len > OS_MAX_SIZE)
		return os_fail(err, errlen, -EFBIG, "%s: larger than %u MiB", name,
			       OS_MAX_SIZE >> 20);
	img = malloc(len ? len : 1);
	if (!img)
		return os_fail(err, errlen, -ENOMEM, "%s: out of memory", name);
	if (len)
		memcpy(img, buf, len);
	ret = scan_image(img, len, name, out, err, errlen);
	free(img);
	return ret;
}

static int read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		got += (size_t)n;
	}
	return 0;
}

int scx_obj_scan_file(const char *path, struct scx_obj_scan **out, char *err, size_t errlen)
{
	struct stat st;
	char *img = NULL;
	int fd, ret;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return os_fail(err, errlen, -errno, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st))
		ret = os_fail(err, errlen, -errno, "%s: %s", path, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ret = os_fail(err, errlen, -EISDIR, "%s: not a regular file", path);
	else if ((unsigned long long)st.st_size > OS_MAX_SIZE)
		ret = os_fail(err, errlen, -EFBIG, "%s: larger than %u MiB", path,
			      OS_MAX_SIZE >> 20);
	else if (!(img = malloc(st.st_size ? (size_t)st.st_size : 1)))
		ret = os_fail(err, errlen, -ENOMEM, "%s: out of memory", path);
	else if ((ret = read_all(fd, img, (size_t)st.st_size)))
		os_fail(err, errlen, ret, "%s: %s", path, strerror(-ret));
	close(fd);
	if (!ret)
		ret = scan_image(img, (size_t)st.st_size, path, out, err, errlen);
	free(img);
	return ret;
}

void scx_obj_scan_free(struct scx_obj_scan *s)
{
	if (!s)
		return;
	free(s->sites);
	free(s->progs);
	free(s);
}
