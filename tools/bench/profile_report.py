#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where hackbench's time goes under each scheduler (tools/bench/profile.sh).

Reads, from DIR, times.txt ("TIME cfg=NAME hackbench=SECONDS setup=SECONDS" lines:
hackbench without the profiler, and the same with one loop) and NAME.script.gz (`perf
script -F comm,time,ip,sym` of a `perf record -g -a -e cpu-clock` of the same hackbench),
and prints a markdown table. For each configuration: the messaging time, hackbench's time
less its one-loop time (forking the tasks, starting them, reaping them); the non-idle
samples of the profile's messaging window (from the first sample in a socket read or
write to the last) split by what their call chain was doing; and those shares of the
messaging time. perf's own samples are left out of the shares (the unprofiled run has no
perf, and perf slows forks down most); its column is its share of the window's non-idle
samples.

A sample's class is the first of these that matches (a sample in the page allocator under
a fork is process setup, not allocator churn; one in try_to_wake_up under a socket write
is scheduling):
  profiler   the sample's task is perf itself;
  process    process creation, exit and page faults (the first tasks to finish exit
             while others still send, and tasks fault in copy-on-write pages);
  scheduling a frame of the scheduler: schedule, wakeups, the tick, IPIs, sched_ext, BPF;
  allocator  the slab and page allocators' slow paths (new slabs, page allocation and
             zeroing, flushing and refilling per-CPU object caches): how often these run
             depends on where tasks run and how many messages wait unread;
  syscalls   the rest: the socket reads and writes themselves, and the allocators' fast
             paths.
Idle samples (the CPU halted) are left out.

With --leaves N, a table per configuration follows: the N commonest leaf functions of
those non-idle samples (perf's left out), each with its caller, and their share. It shows
what the classes are made of, for instance how much of the socket work is zeroing each
message's buffer at allocation (__pi_memset under __alloc_skb's kmalloc), or whether CPUs
spin on a lock (a *_slowpath leaf).
Usage: profile_report.py [--leaves N] DIR
Exit status: 0, 1 when DIR has no usable data, 2 on bad usage.
"""
import collections
import gzip
import os
import re
import sys

IDLE = re.compile(r'(pv_native_safe_halt|default_idle|native_safe_halt|acpi_idle|intel_idle|'
                  r'poll_idle|mwait_idle)')
PROCESS = re.compile(r'(copy_process|kernel_clone|do_exit|do_group_exit|exit_mmap|mmput|'
                     r'handle_mm_fault|do_wp_page|do_anonymous_page|do_fault|'
                     r'exc_page_fault|begin_new_exec|do_execveat|release_task|wait4|'
                     r'kernel_wait4|do_wait)\b')
SCHED = re.compile(r'(__schedule|schedule|schedule_idle|schedule_timeout|preempt_schedule\w*|'
                   r'try_to_wake_up|wake_up_new_task|sched_tick|update_process_times|'
                   r'tick_\w+|hrtimer_interrupt|__sysvec_\w+|sysvec_\w+|'
                   r'generic_smp_call_function\w*|flush_smp_call_function\w*|'
                   r'sched_ttwu_pending|ttwu_\w+|irq_work_\w+|scx_\w+|__scx_\w+|'
                   r'bpf_prog_\w+|enqueue_task\w*|dequeue_task\w*|pick_next_task\w*|'
                   r'sched_balance\w*|select_task_rq\w*|set_next_task\w*|put_prev_task\w*|'
                   r'finish_task_switch[\w.]*|do_idle)$')
ALLOC = re.compile(r'(allocate_slab|new_slab|alloc_from_new_slab|___slab_alloc|__slab_free|'
                   r'build_detached_freelist|__kmem_cache_free_bulk[\w.]*|__refill_objects\w*|'
                   r'refill_objects|discard_slab|__free_slab|free_slab|__pcs_replace\w*|'
                   r'barn_\w+|sheaf_flush\w*|__sheaf\w*|__alloc_pages\w*|'
                   r'__alloc_frozen_pages\w*|get_page_from_freelist|__free_pages\w*|'
                   r'free_frozen\w*|__free_frozen\w*|free_unref\w*|clear_highpages?\w*)$')
CLASSES = ('syscalls', 'allocator', 'scheduling', 'process', 'profiler')


def die(msg, code=1):
    print(f'profile_report: {msg}', file=sys.stderr)
    sys.exit(code)


HEADER = re.compile(r'^\s*(\S.*?)\s+(\d+\.\d+):\s*$')
SOCKET = re.compile(r'(unix_stream_sendmsg|unix_stream_read_generic|pipe_write|pipe_read)$')


def samples(path):
    """(comm, time, [symbol, ...] leaf first) for each sample of a perf script text.
    Lines that are neither a header nor a frame are skipped."""
    head, frames = None, []
    with gzip.open(path, 'rt', errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                if head:
                    yield head[0], head[1], frames
                head, frames = None, []
            elif line[0] in ' \t':
                parts = line.split(None, 1)
                frames.append(parts[1].strip() if len(parts) > 1 else '[unknown]')
            else:
                m = HEADER.match(line)
                head, frames = (m.group(1), float(m.group(2))) if m else None, []
    if head:
        yield head[0], head[1], frames


def classify(comm, frames):
    if not frames or IDLE.match(frames[0]):
        return 'idle'
    if comm in ('perf', 'perf-exec'):
        return 'profiler'
    for pattern, name in ((PROCESS, 'process'), (SCHED, 'scheduling'), (ALLOC, 'allocator')):
        if any(pattern.match(x) for x in frames):
            return name
    return 'syscalls'


def tally(path):
    """Samples per class within the messaging window (see the top comment), and per
    'leaf < caller' pair of those that are neither idle nor perf's: one pass over the
    profile for both tables."""
    try:
        s = sorted(samples(path), key=lambda x: x[1])
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        die(f'{path}: {e}')
    msg = [t for _, t, frames in s if any(SOCKET.match(x) for x in frames)]
    if not msg:
        die(f'{path}: no sample in a socket read or write')
    counts = dict.fromkeys(CLASSES + ('idle',), 0)
    pairs = collections.Counter()
    for comm, t, frames in s:
        if not msg[0] <= t <= msg[-1]:
            continue
        c = classify(comm, frames)
        counts[c] += 1
        if c not in ('idle', 'profiler'):
            pairs[' < '.join(frames[:2])] += 1
    return counts, pairs


def read_times(path):
    times = []
    try:
        with open(path) as f:
            for line in f:
                m = re.match(r'TIME cfg=([a-z0-9_-]+) hackbench=([0-9.]+) setup=([0-9.]+)\s*$',
                             line)
                if m:
                    times.append((m.group(1), float(m.group(2)), float(m.group(3))))
    except OSError as e:
        die(f'{path}: {e}')
    return times


def report(d, n):
    """The class table, then with n > 0 each configuration's n commonest leaves."""
    times = read_times(os.path.join(d, 'times.txt'))
    if not times:
        die(f'{d}/times.txt has no TIME lines')
    print('| config | hackbench s | one loop s | messaging ms | ' +
          ' | '.join(f'{c}: ms (share)' for c in CLASSES if c != 'profiler') +
          ' | profiler: share of all | samples |')
    print('| --- ' * (len(CLASSES) + 5) + '|')
    tops = []
    for name, total, setup in times:
        t = total - setup
        if t <= 0:
            die(f'{name}: the one-loop run ({setup} s) took as long as the full one ({total} s)')
        counts, pairs = tally(os.path.join(d, f'{name}.script.gz'))
        work = sum(counts[c] for c in CLASSES if c != 'profiler')
        if work == 0:
            die(f'{d}/{name}.script.gz has no non-idle samples')
        cells = [f'{counts[c] / work * t * 1000:.0f} ({counts[c] / work:.1%})'
                 for c in CLASSES if c != 'profiler']
        cells.append(f"{counts['profiler'] / (work + counts['profiler']):.1%}")
        print(f'| {name} | {total:.3f} | {setup:.3f} | {t * 1000:.0f} | ' + ' | '.join(cells) +
              f' | {work} |')
        tops.append((name, pairs.most_common(n), work))
    for name, top, work in tops if n else ():
        print(f'\n{name}: the {n} commonest leaf functions of {work} non-idle samples\n')
        print('| leaf < caller | samples | share |')
        print('| --- | --- | --- |')
        for pair, k in top:
            print(f'| {pair} | {k} | {k / work:.1%} |')


def main(argv):
    usage = 'Usage: profile_report.py [--leaves N] DIR'
    if len(argv) == 2 and argv[1] in ('-h', '--help'):
        print(__doc__.strip())
        return 0
    n = 0
    if len(argv) == 4 and argv[1] == '--leaves':
        if not re.fullmatch(r'[1-9][0-9]{0,3}', argv[2]):
            print(f"profile_report: --leaves wants a count from 1 to 9999, not '{argv[2]}'",
                  file=sys.stderr)
            return 2
        n = int(argv[2])
        argv = argv[:1] + argv[3:]
    if len(argv) != 2 or argv[1].startswith('-'):
        print(usage, file=sys.stderr)
        return 2
    if not os.path.isdir(argv[1]):
        die(f"'{argv[1]}' is not a directory", 2)
    report(argv[1], n)
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        # a reader that stopped early (| head): not an error of ours
        os._exit(0)
