// SPDX-License-Identifier: GPL-2.0
/*
 * Finding a global variable of a BPF object before load, through its BTF: the loader
 * reads the exit record this way, scopex run sets VAR=VALUE tunables.
 */
#include <errno.h>
#include <bpf/btf.h>
#include "scopex.h"

/* The variable of SEC at VSI, if its bytes lie within the map's initial value. */
static bool fill_var(const struct btf *btf, const struct btf_var_secinfo *vsi, char *base,
		     size_t size, struct scx_obj_var *out)
{
	const struct btf_type *var = btf__type_by_id(btf, vsi->type);

	if (!var || !btf_is_var(var) || vsi->offset + (size_t)vsi->size > size)
		return false;
	out->name = btf__name_by_offset(btf, var->name_off);
	out->type = btf__type_by_id(btf, btf__resolve_type(btf, var->type));
	out->data = base + vsi->offset;
	out->size = vsi->size;
	return out->name && out->type;
}

int scx_obj_var_find(struct bpf_object *obj, scx_obj_var_match_fn match, void *ctx,
		     struct scx_obj_var *out)
{
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;

	if (!btf)
		return -ENOENT;
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
		for (i = 0; i < btf_vlen(sec); i++, vsi++)
			if (fill_var(btf, vsi, base, size, out) && match(btf, out, ctx))
				return 0;
	}
	return -ENOENT;
}
