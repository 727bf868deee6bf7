// SPDX-License-Identifier: GPL-2.0
/*
 * Whether a kernel build can resolve a kfunc, read from that build's BTF.
 *
 * A kfunc flagged KF_IMPLICIT_ARGS (7.1 and later) takes a `struct bpf_prog_aux *` that the
 * verifier fills in. The build's BTF is meant to carry two FUNCs for it: NAME with the
 * prototype BPF programs see (no aux) and NAME_impl with the real one. Some builds lack
 * NAME_impl for some kfuncs and keep aux in NAME, and then no program can call NAME: libbpf
 * cannot match a declaration without aux, and the verifier refuses one with it. Which
 * kfuncs are hit differs from build to build (Debian's 7.1.3 and 7.1.13 share none of
 * them), so this is read from the BTF of the kernel at hand, never assumed for a series.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "kfunc_btf.h"

/* True if type ID is a pointer to (const/volatile/typedef'd) struct bpf_prog_aux. */
static bool is_aux_ptr(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int target;

	if (!t || !btf_is_ptr(t))
		return false;
	target = btf__resolve_type(btf, t->type);	/* past const, volatile, typedef */
	t = target > 0 ? btf__type_by_id(btf, (__u32)target) : NULL;
	return t && btf_is_struct(t) &&
	       !strcmp(btf__name_by_offset(btf, t->name_off), "bpf_prog_aux");
}

enum scx_btf_kfunc scx_btf_kfunc_state(const struct btf *btf, const char *name)
{
	const struct btf_type *func, *proto;
	const struct btf_param *p;
	char impl[256];
	int id;
	__u16 i;

	id = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	if (id < 0)
		return SCX_BTF_KF_ABSENT;
	func = btf__type_by_id(btf, id);
	proto = func ? btf__type_by_id(btf, func->type) : NULL;
	if (!proto || !btf_is_func_proto(proto))
		return SCX_BTF_KF_ABSENT;
	snprintf(impl, sizeof(impl), "%s_impl", name);
	if (btf__find_by_name_kind(btf, impl, BTF_KIND_FUNC) > 0)
		return SCX_BTF_KF_OK;
	p = btf_params(proto);
	for (i = 0; i < btf_vlen(proto); i++)
		if (is_aux_ptr(btf, p[i].type))
			return SCX_BTF_KF_NO_PROTO;
	return SCX_BTF_KF_OK;
}

const char *scx_btf_kfunc_str(enum scx_btf_kfunc s)
{
	switch (s) {
	case SCX_BTF_KF_OK:
		return "callable";
	case SCX_BTF_KF_NO_PROTO:
		return "no-prototype";
	default:
		return "absent";
	}
}
