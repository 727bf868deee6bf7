// SPDX-License-Identifier: GPL-2.0
/*
 * Zero cost: a scheduler built with the scoped headers in static mode has exactly the
 * instructions of the same scheduler built in plain mode, program by program. The
 * runtime mode's counts are printed beside them, for the record.
 *
 *   insn_count NAME PLAIN.bpf.o STATIC.bpf.o RUNTIME.bpf.o [NAME PLAIN STATIC RUNTIME]...
 *
 * Counts come from libbpf (bpf_program__insn_cnt() after bpf_object__open_file()): the
 * ELF's instructions per program, before any relocation, so nothing here needs a kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static int silent(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, args) : 0;
}

static struct bpf_object *open_obj(const char *path)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj)
		fprintf(stderr, "FAIL: cannot open %s: %s\n", path, strerror(errno));
	return obj;
}

/* Compare one scheduler's objects; returns the number of mismatching programs. */
static int compare(const char *name, const char *plain_p, const char *static_p,
		   const char *runtime_p, int *nprogs)
{
	struct bpf_object *plain = open_obj(plain_p), *stat = open_obj(static_p);
	struct bpf_object *rt = open_obj(runtime_p);
	struct bpf_program *p;
	int bad = 0, n = 0;

	if (!plain || !stat || !rt) {
		bad = 1;
		goto out;
	}
	bpf_object__for_each_program(p, plain) {
		const char *pn = bpf_program__name(p);
		struct bpf_program *s = bpf_object__find_program_by_name(stat, pn);
		struct bpf_program *r = bpf_object__find_program_by_name(rt, pn);
		size_t pc = bpf_program__insn_cnt(p), sc = s ? bpf_program__insn_cnt(s) : 0;
		bool same = s && pc == sc &&
			    !memcmp(bpf_program__insns(p), bpf_program__insns(s),
				    pc * sizeof(struct bpf_insn));

		printf("%-12s %-24s plain %5zu  static %5zu  runtime %5zu  %s\n", name, pn, pc, sc,
		       r ? bpf_program__insn_cnt(r) : 0,
		       same ? "same" : (s && pc == sc ? "DIFFERENT INSNS" : "DIFFERENT COUNT"));
		if (!s || pc != sc)
			bad++;
		else if (!same)
			bad++;
		n++;
	}
	/* The static object must not have programs the plain one lacks. */
	bpf_object__for_each_program(p, stat) {
		if (!bpf_object__find_program_by_name(plain, bpf_program__name(p))) {
			printf("%-12s %-24s only in the static object\n", name, bpf_program__name(p));
			bad++;
		}
	}
	if (!n) {
		printf("%-12s no programs in %s\n", name, plain_p);
		bad++;
	}
	*nprogs += n;
out:
	bpf_object__close(plain);
	bpf_object__close(stat);
	bpf_object__close(rt);
	return bad;
}

int main(int argc, char **argv)
{
	int i, bad = 0, nprogs = 0;

	if (argc < 5 || (argc - 1) % 4) {
		fprintf(stderr, "usage: insn_count NAME PLAIN.bpf.o STATIC.bpf.o RUNTIME.bpf.o...\n");
		return 2;
	}
	libbpf_set_print(silent);
	for (i = 1; i < argc; i += 4)
		bad += compare(argv[i], argv[i + 1], argv[i + 2], argv[i + 3], &nprogs);
	printf("%d schedulers, %d programs: static == plain for %d\n", (argc - 1) / 4, nprogs,
	       nprogs - bad);
	printf("%d passed, %d failed\n", nprogs - bad, bad);
	return bad ? 1 : 0;
}
