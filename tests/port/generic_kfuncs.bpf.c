/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every generic kfunc of include/scx/bpf_kfuncs.bpf.h, called once from a syscall program
 * on a branch that is dead at load time. The verifier never walks it, but libbpf resolves
 * each call against the running kernel's BTF first (refusing a missing kfunc or a
 * prototype that does not match the kernel's) and the kernel then checks that each is a
 * kfunc a syscall program may call. So a load on a kernel checks our declarations there.
 * tests/port/port_test.sh loads it on a run-time-mask kernel and a static-filter one.
 */
#include <scx/scopex.bpf.h>

char _license[] SEC("license") = "GPL";

const volatile bool never;

/* in a tree and a list at once: the kernel's BTF check wants a refcount then */
struct elem {
	struct bpf_rb_node rb;
	struct bpf_list_node list;
	struct bpf_refcount ref;
	u64 key;
};

static bool elem_less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct elem, rb)->key < container_of(b, struct elem, rb)->key;
}

SEC("syscall")
int generic_kfuncs(void *ctx)
{
	struct bpf_iter_css *css = NULL;
	struct bpf_iter_bits *bits = NULL;

	if (!never)
		return 0;
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	bpf_task_release(bpf_task_acquire(bpf_task_from_pid(0)));
	bpf_cgroup_release(bpf_cgroup_acquire(bpf_cgroup_ancestor(bpf_cgroup_from_id(0), 0)));
	bpf_iter_css_new(css, NULL, 0);
	bpf_iter_css_next(css);
	bpf_iter_css_destroy(css);
	bpf_cpumask_release(bpf_cpumask_acquire(bpf_cpumask_create()));
	bpf_cpumask_first(NULL);
	bpf_cpumask_first_zero(NULL);
	bpf_cpumask_first_and(NULL, NULL);
	bpf_cpumask_set_cpu(0, NULL);
	bpf_cpumask_clear_cpu(0, NULL);
	bpf_cpumask_test_cpu(0, NULL);
	bpf_cpumask_test_and_set_cpu(0, NULL);
	bpf_cpumask_test_and_clear_cpu(0, NULL);
	bpf_cpumask_setall(NULL);
	bpf_cpumask_clear(NULL);
	bpf_cpumask_and(NULL, NULL, NULL);
	bpf_cpumask_or(NULL, NULL, NULL);
	bpf_cpumask_xor(NULL, NULL, NULL);
	bpf_cpumask_equal(NULL, NULL);
	bpf_cpumask_intersects(NULL, NULL);
	bpf_cpumask_subset(NULL, NULL);
	bpf_cpumask_empty(NULL);
	bpf_cpumask_full(NULL);
	bpf_cpumask_copy(NULL, NULL);
	bpf_cpumask_any_distribute(NULL);
	bpf_cpumask_any_and_distribute(NULL, NULL);
	bpf_cpumask_weight(NULL);
	bpf_iter_bits_new(bits, NULL, 0);
	bpf_iter_bits_next(bits);
	bpf_iter_bits_destroy(bits);
	bpf_obj_drop(bpf_refcount_acquire(bpf_obj_new(struct elem)));
	bpf_list_push_front(NULL, NULL);
	bpf_list_push_back(NULL, NULL);
	bpf_list_pop_front(NULL);
	bpf_list_pop_back(NULL);
	bpf_rbtree_add(NULL, NULL, elem_less);
	bpf_rbtree_remove(NULL, NULL);
	bpf_rbtree_first(NULL);
	return 1;
}
