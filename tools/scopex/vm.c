// SPDX-License-Identifier: GPL-2.0
/*
 * scopex vm: boot a cached Debian sched_ext kernel under QEMU (TCG) and run one command.
 *
 * The guest's root file system is the host's, shared through virtio-fs and mounted
 * read-only, so every host tool is there at its usual path; the build tree, the current
 * directory and the run directory are bind-mounted read-write; /tmp is the guest's own.
 * The command's output comes back on ttyS0 and is streamed; the kernel log goes to ttyS1,
 * a file in the run directory. The guest writes the command's exit status into the run
 * directory before powering off.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "scopex.h"
#include "vm.h"

#define READY_MARK	VM_READY_WORD "\n"
#define EXIT_TIMEOUT	124	/* like timeout(1) */
#define EXIT_NO_STATUS	125	/* the guest died before reporting */
#define BOOT_ATTEMPTS	3	/* a guest that dies before its init runs is booted again */
#define BOOT_TIMEOUT_S	180	/* ... and so is one that has not reached it by then */

struct vm_opts {
	const char *kernel;
	int cpus;
	int mem_mb;
	int timeout_s;
	int icount;		/* -icount shift, or -1: guest time is host time */
	bool mttcg;		/* one TCG thread per vCPU */
	bool keep;
	char **cmd;
};

struct vm_run {
	char dir[PATH_MAX];
	pid_t vfsd, qemu;
	double t_start;
	bool ready;		/* the guest's init has started the command */
};

static volatile sig_atomic_t interrupted;

static const char usage_text[] =
"Usage: scopex vm [--kernel VERSION] [--cpus N] [--mem MIB] [--timeout SECONDS]\n"
"                 [--icount SHIFT | --mttcg] [--keep] -- COMMAND [ARGS...]\n"
"\n"
"Boot a Debian sched_ext kernel from the cache under QEMU (software emulation, by default\n"
"one host thread for all virtual CPUs) and run COMMAND as root in it, with the host's\n"
"file system read-only and the build tree, the current directory and the run directory\n"
"writable.\n"
"/tmp is the guest's own tmpfs, so guests booted side by side share no scratch files\n"
"(unless the current directory is /tmp itself).\n"
"The guest kernel boots with transparent_hugepage=never and a 300 s RCU stall timeout\n"
"(emulated, a long huge-page copy stalled RCU, and sched_ext ejects on an RCU stall).\n"
"COMMAND's output is streamed.\n"
"\n"
"  -k, --kernel VERSION  kernel to boot (default 7.3.4): one of the scope table's, or\n"
"                        another Debian release of their series fetched with\n"
"                        tools/bootstrap.sh --kernels VERSION (e.g. 7.1.3)\n"
"  -c, --cpus N          virtual CPUs (default 2)\n"
"  -m, --mem MIB         guest memory (default 2048)\n"
"  -t, --timeout SECONDS kill the guest after SECONDS (default 600)\n"
"      --icount SHIFT    guest time counts instructions, 2^SHIFT ns each (QEMU -icount):\n"
"                        the host's load no longer enters the guest's timings, and idle\n"
"                        time is skipped (default off)\n"
"      --mttcg           one host thread per virtual CPU (QEMU thread=multi): the vCPUs\n"
"                        run in parallel, for benchmarks; a guest may then oops on the\n"
"                        kernel's own code patching (docs/reliability.md), so tests do\n"
"                        not use it; not with --icount\n"
"      --keep            keep the run directory (kernel log) even on success\n"
"\n"
"Exit status: COMMAND's, 124 when the guest timed out, 125 when it died without\n"
"reporting one (the kernel log path is printed), 2 on bad usage or a missing kernel.\n";

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
	interrupted = sig;
}

static int parse_int(const char *arg, const char *what, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v < min || v > max) {
		fprintf(stderr, "scopex vm: invalid %s '%s' (%d..%d)\n", what, arg, min, max);
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct vm_opts *o)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "mem", required_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 't' },
		{ "keep", no_argument, NULL, 'K' },
		{ "icount", required_argument, NULL, 'I' },
		{ "mttcg", no_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	*o = (struct vm_opts){ .kernel = "7.3.4", .cpus = 2, .mem_mb = 2048, .timeout_s = 600,
			    .icount = -1 };
	while ((c = getopt_long(argc, argv, "+k:c:m:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o->kernel = optarg; break;
		case 'c': if (parse_int(optarg, "CPU count", 1, 64, &o->cpus)) return -1; break;
		case 'm': if (parse_int(optarg, "memory", 256, 65536, &o->mem_mb)) return -1; break;
		case 't': if (parse_int(optarg, "timeout", 1, 86400, &o->timeout_s)) return -1; break;
		case 'K': o->keep = true; break;
		case 'I': if (parse_int(optarg, "icount shift", 0, 10, &o->icount)) return -1;
			  break;
		case 'M': o->mttcg = true; break;
		case 'h': fputs(usage_text, stdout); exit(0);
		default: fputs(usage_text, stderr); return -1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "scopex vm: no command given (usage: scopex vm [OPTIONS] -- COMMAND)\n");
		return -1;
	}
	if (o->mttcg && o->icount >= 0) {
		fprintf(stderr, "scopex vm: --mttcg and --icount exclude each other (QEMU's "
			"icount needs one TCG thread)\n");
		return -1;
	}
	o->cmd = argv + optind;
	return 0;
}

static pid_t spawn(char *const argv[], int in_fd, int out_fd, int err_fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		dup2(in_fd, 0);
		dup2(out_fd, 1);
		dup2(err_fd, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "scopex vm: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

static int start_virtiofsd(struct vm_run *r)
{
	char bin[PATH_MAX], sock[PATH_MAX + 32], log[PATH_MAX + 32];
	char *argv[] = { bin, sock, "--shared-dir=/", "--sandbox=none", "--cache=auto",
			 "--log-level=error", NULL };
	struct stat st;
	int fd, i;

	snprintf(bin, sizeof(bin), "%s/virtiofsd/virtiofsd", scopex_cache_dir());
	if (access(bin, X_OK)) {
		fprintf(stderr, "scopex vm: virtiofsd is missing (%s): run tools/bootstrap.sh\n", bin);
		return -ENOENT;
	}
	snprintf(sock, sizeof(sock), "--socket-path=%s/vfs.sock", r->dir);
	snprintf(log, sizeof(log), "%s/virtiofsd.log", r->dir);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	r->vfsd = spawn(argv, open("/dev/null", O_RDONLY | O_CLOEXEC), fd, fd);
	close(fd);
	/* The socket appears once virtiofsd listens: poll for it rather than sleep. */
	snprintf(sock, sizeof(sock), "%s/vfs.sock", r->dir);
	for (i = 0; i < 200; i++) {
		if (!stat(sock, &st))
			return 0;
		if (waitpid(r->vfsd, NULL, WNOHANG) == r->vfsd) {
			r->vfsd = 0;
			break;
		}
		usleep(50 * 1000);
	}
	fprintf(stderr, "scopex vm: virtiofsd did not start; see %s\n", log);
	return -EIO;
}

static pid_t start_qemu(struct vm_run *r, const struct vm_opts *o, const char *kernel, int *out)
{
	char smp[16], mem[16], memobj[64], chr[PATH_MAX + 64], klog[PATH_MAX + 16];
	char append[PATH_MAX + 256], icount[48];
	char *argv[64];
	int n = 0, pfd[2];
	pid_t pid;

	snprintf(smp, sizeof(smp), "%d", o->cpus);
	snprintf(mem, sizeof(mem), "%dM", o->mem_mb);
	snprintf(memobj, sizeof(memobj), "memory-backend-memfd,id=mem,size=%dM,share=on",
		 o->mem_mb);
	snprintf(chr, sizeof(chr), "socket,id=vfs,path=%s/vfs.sock", r->dir);
	snprintf(klog, sizeof(klog), "file:%s/console.log", r->dir);
	/*
	 * Emulated and under load, khugepaged (nice 19) preempted while it copied a huge
	 * page inside an RCU read-side section stalled RCU past the 21 s warning, even
	 * under the fair class alone, and sched_ext ejects any scheduler on an RCU stall.
	 * So no huge-page collapsing, and warnings only after 300 s (the maximum);
	 * sched_ext's own watchdog still ejects a scheduler that leaves a task waiting.
	 */
	snprintf(append, sizeof(append), "console=ttyS1 loglevel=4 panic=-1 "
		 "transparent_hugepage=never rcupdate.rcu_cpu_stall_timeout=300 "
		 "rootfstype=virtiofs root=rootfs rw init=%s/init", r->dir);
	argv[n++] = "qemu-system-x86_64";
	argv[n++] = "-nodefaults"; argv[n++] = "-display"; argv[n++] = "none";
	argv[n++] = "-no-reboot";
	/*
	 * One TCG thread for all vCPUs unless --mttcg. With one per vCPU (thread=multi) a
	 * vCPU could run code another had just rewritten: the kernel's jump-label patching
	 * on scheduler attach and detach then oopsed on a stale int3 (in scx_tick(),
	 * __schedule()), in about one run in ten of the tests that attach schedulers.
	 * icount needs one thread too; sleep=off lets an idle guest skip ahead.
	 */
	argv[n++] = "-accel";
	argv[n++] = o->mttcg ? "tcg,thread=multi" : "tcg,thread=single";
	if (o->icount >= 0) {
		snprintf(icount, sizeof(icount), "shift=%d,sleep=off", o->icount);
		argv[n++] = "-icount"; argv[n++] = icount;
	}
	argv[n++] = "-cpu"; argv[n++] = "max";
	argv[n++] = "-smp"; argv[n++] = smp;
	argv[n++] = "-m"; argv[n++] = mem;
	if (!access("/usr/share/qemu/qboot.rom", R_OK)) {
		argv[n++] = "-bios"; argv[n++] = "/usr/share/qemu/qboot.rom";
	}
	argv[n++] = "-object"; argv[n++] = memobj;
	argv[n++] = "-numa"; argv[n++] = "node,memdev=mem";
	argv[n++] = "-chardev"; argv[n++] = chr;
	argv[n++] = "-device"; argv[n++] = "vhost-user-fs-pci,queue-size=1024,chardev=vfs,tag=rootfs";
	argv[n++] = "-chardev"; argv[n++] = "stdio,id=out,signal=off";
	argv[n++] = "-serial"; argv[n++] = "chardev:out";
	argv[n++] = "-serial"; argv[n++] = klog;
	argv[n++] = "-kernel"; argv[n++] = (char *)kernel;
	argv[n++] = "-append"; argv[n++] = append;
	argv[n] = NULL;

	if (pipe2(pfd, O_CLOEXEC))
		return -1;
	pid = spawn(argv, open("/dev/null", O_RDONLY | O_CLOEXEC), pfd[1], 2);
	close(pfd[1]);
	*out = pfd[0];
	return pid;
}

/* Keep the last cap - 1 bytes of PRE followed by BUF in PRE; returns the new length. */
static size_t keep_tail(char *pre, size_t len, size_t cap, const char *buf, size_t n)
{
	if (len + n > cap - 1) {
		size_t drop = len + n - (cap - 1);

		memmove(pre, pre + drop, len - drop);
		len -= drop;
	}
	memcpy(pre + len, buf, n);
	return len + n;
}

/*
 * Stream the guest's ttyS0 to stdout from the ready mark on (what comes before is
 * firmware noise). Returns 0 when the guest closed it, EXIT_TIMEOUT, -EINTR, or
 * -ETIMEDOUT when the guest has not started the command within BOOT_TIMEOUT_S.
 */
static int stream(struct vm_run *r, const struct vm_opts *o, int fd)
{
	double deadline = r->t_start + o->timeout_s;
	double boot_deadline = r->t_start + BOOT_TIMEOUT_S;
	char buf[4096], pre[2 * sizeof(buf)];
	size_t pre_len = 0;
	bool ready = false;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		const char *mark;
		ssize_t n;

		if (interrupted)
			return -EINTR;
		if (now_s() > deadline)
			return EXIT_TIMEOUT;
		if (!ready && now_s() > boot_deadline && boot_deadline < deadline)
			return -ETIMEDOUT;
		if (poll(&p, 1, 200) <= 0)
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			return 0;
		if (ready) {
			fwrite(buf, 1, (size_t)n, stdout);
			fflush(stdout);
			continue;
		}
		pre_len = keep_tail(pre, pre_len, sizeof(pre), buf, (size_t)n);
		mark = memmem(pre, pre_len, READY_MARK, strlen(READY_MARK));
		if (!mark)
			continue;
		ready = r->ready = true;
		fprintf(stderr, "scopex vm: %s booted, command started after %.1f s\n", o->kernel,
			now_s() - r->t_start);
		mark += strlen(READY_MARK);
		fwrite(mark, 1, (size_t)(pre + pre_len - mark), stdout);
		fflush(stdout);
	}
}

static void stop(pid_t *pid, int sig)
{
	if (*pid <= 0)
		return;
	kill(*pid, sig);
	waitpid(*pid, NULL, 0);
	*pid = 0;
}

static int read_status(const struct vm_run *r)
{
	char path[PATH_MAX + 16];
	FILE *f;
	int st;

	snprintf(path, sizeof(path), "%s/status", r->dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &st) != 1)
		st = -1;
	fclose(f);
	return st;
}

static void remove_run_dir(const struct vm_run *r)
{
	static const char *const files[] = { "init", "status", "console.log", "virtiofsd.log",
					     "vfs.sock", "vfs.sock.pid", "console.log.1",
					     "console.log.2", NULL };
	char path[PATH_MAX + 32];
	int i;

	for (i = 0; files[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", r->dir, files[i]);
		unlink(path);
	}
	rmdir(r->dir);
}

static int make_run_dir(struct vm_run *r)
{
	char parent[PATH_MAX];

	snprintf(parent, sizeof(parent), "%s/vm-runs", scopex_cache_dir());
	if (mkdir(parent, 0755) && errno != EEXIST) {
		fprintf(stderr, "scopex vm: cannot create %s: %s\n", parent, strerror(errno));
		return -errno;
	}
	snprintf(r->dir, sizeof(r->dir), "%s/run-XXXXXX", parent);
	if (!mkdtemp(r->dir)) {
		fprintf(stderr, "scopex vm: cannot create a run directory in %s: %s\n", parent,
			strerror(errno));
		return -errno;
	}
	return 0;
}

static int run_guest(struct vm_run *r, const struct vm_opts *o, const char *kernel)
{
	int out, ret, st;

	if (start_virtiofsd(r))
		return EXIT_NO_STATUS;
	r->qemu = start_qemu(r, o, kernel, &out);
	if (r->qemu < 0) {
		fprintf(stderr, "scopex vm: cannot start qemu: %s\n", strerror(errno));
		return EXIT_NO_STATUS;
	}
	ret = stream(r, o, out);
	close(out);
	if (ret == -ETIMEDOUT) {
		stop(&r->qemu, SIGKILL);
		return -EAGAIN;
	}
	if (ret == EXIT_TIMEOUT || ret == -EINTR) {
		stop(&r->qemu, SIGKILL);
		if (ret == EXIT_TIMEOUT)
			fprintf(stderr, "scopex vm: guest timed out after %d s and was killed\n",
				o->timeout_s);
		return ret == -EINTR ? 128 + interrupted : EXIT_TIMEOUT;
	}
	waitpid(r->qemu, &st, 0);
	r->qemu = 0;
	ret = read_status(r);
	if (ret < 0 && !r->ready)
		return -EAGAIN;
	if (ret < 0) {
		fprintf(stderr, "scopex vm: the guest stopped without reporting a status "
			"(qemu %s %d)\n", WIFEXITED(st) ? "exit" : "signal",
			WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		return EXIT_NO_STATUS;
	}
	return ret;
}

/*
 * Under heavy host load an emulated kernel can die or hang in early boot (a timer check
 * panic was seen with nine guests on two cores): that says nothing about the command, so
 * such a boot is retried, keeping each failed attempt's kernel log.
 */
static int boot_and_run(struct vm_run *r, const struct vm_opts *o, const char *kernel)
{
	char from[PATH_MAX + 32], to[PATH_MAX + 32];
	int attempt, ret = EXIT_NO_STATUS;

	for (attempt = 1; attempt <= BOOT_ATTEMPTS; attempt++) {
		r->ready = false;
		r->t_start = now_s();
		ret = run_guest(r, o, kernel);
		stop(&r->qemu, SIGKILL);
		stop(&r->vfsd, SIGTERM);
		if (ret != -EAGAIN)
			return ret;
		if (attempt == BOOT_ATTEMPTS)
			break;
		snprintf(from, sizeof(from), "%s/console.log", r->dir);
		snprintf(to, sizeof(to), "%s/console.log.%d", r->dir, attempt);
		rename(from, to);
		snprintf(from, sizeof(from), "%s/vfs.sock", r->dir);
		unlink(from);
		fprintf(stderr, "scopex vm: the guest died or hung before running the command "
			"(boot %d of %d; kernel log kept at %s): booting again\n", attempt,
			BOOT_ATTEMPTS, to);
	}
	fprintf(stderr, "scopex vm: the guest did not boot in %d attempts\n", BOOT_ATTEMPTS);
	return EXIT_NO_STATUS;
}

int cmd_vm(int argc, char **argv)
{
	struct vm_run r = { 0 };
	struct vm_opts o;
	char kernel[PATH_MAX];
	int ret;

	if (parse_opts(argc, argv, &o))
		return EXIT_USAGE;
	if (!scopex_kernel_known(o.kernel))
		return EXIT_USAGE;
	snprintf(kernel, sizeof(kernel), "%s/kernels/%s/vmlinuz", scopex_cache_dir(), o.kernel);
	if (access(kernel, R_OK)) {
		fprintf(stderr, "scopex vm: kernel %s is not downloaded (%s missing): "
			"run tools/bootstrap.sh --kernels %s\n", o.kernel, kernel, o.kernel);
		return EXIT_USAGE;
	}
	if (make_run_dir(&r))
		return EXIT_USAGE;
	ret = vm_write_init(r.dir, o.cmd);
	if (ret) {
		/* e.g. a full cache file system: say why, and leave no half-written run dir */
		fprintf(stderr, "scopex vm: cannot write the guest's init in %s: %s\n", r.dir,
			strerror(-ret));
		remove_run_dir(&r);
		return EXIT_USAGE;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	fprintf(stderr, "scopex vm: booting %s (%d CPUs, %d MiB, timeout %d s%s)\n", o.kernel,
		o.cpus, o.mem_mb, o.timeout_s,
		o.icount >= 0 ? ", icount" : o.mttcg ? ", a host thread per CPU" : "");
	ret = boot_and_run(&r, &o, kernel);
	if (ret != 0 || o.keep)
		fprintf(stderr, "scopex vm: exit status %d; kernel log kept at %s/console.log\n",
			ret, r.dir);
	else
		remove_run_dir(&r);
	return ret;
}
