// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for lib/objscan. See docs/fuzzing.md.
 *
 * An input that starts with the ELF magic is an object file image, scanned from memory the
 * way `scopex check` scans a file: libelf checks, libbpf's bpf_object__open_mem(), the
 * model, the walk; then every site is judged on every kernel. Any other input is taken as
 * raw BPF instructions of one ops.enqueue() program and walked directly, so that the flow
 * analysis sees arbitrary jumps, calls and guards that mutated objects rarely reach past
 * libbpf's own checks: every ld_imm64 is a __weak ksym guard, every kfunc call a call to
 * an SCX kfunc, and BPF-to-BPF calls and callback pointers stay in the section.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "objscan_int.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	libbpf_set_print(quiet);
	return 0;
}

static void judge(const struct scx_obj_scan *s)
{
	size_t i;
	int k;

	for (i = 0; i < s->nr_sites; i++)
		for (k = 0; k < (int)scx_nr_kernels; k++)
			scx_call_site_verdict(&s->sites[i], k);
}

/* The model objscan_elf.c would build for one code section holding DATA, by hand. */
static int code_model(struct objscan *os, const uint8_t *data, size_t size)
{
	static struct os_rel rels[2] = {
		{ .sym = "scx_bpf_dsq_move_to_local___v2___fuzz", .ext = true, .sec = -1,
		  .guard = true, .exists = SCX_K_STATIC },
		{ .sym = "scx_bpf_dsq_move_to_local", .ext = true, .sec = -1 },
	};
	struct os_sec *s;
	size_t i;

	os->secs = calloc(1, sizeof(*os->secs));
	os->funcs = calloc(4, sizeof(*os->funcs));
	os->prog_func = calloc(1, sizeof(*os->prog_func));
	os->out->progs = calloc(1, sizeof(*os->out->progs));
	if (!os->secs || !os->funcs || !os->prog_func || !os->out->progs)
		return -1;
	s = &os->secs[0];
	os->nr_secs = 1;
	s->name = "struct_ops/fuzz";
	s->nr = size / sizeof(struct bpf_insn);
	s->insns = malloc(s->nr * sizeof(struct bpf_insn));
	s->rel = malloc(s->nr * sizeof(*s->rel));
	s->line_cover = malloc(s->nr * sizeof(*s->line_cover));
	s->line_start = calloc(s->nr, sizeof(*s->line_start));
	if (!s->insns || !s->rel || !s->line_cover || !s->line_start)
		return -1;
	memcpy((void *)s->insns, data, s->nr * sizeof(struct bpf_insn));
	for (i = 0; i < s->nr; i++) {
		const struct bpf_insn *in = &s->insns[i];

		s->line_cover[i] = -1;
		s->rel[i] = -1;
		if (in->code == (BPF_LD | BPF_IMM | BPF_DW) && in->src_reg == 0)
			s->rel[i] = 0;
		else if (in->code == (BPF_JMP | BPF_CALL) && in->src_reg == BPF_PSEUDO_KFUNC_CALL)
			s->rel[i] = 1;
	}
	os->rels = malloc(sizeof(rels));
	if (!os->rels)
		return -1;
	memcpy(os->rels, rels, sizeof(rels));
	os->nr_rels = 2;
	os->cap_funcs = 4;
	os->nr_funcs = os->nr_sorted = 1;
	snprintf(os->funcs[0].name, sizeof(os->funcs[0].name), "fuzz_enqueue");
	os->funcs[0].end = s->nr;
	snprintf(os->out->progs[0].name, sizeof(os->out->progs[0].name), "fuzz_enqueue");
	snprintf(os->out->progs[0].ctx, sizeof(os->out->progs[0].ctx), "enqueue");
	os->out->nr_progs = 1;
	return 0;
}

/* Longer code only makes each run slower: the walk does the same things on it. */
#define MAX_CODE	(1024 * sizeof(struct bpf_insn))

static void fuzz_code(const uint8_t *data, size_t size)
{
	struct objscan os = { 0 };

	if (size > MAX_CODE)
		size = MAX_CODE;
	if (size < sizeof(struct bpf_insn) || !(os.out = calloc(1, sizeof(*os.out))))
		return;
	if (!code_model(&os, data, size) && !os_flow_prog(&os, 0))
		judge(os.out);
	os_release(&os);
	scx_obj_scan_free(os.out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scx_obj_scan *s;
	char err[256];

	if (size < 4 || memcmp(data, "\177ELF", 4)) {
		fuzz_code(data, size);
		return 0;
	}
	if (scx_obj_scan_mem(data, size, "fuzz", &s, err, sizeof(err)))
		return 0;
	judge(s);
	scx_obj_scan_free(s);
	return 0;
}
