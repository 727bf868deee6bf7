// SPDX-License-Identifier: GPL-2.0
/*
 * objscan's walk: from one program entry, a forward data flow over each function's
 * instructions that carries the set of kernels on which each instruction is reachable, and
 * which registers hold the address of a __weak ksym. A `r == 0` test of such a register
 * splits the set: the non-null edge keeps the kernels that have the ksym, the null edge the
 * others, as the verifier does when it prunes bpf_ksym_exists() branches at load time.
 * Calls into subprograms and callback pointers are followed with the caller's set.
 *
 * The sets only grow and the register facts only weaken, so each function's flow reaches
 * a fixed point; a function is walked again from the same program only for kernels it was
 * not yet walked for, which also stops call cycles (the verifier rejects those anyway).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "objscan_int.h"

#define NR_REGS		11	/* r0..r10 */
#define NO_GUARD	(-1)

/* What the flow knows at the start of one instruction. */
struct fstate {
	unsigned int *mask;		/* kernels on which it is reachable; 0: not reached */
	int *regs;			/* NR_REGS per instruction: rels[] index of a guard */
	const struct os_line **outer;	/* last line of a .c file on the way here */
	bool *queued;
	size_t *stack;
	size_t depth;
};

/* A call found live in a function: followed after the function's own flow is freed. */
struct pending {
	size_t i;
	unsigned int mask;
	const struct os_line *outer;
};

struct walk {
	struct objscan *os;
	size_t prog;
	size_t first_site;	/* the program's sites start here in out->sites */
	unsigned int *visited;	/* per function: kernels already walked */
	size_t nr_visited;
};

bool os_is_scx_kfunc(const char *kfunc)
{
	char base[96];

	if (scx_kfunc_known(kfunc) || scx_kfunc_known(scx_kfunc_base(kfunc, base, sizeof(base))))
		return true;
	return !strncmp(kfunc, "scx_bpf_", 8) || !strncmp(kfunc, "__scx_bpf_", 10) ||
	       !strncmp(kfunc, "bpf_iter_scx_", 13);
}

static bool is_ldimm64(const struct bpf_insn *in)
{
	return in->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static int fstate_init(struct fstate *st, size_t n)
{
	memset(st, 0, sizeof(*st));
	st->mask = calloc(n, sizeof(*st->mask));
	st->regs = malloc(n * NR_REGS * sizeof(*st->regs));
	st->outer = calloc(n, sizeof(*st->outer));
	st->queued = calloc(n, sizeof(*st->queued));
	st->stack = malloc(n * sizeof(*st->stack));
	if (!st->mask || !st->regs || !st->outer || !st->queued || !st->stack)
		return -ENOMEM;
	return 0;
}

static void fstate_free(struct fstate *st)
{
	free(st->mask);
	free(st->regs);
	free(st->outer);
	free(st->queued);
	free(st->stack);
}

/* Merge an incoming state into instruction J; queue J if that taught it anything. */
static void propagate(struct fstate *st, size_t n, long long j, unsigned int mask,
		      const int *regs, const struct os_line *outer)
{
	int *dst;
	bool changed = false;
	int r;

	if (j < 0 || (size_t)j >= n || !mask)
		return;
	dst = &st->regs[(size_t)j * NR_REGS];
	if (!st->mask[j]) {
		memcpy(dst, regs, NR_REGS * sizeof(*dst));
		st->outer[j] = outer;
		changed = true;
	} else {
		for (r = 0; r < NR_REGS; r++) {
			if (dst[r] != NO_GUARD && dst[r] != regs[r]) {
				dst[r] = NO_GUARD;
				changed = true;
			}
		}
		if (!st->outer[j] && outer) {
			st->outer[j] = outer;
			changed = true;
		}
	}
	if (mask & ~st->mask[j])
		changed = true;
	st->mask[j] |= mask;
	if (changed && !st->queued[j]) {
		st->queued[j] = true;
		st->stack[st->depth++] = (size_t)j;
	}
}

/* Register effects of one instruction on the guard facts. */
static void apply_insn(const struct os_sec *s, size_t abs, const struct objscan *os, int *regs)
{
	const struct bpf_insn *in = &s->insns[abs];
	unsigned int cls = BPF_CLASS(in->code);
	int r, rel;

	if (is_ldimm64(in)) {
		rel = s->rel[abs];
		if (in->dst_reg < NR_REGS)
			regs[in->dst_reg] = (rel >= 0 && os->rels[rel].guard) ? rel : NO_GUARD;
		return;
	}
	switch (cls) {
	case BPF_ALU64:
		if (in->dst_reg >= NR_REGS)
			break;
		if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && !in->off && in->src_reg < NR_REGS)
			regs[in->dst_reg] = regs[in->src_reg];
		else
			regs[in->dst_reg] = NO_GUARD;
		break;
	case BPF_ALU:
	case BPF_LDX:
		if (in->dst_reg < NR_REGS)
			regs[in->dst_reg] = NO_GUARD;
		break;
	case BPF_LD:	/* legacy packet loads clobber r0-r5 like a call */
		for (r = 0; r <= 5; r++)
			regs[r] = NO_GUARD;
		break;
	case BPF_STX:
		/* fetch and cmpxchg write registers */
		if (BPF_MODE(in->code) == BPF_ATOMIC) {
			regs[0] = NO_GUARD;
			if (in->src_reg < NR_REGS)
				regs[in->src_reg] = NO_GUARD;
		}
		break;
	case BPF_JMP:
		if (BPF_OP(in->code) == BPF_CALL)
			for (r = 0; r <= 5; r++)
				regs[r] = NO_GUARD;
		break;
	}
}

/*
 * The kernels on which a conditional jump on a guard register goes each way: *taken for
 * the jump, *fall for the next instruction. False if the test is not a null test of a
 * guard.
 */
static bool guard_split(const struct objscan *os, const struct bpf_insn *in, const int *regs,
			unsigned int mask, unsigned int *taken, unsigned int *fall)
{
	unsigned int op = BPF_OP(in->code), have;
	bool taken_if_null;

	if (BPF_SRC(in->code) != BPF_K || in->imm || in->dst_reg >= NR_REGS ||
	    regs[in->dst_reg] == NO_GUARD)
		return false;
	if (op == BPF_JEQ || op == BPF_JLE)		/* == 0, <= 0 (unsigned) */
		taken_if_null = true;
	else if (op == BPF_JNE || op == BPF_JGT)	/* != 0, > 0 (unsigned) */
		taken_if_null = false;
	else
		return false;
	have = os->rels[regs[in->dst_reg]].exists;
	*taken = mask & (taken_if_null ? ~have : have);
	*fall = mask & (taken_if_null ? have : ~have);
	return true;
}

/* Successors of local instruction I, with the kernels each edge keeps. */
static void step(struct objscan *os, const struct os_sec *s, size_t start, size_t n,
		 struct fstate *st, size_t i, const int *regs, const struct os_line *outer)
{
	const struct bpf_insn *in = &s->insns[start + i];
	unsigned int cls = BPF_CLASS(in->code), op = BPF_OP(in->code), m = st->mask[i];
	unsigned int taken, fall;
	long long li = (long long)i;

	if (is_ldimm64(in)) {
		propagate(st, n, li + 2, m, regs, outer);
		return;
	}
	if (cls != BPF_JMP && cls != BPF_JMP32) {
		propagate(st, n, li + 1, m, regs, outer);
		return;
	}
	if (op == BPF_EXIT)
		return;
	if (op == BPF_CALL) {
		propagate(st, n, li + 1, m, regs, outer);
		return;
	}
	if (op == BPF_JA) {	/* JMP32 | JA is gotol: the offset is in imm */
		propagate(st, n, li + 1 + (cls == BPF_JMP32 ? in->imm : in->off), m, regs, outer);
		return;
	}
	if (!guard_split(os, in, regs, m, &taken, &fall))
		taken = fall = m;
	propagate(st, n, li + 1 + in->off, taken, regs, outer);
	propagate(st, n, li + 1, fall, regs, outer);
}

/* The line a call at absolute instruction ABS is reported at, given the .c line before it. */
static const struct os_line *own_line(const struct os_sec *s, size_t abs)
{
	int l = s->line_cover[abs];

	return l < 0 ? NULL : &s->lines[l];
}

static int flow(struct objscan *os, int sec, size_t start, size_t n, unsigned int entry,
		const struct os_line *outer, struct fstate *st)
{
	const struct os_sec *s = &os->secs[sec];
	int regs[NR_REGS];
	size_t i;
	int r;

	for (r = 0; r < NR_REGS; r++)
		regs[r] = NO_GUARD;
	propagate(st, n, 0, entry, regs, outer);
	while (st->depth) {
		const struct os_line *o, *l;

		i = st->stack[--st->depth];
		st->queued[i] = false;
		if (++os->steps > OS_MAX_STEPS) {
			os->out->truncated = true;
			return 0;
		}
		memcpy(regs, &st->regs[i * NR_REGS], sizeof(regs));
		o = st->outer[i];
		l = own_line(s, start + i);
		if (l && !l->header)
			o = l;
		apply_insn(s, start + i, os, regs);
		step(os, s, start, n, st, i, regs, o);
	}
	return 0;
}

static void copy_str(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static int add_site(struct walk *w, int sec, size_t abs, const struct os_rel *rel,
		    unsigned int mask, const struct os_line *outer, const char *chain)
{
	struct scx_obj_scan *out = w->os->out;
	const struct scx_obj_prog *p = &out->progs[w->prog];
	const struct os_sec *s = &w->os->secs[sec];
	const struct os_line *l = own_line(s, abs);
	struct scx_call_site *site, *grown;
	char kfunc[96];
	size_t i;

	if (!rel->scx)
		return 0;
	scx_ksym_kernel_name(rel->sym, kfunc, sizeof(kfunc));
	for (i = w->first_site; i < out->nr_sites; i++) {
		site = &out->sites[i];
		if (site->insn == abs && !strcmp(site->sec, s->name)) {
			site->guard_kernels |= mask;
			return 0;
		}
	}
	grown = realloc(out->sites, (out->nr_sites + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	out->sites = grown;
	site = &out->sites[out->nr_sites++];
	memset(site, 0, sizeof(*site));
	copy_str(site->prog, sizeof(site->prog), p->name);
	copy_str(site->ctx, sizeof(site->ctx), p->ctx);
	site->kind = p->kind;
	site->sleepable = p->sleepable;
	copy_str(site->sym, sizeof(site->sym), rel->sym);
	copy_str(site->kfunc, sizeof(site->kfunc), kfunc);
	scx_kfunc_base(kfunc, site->base, sizeof(site->base));
	snprintf(site->chain, sizeof(site->chain), "%s -> %s", chain, kfunc);
	copy_str(site->sec, sizeof(site->sec), s->name);
	site->insn = abs;
	site->guard_kernels = mask;
	if (l && l->header && outer) {
		copy_str(site->inl_file, sizeof(site->inl_file), l->file);
		site->inl_line = l->line;
		l = outer;
	}
	if (l) {
		copy_str(site->file, sizeof(site->file), l->file);
		site->line = l->line;
		site->col = l->col;
	}
	return 0;
}

/* Where a call or callback pointer at absolute instruction ABS of section SEC leads. */
static bool call_target(const struct objscan *os, int sec, size_t abs, int *tsec, size_t *tinsn)
{
	const struct os_sec *s = &os->secs[sec];
	const struct bpf_insn *in = &s->insns[abs];
	int rel = s->rel[abs];
	long long t;

	if (rel >= 0 && os->rels[rel].sec >= 0) {
		*tsec = os->rels[rel].sec;
		if (in->code == (BPF_JMP | BPF_CALL))
			t = (long long)(os->rels[rel].sym_off / 8) + in->imm + 1;
		else
			t = ((long long)os->rels[rel].sym_off + in->imm) / 8;
	} else if (rel >= 0) {
		return false;
	} else {
		*tsec = sec;
		t = (long long)abs + in->imm + 1;
	}
	if (t < 0 || (size_t)t >= os->secs[*tsec].nr)
		return false;
	*tinsn = (size_t)t;
	return true;
}

static int walk_func(struct walk *w, int f, unsigned int entry, const struct os_line *outer,
		     const char *chain, int depth);

/* A live call at ABS of section SEC: a kfunc site, or a subprogram to walk. */
static int follow(struct walk *w, int sec, size_t abs, const struct pending *pc,
		  const char *chain, int depth)
{
	struct objscan *os = w->os;
	const struct bpf_insn *in = &os->secs[sec].insns[abs];
	int rel = os->secs[sec].rel[abs], tsec, tf;
	char sub[256];
	size_t t;

	if (in->code == (BPF_JMP | BPF_CALL) && rel >= 0 && os->rels[rel].ext)
		return add_site(w, sec, abs, &os->rels[rel], pc->mask, pc->outer, chain);
	if (!call_target(os, sec, abs, &tsec, &t))
		return 0;
	tf = os_func_at(os, tsec, t);
	if (tf < 0)
		return -ENOMEM;
	snprintf(sub, sizeof(sub), "%s -> %s", chain, os->funcs[tf].name);
	return walk_func(w, tf, pc->mask, pc->outer, sub, depth + 1);
}

/*
 * Calls to follow: kfunc calls, BPF-to-BPF calls, and function addresses (callbacks of
 * bpf_loop() and friends), which are ld_imm64 relocated against code, as libbpf sees them.
 */
static bool is_followed(const struct bpf_insn *in, int rel, const struct objscan *os)
{
	if (in->code == (BPF_JMP | BPF_CALL))
		return in->src_reg == BPF_PSEUDO_CALL || (rel >= 0 && os->rels[rel].ext);
	if (!is_ldimm64(in))
		return false;
	return rel >= 0 ? os->rels[rel].sec >= 0 : in->src_reg == BPF_PSEUDO_FUNC;
}

/* The first line of a .c file in the function at START, N instructions long. */
static const struct os_line *first_c_line(const struct os_sec *s, size_t start, size_t n)
{
	const struct os_line *l;
	size_t j;

	for (j = 0; j < n; j++) {
		l = own_line(s, start + j);
		if (s->line_start[start + j] && l && !l->header)
			return l;
	}
	return NULL;
}

/*
 * The caller's line for a call at ABS whose own line is in a header: BEFORE, the last .c
 * line on the way there (usually the call's statement, whose arguments the compiler
 * attributes to it), else FIRST, the first .c line of the function (a wrapper inlined
 * first thing).
 */
static const struct os_line *outer_line(const struct os_sec *s, size_t abs,
					const struct os_line *before, const struct os_line *first)
{
	const struct os_line *l = own_line(s, abs);

	if (l && !l->header)
		return l;
	return before ? before : first;
}

/* Run the flow of function F for ENTRY kernels, then list its live calls into PEND. */
static int flow_calls(struct walk *w, int f, unsigned int entry, const struct os_line *outer,
		      struct pending **pend, size_t *nr_pend)
{
	struct objscan *os = w->os;
	int sec = os->funcs[f].sec;
	size_t start = os->funcs[f].start, n = os->funcs[f].end - start, i;
	const struct os_sec *s = &os->secs[sec];
	const struct os_line *first;
	struct fstate st;
	int err;

	*pend = NULL;
	*nr_pend = 0;
	err = fstate_init(&st, n);
	if (!err)
		err = flow(os, sec, start, n, entry, outer, &st);
	if (!err)
		*pend = calloc(n, sizeof(**pend));
	if (!err && !*pend)
		err = -ENOMEM;
	first = err ? NULL : first_c_line(s, start, n);
	for (i = 0; !err && i < n; i++) {
		if (!st.mask[i] || !is_followed(&s->insns[start + i], s->rel[start + i], os))
			continue;
		(*pend)[*nr_pend].i = i;
		(*pend)[*nr_pend].mask = st.mask[i];
		(*pend)[(*nr_pend)++].outer = outer_line(s, start + i, st.outer[i], first);
	}
	fstate_free(&st);
	return err;
}

static int walk_func(struct walk *w, int f, unsigned int entry, const struct os_line *outer,
		     const char *chain, int depth)
{
	struct objscan *os = w->os;
	struct pending *pend;
	size_t nr_pend, i, start;
	unsigned int fresh;
	int sec, err;

	if ((size_t)f >= w->nr_visited) {
		unsigned int *grown = realloc(w->visited, os->cap_funcs * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		memset(grown + w->nr_visited, 0, (os->cap_funcs - w->nr_visited) * sizeof(*grown));
		w->visited = grown;
		w->nr_visited = os->cap_funcs;
	}
	fresh = entry & ~w->visited[f];
	if (!fresh)
		return 0;
	if (depth > OS_MAX_DEPTH) {
		os->out->truncated = true;
		return 0;
	}
	w->visited[f] |= fresh;
	sec = os->funcs[f].sec;
	start = os->funcs[f].start;
	err = flow_calls(w, f, fresh, outer, &pend, &nr_pend);
	for (i = 0; !err && i < nr_pend; i++)
		err = follow(w, sec, start + pend[i].i, &pend[i], chain, depth);
	free(pend);
	return err;
}

int os_flow_prog(struct objscan *os, size_t p)
{
	const struct scx_obj_prog *prog = &os->out->progs[p];
	struct walk w = { .os = os, .prog = p, .first_site = os->out->nr_sites };
	int f = os->prog_func[p], err;

	if (f < 0)
		return 0;
	err = walk_func(&w, f, SCX_K_ALL, NULL,
			prog->kind == SCX_SITE_OP ? prog->ctx : prog->name, 0);
	free(w.visited);
	return err;
}
