/* SPDX-License-Identifier: GPL-2.0 */
/* Whether a kernel build can resolve a kfunc, from that build's BTF (kfunc_btf.c). */
#ifndef __SCOPEX_KFUNC_BTF_H
#define __SCOPEX_KFUNC_BTF_H

struct btf;

enum scx_btf_kfunc {
	SCX_BTF_KF_ABSENT,	/* no FUNC of that name */
	SCX_BTF_KF_OK,		/* BPF programs can call it */
	SCX_BTF_KF_NO_PROTO,	/* KF_IMPLICIT_ARGS kfunc whose NAME_impl FUNC the build lacks */
};

/* The state of kfunc NAME in the kernel BTF BTF (e.g. btf__load_vmlinux_btf()). */
enum scx_btf_kfunc scx_btf_kfunc_state(const struct btf *btf, const char *name);
/* "callable", "no-prototype", "absent" */
const char *scx_btf_kfunc_str(enum scx_btf_kfunc s);

#endif /* __SCOPEX_KFUNC_BTF_H */
