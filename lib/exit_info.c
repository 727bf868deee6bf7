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

static bool is_exit_struct(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = btf__type_by_id(btf, btf__resolve_type(btf, type_id));
	const char *name;

	if (!t || !btf_is_struct(t))
		return false;
	name = btf__name_by_offset(btf, t->name_off);
	return name && (!strcmp(name, "scx_exit_record") || !strcmp(name, "user_exit_info"));
}

const struct scx_exit_record *scx_exit_record_find(struct bpf_object *obj)
{
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;

	if (!btf)
		return NULL;
	bpf_object__for_each_map(map, obj) {
		const struct btf_var_secinfo *vsi;
		const struct btf_type *sec;
		size_t size;
		char *base;
		__u32 i;

		if (!bpf_map__is_internal(map))
			continue;
		sec = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
		base = bpf_map__initial_value(map, &size);
		if (!sec || !btf_is_datasec(sec) || !base)
			continue;
		vsi = btf_var_secinfos(sec);
		for (i = 0; i < btf_vlen(sec); i++, vsi++) {
			const struct btf_type *var = btf__type_by_id(btf, vsi->type);

			if (var && btf_is_var(var) && is_exit_struct(btf, var->type) &&
			    vsi->offset + sizeof(struct scx_exit_record) <= size)
				return (const struct scx_exit_record *)(base + vsi->offset);
		}
	}
	return NULL;
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
