// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_insns: how big is a scheduler, in BPF instructions?
 *
 *   bpf_insns OBJ.bpf.o...   each program of the objects, as compiled: instructions
 *                            (libbpf's bpf_program__insn_cnt(), before load)
 *   bpf_insns --loaded       each struct_ops program loaded in the running kernel:
 *                            instructions after load (xlated), JITed bytes, and the
 *                            instructions the verifier processed to accept it
 *
 * The verifier's count is bpf_prog_info.verified_insns, the number its log prints as
 * "processed N insns" (kernels since 5.16). Run --loaded while one scheduler is attached,
 * under its own loader, so that what is counted is what that loader loaded.
 * One line per program, "prog NAME key=N...", then a "total" line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static const char help[] =
"Usage: bpf_insns OBJ.bpf.o...\n"
"       bpf_insns --loaded\n"
"\n"
"Print each BPF program's instruction counts: as compiled in the objects (insns=), or,\n"
"with --loaded, for the struct_ops programs loaded in the running kernel: after load\n"
"(xlated=), JITed size in bytes (jited=) and instructions the verifier processed\n"
"(verified=). The last line sums them.\n";

static int print_object(const char *path)
{
	struct bpf_program *prog;
	struct bpf_object *obj;
	size_t total = 0, n;

	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		fprintf(stderr, "bpf_insns: cannot open %s: %s\n", path, strerror(errno));
		return -errno;
	}
	bpf_object__for_each_program(prog, obj) {
		n = bpf_program__insn_cnt(prog);
		printf("prog %s insns=%zu\n", bpf_program__name(prog), n);
		total += n;
	}
	printf("total %s insns=%zu\n", path, total);
	bpf_object__close(obj);
	return 0;
}

static int print_loaded(void)
{
	unsigned long long xlated = 0, jited = 0, verified = 0;
	unsigned int id = 0, nr = 0;

	while (!bpf_prog_get_next_id(id, &id)) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;	/* unloaded meanwhile */
		if (bpf_prog_get_info_by_fd(fd, &info, &len) || info.type != BPF_PROG_TYPE_STRUCT_OPS) {
			close(fd);
			continue;
		}
		printf("prog %s xlated=%u jited=%u verified=%u\n", info.name,
		       info.xlated_prog_len / 8, info.jited_prog_len, info.verified_insns);
		xlated += info.xlated_prog_len / 8;
		jited += info.jited_prog_len;
		verified += info.verified_insns;
		nr++;
		close(fd);
	}
	if (errno != ENOENT) {
		fprintf(stderr, "bpf_insns: listing programs failed: %s\n", strerror(errno));
		return -errno;
	}
	if (!nr) {
		fprintf(stderr, "bpf_insns: no struct_ops program is loaded\n");
		return -ENOENT;
	}
	printf("total progs=%u xlated=%llu jited=%llu verified=%llu\n", nr, xlated, jited, verified);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fputs(help, stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(help, stdout);
		return 0;
	}
	libbpf_set_print(NULL);
	if (!strcmp(argv[1], "--loaded")) {
		if (argc > 2) {
			fprintf(stderr, "bpf_insns: --loaded takes no arguments\n");
			return 2;
		}
		return print_loaded() ? 1 : 0;
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-') {
			fprintf(stderr, "bpf_insns: unknown option '%s'\n%s", argv[i], help);
			return 2;
		}
		if (print_object(argv[i]))
			return 1;
	}
	return 0;
}
