// SPDX-License-Identifier: GPL-2.0
/*
 * scopex new: start a scheduler from the template in templates/sched/.
 *
 * The template is real code, a working global FIFO scheduler named "tmpl": its files are
 * copied with every "tmpl" replaced by NAME and "TMPL" by NAME in upper case, into a
 * temporary directory beside scheds/NAME; NAME is added to the `scheds` list of
 * scheds/meson.build in a temporary copy; then both are renamed into place. A failure at
 * any step leaves the tree as it was.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include "scopex.h"

#define TEMPLATE_DIR	SCOPEX_SOURCE_ROOT "/templates/sched"
#define PLACEHOLDER	"tmpl"
#define PLACEHOLDER_UC	"TMPL"		/* and in upper case, for macros and enumerators */
#define NAME_MAX_LEN	32	/* leaves room in the kernel's 128-byte ops name and in BPF names */

/* Template files, named after the placeholder. */
static const char *const template_files[] = { "tmpl.bpf.c", "tmpl.c", "tmpl_vm.sh" };
#define NR_TEMPLATE_FILES (sizeof(template_files) / sizeof(template_files[0]))

/* Names the generated code cannot take: C keywords and what the userspace file defines. */
static const char *const reserved[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
	"else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
	"register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
	"switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
	"main", "opts", "option",
};

static const char usage_text[] =
"Usage: scopex new NAME [--dir DIR]\n"
"\n"
"Start a sched_ext scheduler from the template: create scheds/NAME/ in the scopex source\n"
"tree DIR with NAME.bpf.c (the BPF side), NAME.c (userspace) and NAME_vm.sh (its VM\n"
"test), and add NAME to the scheds list of DIR/scheds/meson.build. The result builds and\n"
"runs unchanged: a global FIFO scheduler to make your own.\n"
"\n"
"  NAME            a lower-case C identifier of at most 32 characters, new to the tree\n"
"  -d, --dir DIR   the scopex source tree (default: the current directory)\n"
"  -h, --help      show this help\n"
"\n"
"The template comes from " TEMPLATE_DIR "\n"
"(or $SCOPEX_TEMPLATE_DIR). Nothing is written unless everything is.\n"
"\n"
"Exit status: 0 on success, 2 on bad usage (invalid or existing NAME, DIR not a scopex\n"
"tree), 1 when writing failed.\n";

/* The files of a scheduler being created: written into tmp, then renamed to final. */
struct new_job {
	const char *name;
	char upper[NAME_MAX_LEN + 1];
	char tree[PATH_MAX];
	char final[PATH_MAX];		/* DIR/scheds/NAME */
	char tmp[PATH_MAX];		/* DIR/scheds/.new-NAME-XXXXXX */
	char meson[PATH_MAX];		/* DIR/scheds/meson.build */
	char meson_tmp[PATH_MAX];	/* DIR/scheds/.meson.build-XXXXXX */
	char *written[NR_TEMPLATE_FILES];
	bool tmp_made, meson_tmp_made;
	bool bad_input;			/* a failure the input caused: exit 2 */
};

static int validate_name(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len > NAME_MAX_LEN || !(islower(name[0]) || name[0] == '_')) {
		fprintf(stderr, "scopex new: invalid NAME '%s': a lower-case C identifier of 1 to %d "
			"characters starting with a letter or '_'\n", name, NAME_MAX_LEN);
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		if (!islower(name[i]) && !isdigit(name[i]) && name[i] != '_') {
			fprintf(stderr, "scopex new: invalid NAME '%s': '%c' is not a lower-case "
				"letter, digit or '_'\n", name, name[i]);
			return -EINVAL;
		}
	}
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		if (!strcmp(name, reserved[i])) {
			fprintf(stderr, "scopex new: invalid NAME '%s': reserved in C or by the "
				"template\n", name);
			return -EINVAL;
		}
	}
	return 0;
}

/* Read a whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	buf = malloc(n + 1);
	if (!buf)
		goto out;
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		errno = EIO;
		goto out;
	}
	buf[n] = '\0';
	*len = n;
out:
	fclose(f);
	return buf;
}

/* text with every PLACEHOLDER replaced by lower and PLACEHOLDER_UC by upper. */
static char *substitute(const char *text, const char *lower, const char *upper)
{
	size_t plen = strlen(PLACEHOLDER), nlen = strlen(lower), n = 0, cap;
	const char *p;
	char *out;

	cap = strlen(text) + 1;
	for (p = text; *p; p++)
		if (!strncasecmp(p, PLACEHOLDER, plen))
			cap += nlen;
	out = malloc(cap);
	if (!out)
		return NULL;
	for (p = text; *p;) {
		if (!strncmp(p, PLACEHOLDER, plen) || !strncmp(p, PLACEHOLDER_UC, plen)) {
			memcpy(out + n, *p == PLACEHOLDER[0] ? lower : upper, nlen);
			n += nlen;
			p += plen;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
	size_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	errno = 0;
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? -errno : -EIO;	/* a short write sets no errno */
	if (close(fd) && !err)
		err = -errno;
	return err;
}

/* Copy one template file into the temporary directory, renamed and substituted. */
static int generate_file(struct new_job *job, unsigned int i)
{
	const char *tdir = getenv("SCOPEX_TEMPLATE_DIR") ?: TEMPLATE_DIR;
	char src[PATH_MAX], dst[PATH_MAX];
	char *text, *dname, *out = NULL;
	struct stat st;
	size_t len;
	int err;

	snprintf(src, sizeof(src), "%s/%s", tdir, template_files[i]);
	text = read_file(src, &len);
	if (!text || stat(src, &st)) {
		err = -errno;
		fprintf(stderr, "scopex new: reading the template %s: %s\n", src, strerror(-err));
		free(text);
		return err;
	}
	dname = substitute(template_files[i], job->name, job->upper);
	if (dname)
		out = substitute(text, job->name, job->upper);
	free(text);
	if (!out) {
		free(dname);
		return -ENOMEM;
	}
	snprintf(dst, sizeof(dst), "%s/%s", job->tmp, dname);
	free(dname);
	err = write_file(dst, out, st.st_mode & 0777);
	free(out);
	if (err) {
		fprintf(stderr, "scopex new: writing %s: %s\n", dst, strerror(-err));
		return err;
	}
	job->written[i] = strdup(dst);
	return job->written[i] ? 0 : -ENOMEM;
}

/*
 * The `scheds = [...]` list of scheds/meson.build with 'NAME' appended, or NULL if the
 * list is missing (-ENOENT), already has NAME (-EEXIST) or memory ran out.
 */
static char *add_to_list(const char *text, const char *name, int *err)
{
	const char *start, *end, *last, *before, *after;
	char quoted[NAME_MAX_LEN + 3], *out;

	start = !strncmp(text, "scheds = [", 10) ? text : strstr(text, "\nscheds = [");
	end = start ? strchr(start, ']') : NULL;
	if (!end) {
		*err = -ENOENT;
		return NULL;
	}
	snprintf(quoted, sizeof(quoted), "'%s'", name);
	if (memmem(start, end - start, quoted, strlen(quoted))) {
		*err = -EEXIST;
		return NULL;
	}
	/* after the last item: "[" -> "['x'", "'a'" -> "'a', 'x'", "'a'," -> "'a', 'x'," */
	for (last = end - 1; isspace(*last); last--)
		;
	before = *last == '[' ? "" : *last == ',' ? " " : ", ";
	after = *last == ',' ? "," : "";
	if (asprintf(&out, "%.*s%s%s%s%s", (int)(last + 1 - text), text, before, quoted, after,
		     last + 1) < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = 0;
	return out;
}

/* Write the new scheds/meson.build beside the old one. */
static int prepare_meson(struct new_job *job)
{
	char *text, *out;
	size_t len;
	int fd, err;

	text = read_file(job->meson, &len);
	if (!text) {
		err = -errno;
		fprintf(stderr, "scopex new: reading %s: %s\n", job->meson, strerror(-err));
		return err;
	}
	out = add_to_list(text, job->name, &err);
	free(text);
	if (err == -ENOENT)
		fprintf(stderr, "scopex new: %s has no `scheds = [...]` list\n", job->meson);
	else if (err == -EEXIST)
		fprintf(stderr, "scopex new: '%s' is already in the scheds list of %s\n",
			job->name, job->meson);
	job->bad_input = err == -ENOENT || err == -EEXIST;
	if (err)
		return err;
	snprintf(job->meson_tmp, sizeof(job->meson_tmp), "%s/scheds/.meson.build-XXXXXX",
		 job->tree);
	fd = mkstemp(job->meson_tmp);
	if (fd < 0) {
		err = -errno;
		free(out);
		fprintf(stderr, "scopex new: creating a file in %s/scheds: %s\n", job->tree,
			strerror(-err));
		return err;
	}
	job->meson_tmp_made = true;
	len = strlen(out);
	err = write(fd, out, len) == (ssize_t)len ? 0 : -EIO;
	if (!err && fchmod(fd, 0644))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	free(out);
	if (err)
		fprintf(stderr, "scopex new: writing %s: %s\n", job->meson_tmp, strerror(-err));
	return err;
}

/* Remove whatever the job left in temporary places. */
static void cleanup(struct new_job *job)
{
	unsigned int i;

	for (i = 0; i < NR_TEMPLATE_FILES; i++) {
		if (job->written[i])
			unlink(job->written[i]);
		free(job->written[i]);
		job->written[i] = NULL;
	}
	if (job->tmp_made)
		rmdir(job->tmp);
	if (job->meson_tmp_made)
		unlink(job->meson_tmp);
}

/* Both renames or neither. */
static int commit(struct new_job *job)
{
	int err;

	if (renameat2(AT_FDCWD, job->tmp, AT_FDCWD, job->final, RENAME_NOREPLACE)) {
		err = -errno;
		fprintf(stderr, "scopex new: creating %s: %s\n", job->final, strerror(-err));
		return err;
	}
	if (rename(job->meson_tmp, job->meson)) {
		err = -errno;
		fprintf(stderr, "scopex new: replacing %s: %s\n", job->meson, strerror(-err));
		if (rename(job->final, job->tmp))
			fprintf(stderr, "scopex new: and could not move %s back: remove it\n",
				job->final);
		return err;
	}
	job->tmp_made = job->meson_tmp_made = false;
	return 0;
}

static int create(struct new_job *job)
{
	unsigned int i;
	mode_t um;
	int err;

	snprintf(job->tmp, sizeof(job->tmp), "%s/scheds/.new-%s-XXXXXX", job->tree, job->name);
	if (!mkdtemp(job->tmp)) {
		err = -errno;
		fprintf(stderr, "scopex new: creating a directory in %s/scheds: %s\n", job->tree,
			strerror(-err));
		return err;
	}
	job->tmp_made = true;
	/* mkdtemp() made it 0700: give it the mode mkdir() would have */
	um = umask(0);
	umask(um);
	if (chmod(job->tmp, 0777 & ~um)) {
		err = -errno;
		fprintf(stderr, "scopex new: chmod %s: %s\n", job->tmp, strerror(-err));
		return err;
	}
	for (i = 0; i < NR_TEMPLATE_FILES; i++) {
		err = generate_file(job, i);
		if (err)
			return err;
	}
	err = prepare_meson(job);
	if (err)
		return err;
	err = commit(job);
	if (err)
		return err;
	for (i = 0; i < NR_TEMPLATE_FILES; i++) {
		free(job->written[i]);
		job->written[i] = NULL;
	}
	return 0;
}

static void print_next_steps(const struct new_job *job)
{
	const char *n = job->name;

	printf("scopex new: created scheds/%s/ in %s\n"
	       "  %s.bpf.c   BPF side: the policy, a global FIFO to start from\n"
	       "  %s.c       userspace: options, load and attach, stats once a second\n"
	       "  %s_vm.sh   VM test: 20 s under stress-ng (meson test %s-vm-KERNEL)\n"
	       "and added '%s' to the scheds list of scheds/meson.build.\n\n"
	       "Edit first: %s_enqueue() and %s_dispatch() in scheds/%s/%s.bpf.c:\n"
	       "where a task waits and what a CPU runs next. Then build and test:\n"
	       "  ninja -C BUILDDIR && meson test -C BUILDDIR %s-vm-7.3.4\n",
	       n, job->tree, n, n, n, n, n, n, n, n, n, n);
}

static int parse_args(int argc, char **argv, const char **name, const char **dir)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt;

	*dir = ".";
	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			*dir = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fputs(usage_text, stderr);
			return -EINVAL;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "scopex new: expected one NAME\n\n%s", usage_text);
		return -EINVAL;
	}
	*name = argv[optind];
	return 0;
}

/* Resolve DIR and check it is a scopex tree without scheds/NAME. */
static int locate(struct new_job *job, const char *dir)
{
	struct stat st;

	if (!realpath(dir, job->tree)) {
		fprintf(stderr, "scopex new: %s: %s\n", dir, strerror(errno));
		return -ENOENT;
	}
	snprintf(job->meson, sizeof(job->meson), "%s/scheds/meson.build", job->tree);
	if (access(job->meson, R_OK)) {
		fprintf(stderr, "scopex new: %s is not a scopex source tree (no scheds/meson.build)\n",
			job->tree);
		return -ENOENT;
	}
	snprintf(job->final, sizeof(job->final), "%s/scheds/%s", job->tree, job->name);
	if (!lstat(job->final, &st)) {
		fprintf(stderr, "scopex new: %s already exists\n", job->final);
		return -EEXIST;
	}
	return 0;
}

int cmd_new(int argc, char **argv)
{
	struct new_job job = {};
	const char *dir;
	size_t i;
	int err;

	err = parse_args(argc, argv, &job.name, &dir);
	if (err)
		return err > 0 ? 0 : EXIT_USAGE;
	if (validate_name(job.name) || locate(&job, dir))
		return EXIT_USAGE;
	for (i = 0; job.name[i]; i++)
		job.upper[i] = (char)toupper(job.name[i]);

	err = create(&job);
	cleanup(&job);
	if (err)
		return job.bad_input ? EXIT_USAGE : 1;
	print_next_steps(&job);
	return 0;
}
