// SPDX-License-Identifier: GPL-2.0
/*
 * The nesting graph of the scope table must be acyclic: callbacks nest only a bounded
 * number of levels deep, which the runtime scope mode relies on.
 *
 * Nodes are callbacks. A SCX_NEST row (caller, kfunc, nested, kernels) says that calling
 * kfunc runs nested synchronously; a nested callback re-enters with the same kfuncs as at
 * top level, so every callback that may call kfunc on one of the row's kernels (not only
 * the row's caller) gets an edge to nested. Also checked: each row's caller may call its
 * kfunc on one of the row's kernels, and both callbacks exist there.
 */
#include <stdio.h>
#include <string.h>
#include "scope_pairs.h"

struct edge {
	int from, to;
	const struct scx_nest *row;
};

static const char *cbs[SP_MAX_CTX];
static size_t ncb;
static struct edge edges[4096];
static size_t nedges;
static int state[SP_MAX_CTX];		/* 0 new, 1 on the DFS stack, 2 done */
static int stack_edge[SP_MAX_CTX];	/* edge taken from each node on the stack */
static int nerr;

static int cb_index(const char *name)
{
	size_t i;

	for (i = 0; i < ncb; i++)
		if (!strcmp(cbs[i], name))
			return (int)i;
	return -1;
}

static void add_edge(int from, int to, const struct scx_nest *row)
{
	size_t i;

	for (i = 0; i < nedges; i++)
		if (edges[i].from == from && edges[i].to == to && edges[i].row == row)
			return;
	if (nedges < sizeof(edges) / sizeof(edges[0]))
		edges[nedges++] = (struct edge){ from, to, row };
}

static void build(void)
{
	size_t n, i, k;

	for (n = 0; n < scx_nr_nests; n++) {
		const struct scx_nest *row = &scx_nests[n];
		int to = cb_index(row->nested);
		bool caller_ok = false;

		if (to < 0 || cb_index(row->caller) < 0) {
			printf("FAIL: SCX_NEST(%s, %s, %s): unknown callback\n", row->caller,
			       row->kfunc, row->nested);
			nerr++;
			continue;
		}
		for (k = 0; k < scx_nr_kernels; k++) {
			if (!(row->kernels & (1u << k)))
				continue;
			caller_ok |= scx_verdict((int)k, row->caller, row->kfunc) == SCX_ALLOWED &&
				     scx_cb_find(row->nested, (int)k);
			/* A child scheduler's callback is another program: no cycle here. */
			for (i = 0; i < ncb && !(row->flags & SCX_NEST_CHILD); i++)
				if (scx_verdict((int)k, cbs[i], row->kfunc) == SCX_ALLOWED)
					add_edge((int)i, to, row);
		}
		if (!caller_ok) {
			printf("FAIL: SCX_NEST(%s, %s, %s): the caller may not call the kfunc on any "
			       "kernel of the row\n", row->caller, row->kfunc, row->nested);
			nerr++;
		}
	}
}

/* The cycle closed by the edge on top of the DFS stack, which leads back to TO. */
static void print_cycle(int to, int depth)
{
	int s, d;

	for (s = 0; s < depth && edges[stack_edge[s]].from != to; s++)
		;
	printf("FAIL: nesting cycle:");
	for (d = s; d < depth; d++)
		printf(" ops.%s() -[%s]->", cbs[edges[stack_edge[d]].from],
		       edges[stack_edge[d]].row->kfunc);
	printf(" ops.%s()\n", cbs[to]);
	for (d = s; d < depth; d++) {
		const struct scx_nest *row = edges[stack_edge[d]].row;

		printf("  from SCX_NEST(%s, %s, %s): %s\n", row->caller, row->kfunc, row->nested,
		       row->note);
	}
}

static void dfs(int node, int depth)
{
	size_t i;

	state[node] = 1;
	for (i = 0; i < nedges; i++) {
		if (edges[i].from != node)
			continue;
		stack_edge[depth] = (int)i;
		if (state[edges[i].to] == 1) {
			print_cycle(edges[i].to, depth + 1);
			nerr++;
		} else if (state[edges[i].to] == 0) {
			dfs(edges[i].to, depth + 1);
		}
	}
	state[node] = 2;
}

int main(void)
{
	const char *ctx[SP_MAX_CTX];
	size_t n = scx_contexts(ctx, SP_MAX_CTX), i;

	for (i = 0; i < n; i++)
		if (!sp_pseudo(ctx[i]))
			cbs[ncb++] = ctx[i];
	build();
	for (i = 0; i < ncb; i++)
		if (!state[i])
			dfs((int)i, 0);
	printf("nesting graph: %zu SCX_NEST rows, %zu callbacks, %zu edges:\n", scx_nr_nests, ncb,
	       nedges);
	for (i = 0; i < nedges; i++)
		printf("  ops.%s() -[%s]-> ops.%s()\n", cbs[edges[i].from], edges[i].row->kfunc,
		       cbs[edges[i].to]);
	if (nerr) {
		printf("%d problems\n", nerr);
		return 1;
	}
	printf("acyclic\n1 passed, 0 failed\n");
	return 0;
}
