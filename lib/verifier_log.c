// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier log and ejection message parsers. See verifier_log.h for what they extract.
 *
 * The log is walked once, line by line, as (pointer, length) views into the caller's
 * buffer: nothing is allocated and nothing past LEN is read. A plain log is a stream of
 * instruction lines ("NN: (85) call foo#123", "NN: R0=..."), source annotations
 * ("; text @ file.c:LINE") and messages; the error is the run of messages after the last
 * instruction or annotation. 7.3 appends a structured block after that run.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include "verifier_log.h"

struct view {
	const char *p;
	size_t n;
};

static struct view ltrim(struct view v)
{
	while (v.n && (*v.p == ' ' || *v.p == '\t')) {
		v.p++;
		v.n--;
	}
	return v;
}

static struct view trim(struct view v)
{
	v = ltrim(v);
	while (v.n && isspace((unsigned char)v.p[v.n - 1]))
		v.n--;
	return v;
}

static struct view skip(struct view v, size_t k)
{
	k = k < v.n ? k : v.n;
	return (struct view){ v.p + k, v.n - k };
}

/* ASCII lower case: the log is not in any locale. */
static inline int lc(char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : (unsigned char)c;
}

/* Offset of NEEDLE in V (ASCII case-insensitive), or -1. */
static long find(struct view v, const char *needle)
{
	size_t m = strlen(needle), i, j;

	if (m > v.n)
		return -1;
	for (i = 0; i + m <= v.n; i++) {
		for (j = 0; j < m; j++)
			if (lc(v.p[i + j]) != lc(needle[j]))
				break;
		if (j == m)
			return (long)i;
	}
	return -1;
}

/* Offset of the last occurrence of NEEDLE in V, or -1. */
static long rfind(struct view v, const char *needle)
{
	long at = -1, k;
	struct view rest = v;

	while ((k = find(rest, needle)) >= 0) {
		at = (long)(rest.p - v.p) + k;
		rest = skip(rest, (size_t)k + 1);
	}
	return at;
}

static bool starts_with(struct view v, const char *prefix)
{
	size_t m = strlen(prefix);

	return v.n >= m && find((struct view){ v.p, m }, prefix) == 0;
}

static void copy_view(char *dst, size_t size, struct view v)
{
	size_t n = v.n < size - 1 ? v.n : size - 1, i;

	for (i = 0; i < n; i++)
		dst[i] = v.p[i] ? v.p[i] : ' ';	/* embedded NULs would cut the field */
	dst[n] = '\0';
}

/* Decimal number at the start of V; *used gets its length (0: none). */
static unsigned int parse_uint(struct view v, size_t *used)
{
	unsigned long long val = 0;
	size_t i = 0;

	while (i < v.n && isdigit((unsigned char)v.p[i])) {
		if (val <= UINT_MAX)
			val = val * 10 + (unsigned int)(v.p[i] - '0');
		i++;
	}
	*used = i;
	return val > UINT_MAX ? UINT_MAX : (unsigned int)val;
}

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The identifier starting at V (after blanks), copied to DST. */
static bool copy_ident(char *dst, size_t size, struct view v)
{
	size_t n = 0;

	v = ltrim(v);
	while (n < v.n && is_ident(v.p[n]))
		n++;
	copy_view(dst, size, (struct view){ v.p, n });
	return n > 0;
}

static bool next_line(const char *log, size_t len, size_t *pos, struct view *line)
{
	const char *nl;

	if (*pos >= len)
		return false;
	line->p = log + *pos;
	nl = memchr(line->p, '\n', len - *pos);
	line->n = nl ? (size_t)(nl - line->p) : len - *pos;
	*pos += line->n + (nl ? 1 : 0);
	if (line->n && line->p[line->n - 1] == '\r')
		line->n--;
	return true;
}

/* "NN: (85) call ..." or "NN: R0=..." : a plain log's instruction or state line. */
static bool insn_line(struct view v, int *insn)
{
	size_t used;
	unsigned int n;

	v = ltrim(v);
	n = parse_uint(v, &used);
	if (!used || used >= v.n || v.p[used] != ':')
		return false;
	if (insn)
		*insn = n > INT_MAX ? INT_MAX : (int)n;
	return true;
}

/* "LOCATION" as "file:LINE[:COL]", from the right: file names may hold colons. */
static bool parse_location(struct view v, struct scx_vlog_src *src)
{
	unsigned int nums[2] = { 0, 0 };
	int count = 0;
	size_t used;

	v = trim(v);
	if (v.n && v.p[v.n - 1] == ':')		/* a location cut short */
		v.n--;
	while (count < 2) {
		long colon = rfind(v, ":");
		struct view num;

		if (colon < 0)
			break;
		num = skip(v, (size_t)colon + 1);
		nums[count] = parse_uint(num, &used);
		if (!used || used != num.n)
			break;
		count++;
		v.n = (size_t)colon;
	}
	if (!count || !v.n)
		return false;
	copy_view(src->file, sizeof(src->file), v);
	src->line = count == 2 ? nums[1] : nums[0];
	src->col = count == 2 ? nums[0] : 0;
	return true;
}

/* "; source text @ file.c:LINE" */
static bool annotation(struct view v, struct scx_vlog_src *src)
{
	struct scx_vlog_src s = { .line = 0 };
	long at;

	if (!v.n || v.p[0] != ';')
		return false;
	v = skip(v, 1);
	at = rfind(v, " @ ");
	if (at < 0 || !parse_location(skip(v, (size_t)at + 3), &s))
		return false;
	copy_view(s.text, sizeof(s.text), trim((struct view){ v.p, (size_t)at }));
	*src = s;
	return true;
}

/* The kfunc a message line names, by the words around it; the kind it implies. */
static enum scx_vlog_kind classify(struct view v, char *kfunc, size_t size)
{
	long k;

	if (find(v, "not allowed") >= 0 && (k = find(v, "kernel function ")) >= 0) {
		if (copy_ident(kfunc, size, skip(v, (size_t)k + strlen("kernel function "))))
			return SCX_VLOG_KFUNC_NOT_ALLOWED;
	}
	if ((k = find(v, "kfunc ")) >= 0 && find(v, "referenced") >= 0 &&
	    find(v, "resolved") >= 0) {
		struct view rest = ltrim(skip(v, (size_t)k + strlen("kfunc ")));

		if (rest.n && (*rest.p == '\'' || *rest.p == '"'))
			rest = skip(rest, 1);
		if (copy_ident(kfunc, size, rest))
			return SCX_VLOG_KFUNC_UNRESOLVED;
	}
	if (find(v, "sleepable") < 0)
		return SCX_VLOG_OTHER;
	if ((k = find(v, "sleepable kfunc ")) >= 0 &&
	    copy_ident(kfunc, size, skip(v, (size_t)k + strlen("sleepable kfunc "))))
		return SCX_VLOG_SLEEPABLE;
	if ((k = find(v, "kernel func ")) >= 0 &&
	    copy_ident(kfunc, size, skip(v, (size_t)k + strlen("kernel func "))))
		return SCX_VLOG_SLEEPABLE;
	return SCX_VLOG_OTHER;
}

/* Lines that are neither instructions nor the error: headers and statistics. */
static bool noise_line(struct view v)
{
	static const char *const prefixes[] = { "func#", "processed ", "verification time",
						"stack depth", "live regs", "from " };
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with(v, prefixes[i]))
			return true;
	return false;
}

enum section { SEC_NONE, SEC_REASON, SEC_AT, SEC_SOURCE, SEC_INSN, SEC_OTHER };

static enum section section_title(struct view raw)
{
	struct view v = trim(raw);

	if (!v.n || v.p[v.n - 1] != ':' || find(v, " | ") >= 0)
		return SEC_NONE;
	if (starts_with(v, "reason"))
		return SEC_REASON;
	if (v.n == 3 && starts_with(v, "at:"))
		return SEC_AT;
	if (find(v, "source") >= 0)
		return SEC_SOURCE;
	if (find(v, "instruction") >= 0)
		return SEC_INSN;
	/* an unknown title starts a section only at the left margin */
	return raw.n && !isspace((unsigned char)raw.p[0]) ? SEC_OTHER : SEC_NONE;
}

/* ">>> NN | text": the marked row of a context listing. */
static bool marked_row(struct view v, unsigned int *num, struct view *text)
{
	long k = find(v, ">>>"), bar;
	size_t used;

	if (k < 0)
		return false;
	v = ltrim(skip(v, (size_t)k + 3));
	*num = parse_uint(v, &used);
	if (!used)
		return false;
	bar = find(v, "|");
	if (bar < 0)
		return false;
	*text = trim(skip(v, (size_t)bar + 1));
	return true;
}

struct block_state {
	enum section sec;
	bool at_seen, src_seen, insn_seen;	/* later contexts belong to the causal path */
};

/* "func @ file:L:C", "file:L:C" or "insn N": the first line of the At section. */
static void block_at(struct scx_vlog *out, struct view v)
{
	struct scx_vlog_src s = { .line = 0 };
	size_t used;
	long at;

	if (starts_with(v, "insn ")) {
		unsigned int n = parse_uint(skip(v, 5), &used);

		if (used)
			out->insn = n > INT_MAX ? INT_MAX : (int)n;
		return;
	}
	at = rfind(v, " @ ");
	if (at >= 0) {
		copy_ident(out->func, sizeof(out->func), (struct view){ v.p, (size_t)at });
		v = skip(v, (size_t)at + 3);
	}
	if (parse_location(v, &s)) {
		memcpy(out->src.file, s.file, sizeof(s.file));
		out->src.line = s.line;
		out->src.col = s.col;
		out->src.text[0] = '\0';
	}
}

static void block_line(struct scx_vlog *out, struct block_state *st, struct view raw)
{
	enum section sec = section_title(raw);
	struct view v = trim(raw), text;
	unsigned int num;

	if (sec != SEC_NONE) {
		/* "Source context:" and friends live inside At: keep At's location */
		st->sec = sec;
		return;
	}
	if (!v.n)
		return;
	switch (st->sec) {
	case SEC_REASON:
		if (!out->reason[0])
			copy_view(out->reason, sizeof(out->reason), v);
		break;
	case SEC_AT:
		if (!st->at_seen) {
			st->at_seen = true;
			block_at(out, v);
		}
		break;
	case SEC_SOURCE:
		if (!st->src_seen && marked_row(v, &num, &text)) {
			st->src_seen = true;
			copy_view(out->src.text, sizeof(out->src.text), text);
			if (!out->src.line)
				out->src.line = num;
		}
		break;
	case SEC_INSN:
		if (!st->insn_seen && marked_row(v, &num, &text)) {
			st->insn_seen = true;
			out->insn = num > INT_MAX ? INT_MAX : (int)num;
		}
		break;
	default:
		break;
	}
}

/* Fill kind and kfunc from the block when the plain error line did not tell. */
static void block_classify(struct scx_vlog *out)
{
	struct view r = { out->reason, strlen(out->reason) };
	long k;

	if (out->kind != SCX_VLOG_OTHER && out->kind != SCX_VLOG_NONE)
		return;
	if ((k = find(r, "sleepable kfunc ")) >= 0 &&
	    copy_ident(out->kfunc, sizeof(out->kfunc), skip(r, (size_t)k + 16))) {
		out->kind = SCX_VLOG_SLEEPABLE;
		return;
	}
	if (find((struct view){ out->category, strlen(out->category) }, "policy") >= 0 &&
	    (k = find(r, "kfunc ")) >= 0 &&
	    copy_ident(out->kfunc, sizeof(out->kfunc), skip(r, (size_t)k + 6))) {
		out->kind = SCX_VLOG_KFUNC_NOT_ALLOWED;
		return;
	}
	if (out->kind == SCX_VLOG_NONE)
		out->kind = SCX_VLOG_OTHER;
}

/* What the plain part tracks while it is read. */
struct plain_state {
	int insn;			/* last instruction line */
	struct scx_vlog_src annot;	/* last annotation */
	bool run;			/* inside a run of message lines */
	size_t run_off;
	struct view run_first;
	int run_insn;
	struct scx_vlog_src run_annot;
	enum scx_vlog_kind kind;
	char kfunc[SCX_VLOG_NAME_LEN];
};

static void plain_line(struct scx_vlog *out, struct plain_state *ps, struct view raw, size_t off)
{
	struct view v = trim(raw);
	struct scx_vlog_src src;
	enum scx_vlog_kind kind;
	char name[SCX_VLOG_NAME_LEN];
	int insn;

	if (!v.n)
		return;
	if (insn_line(v, &insn)) {
		ps->insn = insn;
		ps->run = false;
		return;
	}
	if (annotation(v, &src)) {
		ps->annot = src;
		out->nr_annotations++;
		ps->run = false;
		return;
	}
	if (noise_line(v))
		return;
	if (!ps->run) {
		ps->run = true;
		ps->run_off = off;
		ps->run_first = v;
		ps->run_insn = ps->insn;
		ps->run_annot = ps->annot;
		ps->kind = SCX_VLOG_NONE;
		ps->kfunc[0] = '\0';
	}
	name[0] = '\0';
	kind = classify(v, name, sizeof(name));
	/* within the error's run of lines, a scoping verdict outranks other messages */
	if (kind != SCX_VLOG_OTHER) {
		ps->kind = kind;
		memcpy(ps->kfunc, name, sizeof(name));
	} else if (ps->kind == SCX_VLOG_NONE) {
		ps->kind = SCX_VLOG_OTHER;
	}
}

static void plain_finish(struct scx_vlog *out, struct plain_state *ps)
{
	if (!ps->run)
		return;
	out->kind = ps->kind;
	memcpy(out->kfunc, ps->kfunc, sizeof(out->kfunc));
	copy_view(out->error, sizeof(out->error), ps->run_first);
	out->error_off = ps->run_off;
	out->insn = ps->run_insn;
	out->src = ps->run_annot;
}

int scx_vlog_parse(const char *log, size_t len, struct scx_vlog *out)
{
	struct plain_state ps = { .insn = -1, .kind = SCX_VLOG_NONE };
	struct block_state bs = { .sec = SEC_NONE };
	size_t pos = 0, off;
	struct view line;
	long k;

	if (!log || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->insn = -1;
	out->block_off = len;
	while (off = pos, next_line(log, len, &pos, &line)) {
		if (!out->structured && (k = find(line, "verification failed")) >= 0 &&
		    k == (long)(ltrim(line).p - line.p)) {
			plain_finish(out, &ps);
			out->structured = true;
			out->block_off = off;
			line = skip(line, (size_t)k + strlen("verification failed"));
			if (line.n && *line.p == ':')
				line = skip(line, 1);
			copy_view(out->category, sizeof(out->category), trim(line));
			continue;
		}
		if (out->structured)
			block_line(out, &bs, line);
		else
			plain_line(out, &ps, line, off);
	}
	if (!out->structured)
		plain_finish(out, &ps);
	else
		block_classify(out);
	return 0;
}

const char *scx_vlog_kind_str(enum scx_vlog_kind kind)
{
	switch (kind) {
	case SCX_VLOG_NONE:			return "none";
	case SCX_VLOG_KFUNC_NOT_ALLOWED:	return "kfunc-not-allowed";
	case SCX_VLOG_SLEEPABLE:		return "sleepable";
	case SCX_VLOG_KFUNC_UNRESOLVED:		return "kfunc-unresolved";
	case SCX_VLOG_OTHER:			return "other";
	}
	return "?";
}

size_t scx_vlog_tail(const char *log, size_t len, unsigned int nlines)
{
	size_t i = len;

	if (!log)
		return 0;
	if (i && log[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (log[i - 1] == '\n' && nlines-- <= 1)
			return i;
		i--;
	}
	return 0;
}

/* The hexadecimal (0x...) or decimal number that follows offset K in V. */
static bool number_after(struct view v, long k, unsigned int *out)
{
	unsigned long long val = 0;
	size_t i;

	if (k < 0)
		return false;
	v = skip(v, (size_t)k);
	for (i = 0; i < v.n && !isdigit((unsigned char)v.p[i]); i++)
		;
	if (i == v.n)
		return false;
	if (i + 1 < v.n && v.p[i] == '0' && (v.p[i + 1] == 'x' || v.p[i + 1] == 'X')) {
		for (i += 2; i < v.n && isxdigit((unsigned char)v.p[i]) && val <= UINT_MAX; i++)
			val = val * 16 + (unsigned int)(isdigit((unsigned char)v.p[i]) ?
				v.p[i] - '0' : tolower((unsigned char)v.p[i]) - 'a' + 10);
	} else {
		for (; i < v.n && isdigit((unsigned char)v.p[i]) && val <= UINT_MAX; i++)
			val = val * 10 + (unsigned int)(v.p[i] - '0');
	}
	*out = val > UINT_MAX ? UINT_MAX : (unsigned int)val;
	return true;
}

int scx_eject_parse(const char *msg, size_t len, struct scx_eject *out)
{
	struct view v = { msg, msg ? strnlen(msg, len) : 0 };
	long k, a;

	if (!msg || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	k = find(v, "kfunc with mask");
	if (k >= 0 && (a = find(skip(v, (size_t)k), "allow")) >= 0 &&
	    number_after(v, k + 15, &out->kf_mask) &&
	    number_after(v, k + a + 5, &out->allowed)) {
		out->kind = SCX_EJECT_MASK;
		return 0;
	}
	if ((k = find(v, " kfunc called from a nested")) >= 0) {
		long start = k;

		while (start > 0 && is_ident(v.p[start - 1]))
			start--;
		copy_view(out->group, sizeof(out->group),
			  (struct view){ v.p + start, (size_t)(k - start) });
		out->kind = SCX_EJECT_NESTED;
		return 0;
	}
	if (find(v, "not being operated on") >= 0)
		out->kind = SCX_EJECT_TASK;
	else if (find(v, "sleepable kfunc called from non-sleepable") >= 0)
		out->kind = SCX_EJECT_SLEEPABLE;
	return 0;
}
