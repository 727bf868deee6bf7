// SPDX-License-Identifier: GPL-2.0
/*
 * objscan's model of the object from libelf: the code sections, the functions (STT_FUNC
 * symbols), the relocations of every instruction and the .BTF.ext line records. libbpf
 * exposes none of these before load; btf_ext__new() validates .BTF.ext before its line
 * records are read.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "objscan_int.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_ELFDATA	ELFDATA2LSB
#else
#define HOST_ELFDATA	ELFDATA2MSB
#endif

/*
 * The SCX_K_* kernels on which libbpf resolves kernel function NAME; 0 if the table does
 * not know it. A build without the kfunc's prototype (SCX_KF_NO_PROTO) leaves a __weak
 * extern unresolved, so bpf_ksym_exists() is false there as where the kfunc is missing.
 */
static unsigned int kernels_having(const char *name)
{
	const struct scx_kf_row *kf;
	unsigned int mask = 0;
	size_t k;

	for (k = 0; k < scx_nr_kernels; k++)
		if ((kf = scx_kf_find(name, (int)k)) && !(kf->flags & SCX_KF_NO_PROTO))
			mask |= 1u << scx_kernels[k].bit;
	return mask;
}

static int sec_index(const struct objscan *os, const char *name)
{
	size_t i;

	for (i = 0; name && i < os->nr_secs; i++)
		if (!strcmp(os->secs[i].name, name))
			return (int)i;
	return -1;
}

/* --- ELF: checks, code sections, functions, relocations ------------------------------ */

int os_elf_checked(const char *name, char *buf, size_t len, Elf **out, char *err,
		   size_t errlen)
{
	GElf_Ehdr eh;
	GElf_Shdr sh;
	size_t shnum, i;
	Elf *elf;
	int ret = 0;

	*out = NULL;
	if (!len)
		return os_fail(err, errlen, -ENOEXEC, "%s: empty file", name);
	if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG))
		return os_fail(err, errlen, -ENOEXEC, "%s: not an ELF file", name);
	if (len < sizeof(Elf64_Ehdr))
		return os_fail(err, errlen, -ENOEXEC, "%s: truncated ELF header", name);
	if (buf[EI_CLASS] != ELFCLASS64)
		return os_fail(err, errlen, -ENOEXEC, "%s: not a BPF object (32-bit ELF)", name);
	if (buf[EI_DATA] != HOST_ELFDATA)
		return os_fail(err, errlen, -EPROTONOSUPPORT,
			       "%s: byte order differs from this machine's", name);
	elf_version(EV_CURRENT);
	elf = elf_memory(buf, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		ret = os_fail(err, errlen, -ENOEXEC, "%s: not a valid ELF file: %s", name,
			      elf_errmsg(-1));
		goto out;
	}
	if (eh.e_machine != EM_BPF) {
		ret = os_fail(err, errlen, -ENOEXEC,
			      "%s: not a BPF object (ELF machine %u, BPF is %u)", name,
			      eh.e_machine, EM_BPF);
		goto out;
	}
	/* libelf quietly reports no sections when their table does not fit: compare */
	if (elf_getshdrnum(elf, &shnum) || eh.e_shoff > len ||
	    (eh.e_shnum && shnum != eh.e_shnum) ||
	    shnum > (len - eh.e_shoff) / sizeof(Elf64_Shdr)) {
		ret = os_fail(err, errlen, -ENOEXEC, "%s: truncated ELF (section headers)", name);
		goto out;
	}
	for (i = 1; i < shnum && !ret; i++) {
		if (!gelf_getshdr(elf_getscn(elf, i), &sh))
			ret = os_fail(err, errlen, -ENOEXEC, "%s: bad section header %zu", name, i);
		else if (sh.sh_type != SHT_NOBITS &&
			 (sh.sh_offset > len || sh.sh_size > len - sh.sh_offset))
			ret = os_fail(err, errlen, -ENOEXEC, "%s: truncated ELF (section %zu)",
				      name, i);
	}
out:
	if (ret)
		elf_end(elf);
	else
		*out = elf;
	return ret;
}

static Elf_Data *section_data(Elf *elf, size_t idx, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_getscn(elf, idx);
	Elf_Data *d;

	if (!scn || !gelf_getshdr(scn, sh))
		return NULL;
	d = elf_getdata(scn, NULL);
	return d && d->d_buf && d->d_size ? d : NULL;
}

static const char *section_name(Elf *elf, size_t idx)
{
	size_t shstrndx;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(elf, &shstrndx) || !gelf_getshdr(elf_getscn(elf, idx), &sh))
		return NULL;
	return elf_strptr(elf, shstrndx, sh.sh_name);
}

/* The index of section NAME, or 0 when there is none. */
static size_t section_index(Elf *elf, const char *name)
{
	size_t shnum, i;
	const char *n;

	if (elf_getshdrnum(elf, &shnum))
		return 0;
	for (i = 1; i < shnum; i++)
		if ((n = section_name(elf, i)) && !strcmp(n, name))
			return i;
	return 0;
}

bool os_has_section(Elf *elf, const char *name)
{
	return section_index(elf, name) != 0;
}

/*
 * libbpf allocates each struct_ops variable's size, from BTF, before it checks that the
 * variable fits in its section: a corrupt object could make it ask for gigabytes. Check
 * first. BTF that libbpf cannot parse is left for bpf_object__open_mem() to report.
 */
int os_struct_ops_fit(Elf *elf, const char *name, char *err, size_t errlen)
{
	GElf_Shdr sh;
	Elf_Data *d = section_data(elf, section_index(elf, ".BTF"), &sh);
	struct btf *btf = d ? btf__new(d->d_buf, d->d_size) : NULL;
	__u32 id, n = btf ? btf__type_cnt(btf) : 0;
	int ret = 0;

	for (id = 1; id < n && !ret; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_var_secinfo *v = btf_var_secinfos(t);
		const char *sec = btf__name_by_offset(btf, t->name_off);
		size_t idx;
		__u32 i;

		if (!btf_is_datasec(t) || !sec || !strstr(sec, ".struct_ops") ||
		    !(idx = section_index(elf, sec)) || !gelf_getshdr(elf_getscn(elf, idx), &sh))
			continue;
		for (i = 0; i < btf_vlen(t) && !ret; i++, v++) {
			__s32 tid = btf__resolve_type(btf, v->type);
			const struct btf_type *vt = tid > 0 ? btf__type_by_id(btf, tid) : NULL;

			if (vt && btf_is_struct(vt) && vt->size > sh.sh_size)
				ret = os_fail(err, errlen, -ENOEXEC, "%s: not a valid BPF object: a "
					      "struct_ops variable of %u bytes in %s, a section of "
					      "%llu bytes", name, vt->size, sec,
					      (unsigned long long)sh.sh_size);
		}
	}
	btf__free(btf);
	return ret;
}

/* Executable sections; SEC_OF maps ELF section indexes to them. */
static int load_code(struct objscan *os, Elf *elf, size_t shnum, int *sec_of)
{
	size_t i;

	os->secs = calloc(shnum, sizeof(*os->secs));
	if (!os->secs)
		return -ENOMEM;
	for (i = 1; i < shnum; i++) {
		struct os_sec *s = &os->secs[os->nr_secs];
		const char *name = section_name(elf, i);
		GElf_Shdr sh;
		Elf_Data *d = section_data(elf, i, &sh);

		sec_of[i] = -1;
		if (!d || !name || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR) ||
		    d->d_size < sizeof(struct bpf_insn))
			continue;
		s->name = name;
		s->nr = d->d_size / sizeof(struct bpf_insn);
		/* a copy: the image gives no alignment guarantee */
		s->insns = malloc(s->nr * sizeof(struct bpf_insn));
		s->rel = malloc(s->nr * sizeof(*s->rel));
		s->line_cover = malloc(s->nr * sizeof(*s->line_cover));
		s->line_start = calloc(s->nr, sizeof(*s->line_start));
		if (!s->insns || !s->rel || !s->line_cover || !s->line_start)
			return -ENOMEM;
		memcpy((void *)s->insns, d->d_buf, s->nr * sizeof(struct bpf_insn));
		memset(s->rel, 0xff, s->nr * sizeof(*s->rel));
		memset(s->line_cover, 0xff, s->nr * sizeof(*s->line_cover));
		sec_of[i] = (int)os->nr_secs++;
	}
	return 0;
}

static int func_cmp(const void *a, const void *b)
{
	const struct os_func *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int load_funcs(struct objscan *os, Elf *elf, Elf_Data *syms, size_t strtab,
		      size_t shnum, const int *sec_of)
{
	size_t nsyms = syms->d_size / sizeof(Elf64_Sym), i, out = 0;
	GElf_Sym sym;

	os->cap_funcs = nsyms + 16;
	os->funcs = calloc(os->cap_funcs, sizeof(*os->funcs));
	if (!os->funcs)
		return -ENOMEM;
	for (i = 0; i < nsyms; i++) {
		struct os_func *f = &os->funcs[os->nr_funcs];
		const char *name;
		int sec;

		if (!gelf_getsym(syms, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= shnum)
			continue;
		sec = sec_of[sym.st_shndx];
		if (sec < 0 || sym.st_value % 8 || sym.st_value / 8 >= os->secs[sec].nr)
			continue;
		name = elf_strptr(elf, strtab, sym.st_name);
		snprintf(f->name, sizeof(f->name), "%s", name ? name : "?");
		f->sec = sec;
		f->start = sym.st_value / 8;
		f->end = sym.st_size % 8 ? 0 : f->start + sym.st_size / 8;
		if (f->end > os->secs[sec].nr)
			f->end = os->secs[sec].nr;
		os->nr_funcs++;
	}
	qsort(os->funcs, os->nr_funcs, sizeof(*os->funcs), func_cmp);
	/* drop aliases; a function without a size ends where the next one starts */
	for (i = 0; i < os->nr_funcs; i++) {
		struct os_func *f = &os->funcs[i], *next = i + 1 < os->nr_funcs ? f + 1 : NULL;

		if (out && os->funcs[out - 1].sec == f->sec && os->funcs[out - 1].start == f->start)
			continue;
		if (f->end <= f->start)
			f->end = next && next->sec == f->sec ? next->start : os->secs[f->sec].nr;
		if (f->end <= f->start)
			f->end = os->secs[f->sec].nr;
		os->funcs[out++] = *f;
	}
	os->nr_funcs = out;
	os->nr_sorted = out;
	return 0;
}

int os_func_at(struct objscan *os, int sec, size_t insn)
{
	size_t lo = 0, hi = os->nr_sorted, i, end = os->secs[sec].nr;
	char name[sizeof(os->funcs[0].name)];
	struct os_func *f;
	bool inside;

	while (lo < hi) {	/* first sorted function at or after (sec, insn) */
		size_t mid = (lo + hi) / 2;
		const struct os_func *m = &os->funcs[mid];

		if (m->sec < sec || (m->sec == sec && m->start < insn))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < os->nr_sorted && os->funcs[lo].sec == sec && os->funcs[lo].start == insn)
		return (int)lo;
	if (lo < os->nr_sorted && os->funcs[lo].sec == sec)
		end = os->funcs[lo].start;
	/* inside a function whose symbol starts earlier: name it after that one */
	inside = lo && os->funcs[lo - 1].sec == sec && os->funcs[lo - 1].end > insn;
	if (inside)
		end = os->funcs[lo - 1].end;
	for (i = os->nr_sorted; i < os->nr_funcs; i++) {
		os->steps++;
		if (os->funcs[i].sec == sec && os->funcs[i].start == insn)
			return (int)i;
	}
	if (os->nr_funcs == os->cap_funcs) {
		f = realloc(os->funcs, 2 * os->cap_funcs * sizeof(*f));
		if (!f)
			return -1;
		os->funcs = f;
		os->cap_funcs *= 2;
	}
	if (inside)
		snprintf(name, sizeof(name), "%.40s+%zu", os->funcs[lo - 1].name,
			 insn - os->funcs[lo - 1].start);
	else
		snprintf(name, sizeof(name), "%.40s+%zu", os->secs[sec].name, insn);
	f = &os->funcs[os->nr_funcs];
	memcpy(f->name, name, sizeof(f->name));
	f->sec = sec;
	f->start = insn;
	f->end = end;
	return (int)os->nr_funcs++;
}

/* What the relocations need to know of the symbols, and each weak ksym's kernels, once. */
struct rel_ctx {
	Elf *elf;
	Elf_Data *syms;
	size_t strtab, shnum;
	const int *sec_of;
	struct sym_facts {	/* per symbol, computed once: the table lookups are linear */
		bool done, scx;
		unsigned int exists;
	} *facts;
};

static void fill_rel(struct os_rel *r, const struct rel_ctx *c, size_t symi, const GElf_Sym *sym)
{
	char kname[128];

	memset(r, 0, sizeof(*r));
	r->sym = elf_strptr(c->elf, c->strtab, sym->st_name);
	if (!r->sym)
		r->sym = "";
	r->ext = sym->st_shndx == SHN_UNDEF;
	r->sec = !r->ext && sym->st_shndx < c->shnum ? c->sec_of[sym->st_shndx] : -1;
	r->sym_off = sym->st_value;
	if (!r->ext)
		return;
	if (!c->facts[symi].done) {
		scx_ksym_kernel_name(r->sym, kname, sizeof(kname));
		c->facts[symi].done = true;
		c->facts[symi].scx = os_is_scx_kfunc(kname);
		c->facts[symi].exists = kernels_having(kname);
	}
	r->scx = c->facts[symi].scx;
	if (GELF_ST_BIND(sym->st_info) == STB_WEAK) {
		r->exists = c->facts[symi].exists;
		r->guard = r->exists != 0;
	}
}

static int load_rel_sec(struct objscan *os, const struct rel_ctx *c, Elf_Data *d,
			struct os_sec *s)
{
	size_t n = d->d_size / sizeof(Elf64_Rel), j, nsyms = c->syms->d_size / sizeof(Elf64_Sym);
	void *grown = realloc(os->rels, (os->nr_rels + n) * sizeof(*os->rels));
	GElf_Rel rel;
	GElf_Sym sym;

	if (!grown)
		return -ENOMEM;
	os->rels = grown;
	for (j = 0; j < n; j++) {
		if (!gelf_getrel(d, (int)j, &rel) || rel.r_offset % 8 ||
		    rel.r_offset / 8 >= s->nr || GELF_R_SYM(rel.r_info) >= nsyms ||
		    !gelf_getsym(c->syms, (int)GELF_R_SYM(rel.r_info), &sym))
			continue;
		fill_rel(&os->rels[os->nr_rels], c, GELF_R_SYM(rel.r_info), &sym);
		s->rel[rel.r_offset / 8] = (int)os->nr_rels++;
	}
	return 0;
}

static int load_rels(struct objscan *os, Elf *elf, Elf_Data *syms, size_t strtab,
		     size_t shnum, const int *sec_of)
{
	struct rel_ctx c = { elf, syms, strtab, shnum, sec_of, NULL };
	size_t nsyms = syms->d_size / sizeof(Elf64_Sym), i;
	int err = 0;

	c.facts = calloc(nsyms ? nsyms : 1, sizeof(*c.facts));
	if (!c.facts)
		return -ENOMEM;
	for (i = 1; i < shnum && !err; i++) {
		GElf_Shdr sh;
		Elf_Data *d = section_data(elf, i, &sh);

		if (d && sh.sh_type == SHT_REL && sh.sh_info < shnum && sec_of[sh.sh_info] >= 0)
			err = load_rel_sec(os, &c, d, &os->secs[sec_of[sh.sh_info]]);
	}
	free(c.facts);
	return err;
}

/* --- .BTF.ext line info --------------------------------------------------------------- */

/* The fixed part of the .BTF.ext header (struct btf_ext_header in libbpf). */
struct ext_hdr {
	__u16 magic;
	__u8 version, flags;
	__u32 hdr_len;
	__u32 func_info_off, func_info_len;
	__u32 line_info_off, line_info_len;
};

static int add_line(struct os_sec *s, const struct bpf_line_info *li, const char *file)
{
	struct os_line *grown = realloc(s->lines, (s->nr_lines + 1) * sizeof(*grown)), *l;
	size_t n = strlen(file);

	if (!grown)
		return -ENOMEM;
	s->lines = grown;
	l = &s->lines[s->nr_lines++];
	l->insn = li->insn_off / 8;
	l->file = file;
	l->line = (int)BPF_LINE_INFO_LINE_NUM(li->line_col);
	l->col = (int)BPF_LINE_INFO_LINE_COL(li->line_col);
	l->header = n >= 2 && !strcmp(file + n - 2, ".h");
	return 0;
}

/* Records of one section of line info at P; returns the bytes consumed, 0 when malformed. */
static size_t read_line_sec(struct objscan *os, const struct btf *btf, const __u8 *p,
			    size_t left, __u32 rec_size, int *err)
{
	struct bpf_line_info li;
	__u32 hdr[2];		/* sec_name_off, num_info */
	const char *file;
	size_t j;
	int s;

	if (left < sizeof(hdr))
		return 0;
	memcpy(hdr, p, sizeof(hdr));
	if (hdr[1] > (left - sizeof(hdr)) / rec_size)
		return 0;
	s = sec_index(os, btf__name_by_offset(btf, hdr[0]));
	for (j = 0; s >= 0 && j < hdr[1] && !*err; j++) {
		memcpy(&li, p + sizeof(hdr) + j * rec_size, sizeof(li));
		file = btf__name_by_offset(btf, li.file_name_off);
		if (li.insn_off % 8 || li.insn_off / 8 >= os->secs[s].nr)
			continue;
		*err = add_line(&os->secs[s], &li, file ? file : "?");
	}
	return sizeof(hdr) + (size_t)hdr[1] * rec_size;
}

static int line_cmp(const void *a, const void *b)
{
	const struct os_line *x = a, *y = b;

	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

static int load_lines(struct objscan *os, Elf *elf, size_t shnum, const struct btf *btf)
{
	struct btf_ext *ext = NULL;
	const __u8 *raw;
	struct ext_hdr h;
	__u32 size = 0, rec_size;
	size_t i, off, end, used;
	int err = 0;

	for (i = 1; i < shnum && !ext; i++) {
		const char *name = section_name(elf, i);
		GElf_Shdr sh;
		Elf_Data *d = section_data(elf, i, &sh);

		if (d && name && !strcmp(name, ".BTF.ext") && d->d_size <= UINT32_MAX)
			ext = btf_ext__new(d->d_buf, (__u32)d->d_size);
	}
	raw = ext ? btf_ext__raw_data(ext, &size) : NULL;
	if (!raw || size < sizeof(h))
		goto out;
	memcpy(&h, raw, sizeof(h));
	off = (size_t)h.hdr_len + h.line_info_off;
	end = off + h.line_info_len;
	if (h.hdr_len < sizeof(h) || end > size || h.line_info_len < sizeof(rec_size))
		goto out;
	memcpy(&rec_size, raw + off, sizeof(rec_size));
	if (rec_size < sizeof(struct bpf_line_info))
		goto out;
	for (off += sizeof(rec_size); off < end && !err; off += used)
		if (!(used = read_line_sec(os, btf, raw + off, end - off, rec_size, &err)))
			break;
	for (i = 0; i < os->nr_secs && !err; i++) {
		struct os_sec *s = &os->secs[i];
		size_t l, insn;

		if (s->nr_lines)
			qsort(s->lines, s->nr_lines, sizeof(*s->lines), line_cmp);
		for (l = 0, insn = 0; insn < s->nr; insn++) {
			while (l < s->nr_lines && s->lines[l].insn <= insn) {
				s->line_start[insn] |= s->lines[l].insn == insn;
				l++;
			}
			s->line_cover[insn] = (int)l - 1;
		}
	}
out:
	btf_ext__free(ext);
	return err;
}


/* --- the whole model ------------------------------------------------------------------ */

int os_build(struct objscan *os, Elf *elf, const struct btf *btf)
{
	Elf_Data *syms = NULL;
	size_t shnum, strtab = 0, i;
	int *sec_of, err;

	if (elf_getshdrnum(elf, &shnum))
		return -ENOEXEC;
	sec_of = calloc(shnum ? shnum : 1, sizeof(*sec_of));
	if (!sec_of)
		return -ENOMEM;
	err = load_code(os, elf, shnum, sec_of);
	for (i = 1; !err && i < shnum && !syms; i++) {
		GElf_Shdr sh;
		Elf_Data *d = section_data(elf, i, &sh);

		if (d && sh.sh_type == SHT_SYMTAB) {
			syms = d;
			strtab = sh.sh_link;
		}
	}
	if (!err && syms)
		err = load_funcs(os, elf, syms, strtab, shnum, sec_of);
	if (!err && syms)
		err = load_rels(os, elf, syms, strtab, shnum, sec_of);
	if (!err)
		err = load_lines(os, elf, shnum, btf);
	free(sec_of);
	return err;
}

void os_release(struct objscan *os)
{
	size_t i;

	for (i = 0; i < os->nr_secs; i++) {
		free((void *)os->secs[i].insns);
		free(os->secs[i].rel);
		free(os->secs[i].line_cover);
		free(os->secs[i].line_start);
		free(os->secs[i].lines);
	}
	free(os->secs);
	free(os->rels);
	free(os->funcs);
	free(os->prog_func);
}

bool os_struct_ops_var(Elf *elf, const char *name)
{
	size_t shnum, i, j;

	if (elf_getshdrnum(elf, &shnum))
		return false;
	for (i = 1; i < shnum; i++) {
		GElf_Shdr sh;
		GElf_Sym sym;
		Elf_Data *d = section_data(elf, i, &sh);
		const char *sec, *n;

		if (!d || sh.sh_type != SHT_SYMTAB)
			continue;
		for (j = 0; j < d->d_size / sizeof(Elf64_Sym); j++) {
			if (!gelf_getsym(d, (int)j, &sym) ||
			    GELF_ST_TYPE(sym.st_info) != STT_OBJECT ||
			    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= shnum)
				continue;
			n = elf_strptr(elf, sh.sh_link, sym.st_name);
			sec = section_name(elf, sym.st_shndx);
			if (n && sec && !strcmp(n, name) && !strncmp(sec, ".struct_ops", 11))
				return true;
		}
	}
	return false;
}
