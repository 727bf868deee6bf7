// SPDX-License-Identifier: GPL-2.0
/*
 * Finding and decoding the exit record a scheduler writes from ops.exit().
 *
 * The record is located through the object's BTF: any global variable in a data section
 * whose type is struct scx_exit_record (ours) or struct user_exit_info (the kernel's
 * tools/sched_ext headers). Both have the same layout, so one reader serves objects built
 * with either set of headers.
 */
#include <string.h>
#include <bpf/btf.h>
#include "scopex.h"

/* Our struct scx_exit_record or the kernel headers' struct user_exit_info, whole. */
static bool is_exit_record(const struct btf *btf, const struct scx_obj_var *var, void *ctx)
{
	const char *name;

	(void)ctx;
	if (!btf_is_struct(var->type) || var->size < sizeof(struct scx_exit_record))
		return false;
	name = btf__name_by_offset(btf, var->type->name_off);
	return name && (!strcmp(name, "scx_exit_record") || !strcmp(name, "user_exit_info"));
}

const struct scx_exit_record *scx_exit_record_find(struct bpf_object *obj)
{
	struct scx_obj_var var;

	return scx_obj_var_find(obj, is_exit_record, NULL, &var) ? NULL : var.data;
}

const char *scx_exit_kind_str(int kind)
{
	switch (kind) {
	case SCX_EXIT_KIND_NONE:	return "running";
	case SCX_EXIT_KIND_DONE:	return "done";
	case SCX_EXIT_KIND_UNREG:	return "unregistered from user space";
	case SCX_EXIT_KIND_UNREG_BPF:	return "unregistered from BPF";
	case SCX_EXIT_KIND_UNREG_KERN:	return "unregistered from the kernel";
	case SCX_EXIT_KIND_SYSRQ:	return "disabled by sysrq-S";
	case SCX_EXIT_KIND_ERROR:	return "runtime error";
	case SCX_EXIT_KIND_ERROR_BPF:	return "scx_bpf_error";
	case SCX_EXIT_KIND_ERROR_STALL:	return "runnable task stall (watchdog)";
	default:			return kind >= SCX_EXIT_KIND_ERROR ? "error" : "unknown";
	}
}
