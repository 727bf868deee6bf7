#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The report of `scopex bench`: reads OUT/raw/ (insns.txt, model.txt, KERNEL.log from
bench_guest.sh) and writes OUT/results.json, OUT/report.md and OUT/*.png (gnuplot).

    bench_report.py OUT smoke|full REPS ELAPSED_S [ICOUNT_SHIFT|off]
"""
import json
import os
import re
import statistics
import subprocess
import sys

METRICS = [  # key, label, unit, better
    ("hackbench_s", "hackbench time", "s", "lower"),
    ("switch_ops", "stress-ng switch", "bogo-ops/s", "higher"),
    ("ct_p99_us", "cyclictest p99 wakeup latency", "us", "lower"),
    ("ct_max_us", "cyclictest max wakeup latency", "us", "lower"),
]
MODES = ["plain", "static", "runtime"]


def kv(text):
    return dict(f.split("=", 1) for f in text.split() if "=" in f)


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def summary(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def parse_insns(path):
    out = {}
    for line in open(path):
        m = re.match(r"INSNS (.*) (prog (\S+)|total) (.*)", line.strip())
        if not m:
            continue
        k = kv(m.group(1))
        prog = m.group(3) or "total"
        out.setdefault(k["sched"], {}).setdefault(k["mode"], {})[prog] = int(kv(m.group(4))["insns"])
    return out


def parse_model(path):
    ir = {}
    for line in open(path):
        if line.startswith("MODEL "):
            k = kv(line[6:])
            ir[(k["callback"], k["mode"], int(k["iter"]))] = int(k["ir"].replace(",", ""))
    out = {}
    for (cb, mode, n), v in ir.items():
        if n and (cb, mode, 0) in ir:
            out.setdefault(cb, {})[mode] = (v - ir[(cb, mode, 0)]) / n
    return out


def parse_log(path):
    """{cfg: {"metrics": {key: [per rep]}, "progs": {prog: {...}}}}, kernel, skipped"""
    cfgs, kernel, skipped, verified = {}, None, [], {}
    for line in open(path, errors="replace"):
        line = line.strip()
        word, _, rest = line.partition(" ")
        k = kv(rest)
        if word == "BOOT":
            kernel = k["kernel"]
        elif word == "SKIP":
            skipped.append(k["cfg"])
        elif word == "WORK":
            c = cfgs.setdefault(k["cfg"], {"metrics": {}, "progs": {}})
            for key, *_ in METRICS:
                c["metrics"].setdefault(key, []).append(num(k.get(key, "nan")))
        elif word == "PROG":
            c = cfgs.setdefault(k["cfg"], {"metrics": {}, "progs": {}})
            p = c["progs"].setdefault(k["prog"], {"ns_per_call": [], "calls": []})
            cnt, ns = int(k["run_cnt"]), int(k["run_ns"])
            p["ns_per_call"].append(ns / cnt if cnt else None)
            p["calls"].append(cnt)
            p["xlated_insns"] = int(k["xlated"]) // 8
            p["jited_bytes"] = int(k["jited"])
        elif word == "VERIFIED":
            verified.setdefault(k["cfg"], {})[k["prog"]] = int(k["verified"])
    for name, c in cfgs.items():
        # bpf_insns prints the kernel's program name, cut to 15 characters; bpftool the
        # full one (from BTF)
        for prog, n in verified.get(name, {}).items():
            full = next((p for p in c["progs"] if p[:15] == prog), prog)
            c["progs"].setdefault(full, {"ns_per_call": [], "calls": []})["verified_insns"] = n
        c["summary"] = {key: summary(v) for key, v in c["metrics"].items()}
        for p in c["progs"].values():
            p["ns_summary"] = summary(p["ns_per_call"])
    return kernel, cfgs, skipped


def ratio(a, b):
    """Ratio of medians a/b and min-max of the per-repetition ratios (rep i with rep i)."""
    if not a or not b:
        return None
    pairs = [x / y for x, y in zip(a, b) if x is not None and y]
    ma, mb = statistics.median([x for x in a if x is not None] or [0]), \
        statistics.median([y for y in b if y is not None] or [0])
    if not pairs or not mb:
        return None
    return {"median_ratio": ma / mb, "min": min(pairs), "max": max(pairs)}


def callback(prog):
    return prog.split("_", 1)[1] if "_" in prog else prog


def num_str(v):
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.3g}"


def fmt(s, _unused=None):
    if not s:
        return "-"
    return f"{num_str(s['median'])} ({num_str(s['min'])}-{num_str(s['max'])})"


def fmt_ratio(r):
    """A dagger marks ratios whose per-repetition spread includes 1."""
    if not r:
        return "-"
    mark = " †" if r["min"] <= 1 <= r["max"] else ""
    return f"{r['median_ratio']:.2f}x ({r['min']:.2f}-{r['max']:.2f}){mark}"


def busy_progs(c):
    """Programs that ran during the workloads (not once at load, like ops.init), in order."""
    return [p for p, v in c["progs"].items()
            if v["ns_summary"] and statistics.median(v["calls"] or [0]) >= 100]


class Report:
    def __init__(self, out, mode, reps, elapsed, icount):
        self.out, self.mode, self.reps, self.elapsed = out, mode, reps, elapsed
        self.icount = None if icount == "off" else int(icount)
        raw = os.path.join(out, "raw")
        self.insns = parse_insns(os.path.join(raw, "insns.txt"))
        self.model = parse_model(os.path.join(raw, "model.txt"))
        self.runs, self.skipped = {}, {}
        for f in sorted(os.listdir(raw)):
            if f.endswith(".log"):
                k, cfgs, skipped = parse_log(os.path.join(raw, f))
                k = k or f[:-4]
                self.merge(self.runs.setdefault(k, {}), cfgs)
                self.skipped.setdefault(k, []).extend(skipped)
        self.md, self.comparisons, self.plots = [], [], []

    @staticmethod
    def merge(into, cfgs):
        """Boots of one kernel: their repetitions, appended (each boot interleaved all its
        configurations, so repetition i of one configuration pairs with i of another)."""
        for name, c in cfgs.items():
            d = into.setdefault(name, {"metrics": {}, "progs": {}})
            for key, v in c["metrics"].items():
                d["metrics"].setdefault(key, []).extend(v)
            for prog, p in c["progs"].items():
                q = d["progs"].setdefault(prog, {"ns_per_call": [], "calls": []})
                q["ns_per_call"] += p["ns_per_call"]
                q["calls"] += p["calls"]
                for key in ("xlated_insns", "jited_bytes", "verified_insns"):
                    if key in p:
                        q[key] = p[key]
            d["summary"] = {key: summary(v) for key, v in d["metrics"].items()}
            for p in d["progs"].values():
                p["ns_summary"] = summary(p["ns_per_call"])

    def w(self, *lines):
        self.md.extend(lines)

    # --- kernel pairs --------------------------------------------------------------------
    def pair(self, ka, kb, cfg_names, title):
        if ka not in self.runs or kb not in self.runs:
            return
        self.w(f"### {title}: {ka} vs {kb}", "",
               f"Ratio = {ka} / {kb}: median of {ka}'s values over the median of {kb}'s, with "
               "the min-max of the per-repetition ratios (repetition i with repetition i; "
               "the two kernels ran in separate boots of this run). The range shows the "
               "spread within the boots, not between boots: full runs have given BPF ns "
               "ratios further apart than either run's range (docs/bench/README.md), so "
               "a kernel pair's ratio is this run's; for the cost of the check itself read "
               "the controlled comparison below (one boot).", "")
        rows = []
        for name in cfg_names:
            a, b = self.runs[ka].get(name), self.runs[kb].get(name)
            if not a or not b:
                self.w(f"- {name}: not measured on both kernels (skipped: "
                       f"{', '.join(self.skipped[ka] + self.skipped[kb]) or 'none'})", "")
                continue
            self.w(f"**{name}**", "", f"| figure | {ka} median (min-max) | {kb} median (min-max) "
                   f"| ratio {ka}/{kb} |", "| --- | --- | --- | --- |")
            for p in busy_progs(a):
                if p not in b["progs"]:
                    continue
                pa, pb = a["progs"][p], b["progs"][p]
                r = ratio(pa["ns_per_call"], pb["ns_per_call"])
                self.w(f"| {p}: BPF ns per call | {fmt(pa['ns_summary'])} | "
                       f"{fmt(pb['ns_summary'])} | {fmt_ratio(r)} |")
                rows.append((f"{name} {callback(p)}", pa["ns_summary"], pb["ns_summary"]))
                self.comparisons.append({"kind": "kernel-pair", "a": ka, "b": kb, "cfg": name,
                                         "figure": p + " ns_per_call", "ratio": r})
            for key, label, unit, _ in METRICS:
                r = ratio(a["metrics"][key], b["metrics"][key])
                self.w(f"| {label} ({unit}) | {fmt(a['summary'][key], '{:.4g}')} | "
                       f"{fmt(b['summary'][key], '{:.4g}')} | {fmt_ratio(r)} |")
                self.comparisons.append({"kind": "kernel-pair", "a": ka, "b": kb, "cfg": name,
                                         "figure": key, "ratio": r})
            self.w("")
        if rows:
            self.bar_plot(f"pair-{ka}-{kb}", f"BPF run time per callback, {ka} vs {kb}",
                          "ns per call (emulated guest)", [ka, kb], rows)

    # --- controlled: one kernel, three scope modes ---------------------------------------
    def controlled(self, k):
        run = self.runs.get(k)
        if not run:
            return
        scheds = sorted({c.rsplit("-", 1)[0] for c in run if c.rsplit("-", 1)[-1] in MODES})
        self.w(f"### Controlled: each scheduler in three scope modes on {k}", "",
               "plain: no scoping; static: scopex's compile-time scoping (the default build); "
               "runtime: scopex's runtime-check mode (a mask test before each scoped kfunc call). "
               "All three loaded by the same loader (`scopex run`), interleaved in one boot. "
               "Ratios are per repetition (same repetition, same boot).", "")
        rows = []
        for s in scheds:
            cf = {m: run.get(f"{s}-{m}") for m in MODES}
            if not all(cf.values()):
                continue
            self.w(f"**{s}**", "", "| program | xlated insns plain / static / runtime | "
                   "verifier-processed plain / static / runtime | ns per call plain | static | "
                   "runtime | runtime - static ns | ratio runtime/static |",
                   "| --- | --- | --- | --- | --- | --- | --- | --- |")
            for p in cf["static"]["progs"]:
                ps = [cf[m]["progs"].get(p, {}) for m in MODES]
                ns = [q.get("ns_summary") for q in ps]
                busy = all(ns) and p in busy_progs(cf["static"])
                diff = f"{ns[2]['median'] - ns[1]['median']:+.0f}" if busy else "-"
                r = ratio(ps[2]["ns_per_call"], ps[1]["ns_per_call"]) if busy else None
                self.w(f"| {p} | {' / '.join(str(q.get('xlated_insns', '-')) for q in ps)} | "
                       f"{' / '.join(str(q.get('verified_insns', '-')) for q in ps)} | "
                       f"{fmt(ns[0])} | {fmt(ns[1])} | {fmt(ns[2])} | {diff} | {fmt_ratio(r)} |")
                if busy:
                    rows.append((f"{s} {callback(p)}", *ns))
                    self.comparisons.append({"kind": "controlled", "kernel": k, "sched": s,
                                             "figure": p + " ns_per_call",
                                             "runtime_minus_static_ns": ns[2]["median"] -
                                             ns[1]["median"], "ratio_runtime_static": r,
                                             "ratio_static_plain": ratio(ps[1]["ns_per_call"],
                                                                         ps[0]["ns_per_call"])})
            self.w("", "| workload | plain | static | runtime | static/plain | runtime/static |",
                   "| --- | --- | --- | --- | --- | --- |")
            for key, label, unit, _ in METRICS:
                m = [cf[x]["metrics"][key] for x in MODES]
                self.w(f"| {label} ({unit}) | "
                       f"{' | '.join(fmt(cf[x]['summary'][key], '{:.4g}') for x in MODES)} | "
                       f"{fmt_ratio(ratio(m[1], m[0]))} | {fmt_ratio(ratio(m[2], m[1]))} |")
            self.w("")
        if rows:
            self.bar_plot(f"modes-{k}", f"BPF run time per callback by scope mode, {k}",
                          "ns per call (emulated guest)", MODES, rows)

    def baselines(self, k):
        run = self.runs.get(k)
        if not run or "simple" not in run:
            return
        names = [c for c in ["eevdf", "simple", "fifo-static", "vtime-static", "percpu-static",
                             "fifo-g"] if c in run]
        self.w(f"### Baselines on {k}: EEVDF, upstream scx_simple and scopex's schedulers", "",
               "Cells: median (min-max); ratio = median over scx_simple's median, same boot.", "",
               "| config | " + " | ".join(f"{l} ({u})" for _, l, u, _ in METRICS) + " |",
               "| --- |" + " --- |" * len(METRICS))
        for c in names:
            cells = []
            for key, *_ in METRICS:
                r = ratio(run[c]["metrics"][key], run["simple"]["metrics"][key])
                cells.append(f"{fmt(run[c]['summary'][key], '{:.4g}')} "
                             f"{r['median_ratio']:.2f}x" if r else "-")
            self.w(f"| {c} | " + " | ".join(cells) + " |")
        self.w("")
        self.workload_plot(k, names)

    # --- static tables -------------------------------------------------------------------
    def static_counts(self):
        self.w("### BPF instructions as compiled (deterministic)", "",
               "Per scheduler, all programs (libbpf's instruction count before load); "
               "static vs plain is the cost of compile-time scoping in the object, "
               "runtime vs static that of the runtime-check mode.", "",
               "| scheduler | plain | static | runtime | static - plain | runtime - static |",
               "| --- | --- | --- | --- | --- | --- |")
        rows = []
        for s, modes in sorted(self.insns.items()):
            if s == "simple":
                continue
            t = [modes.get(m, {}).get("total", 0) for m in MODES]
            self.w(f"| {s} | {t[0]} | {t[1]} | {t[2]} | {t[1] - t[0]:+d} | {t[2] - t[1]:+d} |")
            rows.append((s, *[{"median": v, "min": v, "max": v} for v in t]))
        if "simple" in self.insns:
            self.w(f"| upstream scx_simple | {self.insns['simple']['upstream']['total']} | | | | |")
        self.w("")
        self.bar_plot("insns", "BPF instructions as compiled, per scheduler, all programs",
                      "BPF instructions", MODES, rows, "scheduler", False)

    def model_table(self):
        if not self.model:
            return
        self.w("### Per-callback instructions of the two kernel mechanisms (callgrind, deterministic)",
               "", "tools/bench/kfmask_model.c under `valgrind --tool=callgrind`: instructions "
               "of one callback invocation with its kfunc calls, (Ir(N) - Ir(0)) / N. runtime = "
               "the 6.16-7.0 kernels' kf_mask bookkeeping and scx_kf_allowed() checks; static "
               "= 7.1+ (nothing left at run time).", "",
               "| callback | runtime mask | static | difference | ratio |",
               "| --- | --- | --- | --- | --- |")
        rows = []
        for cb, m in self.model.items():
            r, s = m.get("runtime"), m.get("static")
            if r is None or s is None:
                continue
            self.w(f"| {cb} | {r:.1f} | {s:.1f} | {r - s:+.1f} | {r / s:.2f}x |")
            rows.append((cb, *[{"median": v, "min": v, "max": v} for v in (r, s)]))
        self.w("")
        self.bar_plot("model", "Instructions per callback invocation (kfmask model, callgrind)",
                      "instructions per call", ["runtime mask", "static"], rows, "callback", False)

    # --- plots ---------------------------------------------------------------------------
    def gnuplot(self, name, script):
        png = os.path.join(self.out, name + ".png")
        with open(os.path.join(self.out, "raw", name + ".gp"), "w") as f:
            f.write(f"set terminal pngcairo size 1000,600 font ',10' noenhanced\n"
                    f"set output '{png}'\n" + script)
        subprocess.run(["gnuplot", os.path.join(self.out, "raw", name + ".gp")], check=True)
        self.plots.append(name + ".png")

    def bar_plot(self, name, title, ylabel, series, rows, xlabel="scheduler and callback",
                 measured=True):
        """Clustered bars: one cluster per row, one bar per series, min-max error bars."""
        dat = os.path.join(self.out, "raw", name + ".dat")
        with open(dat, "w") as f:
            for label, *vals in rows:
                f.write(f'"{label}" ' + " ".join(
                    f"{v['median']} {v['min']} {v['max']}" if v else "NaN NaN NaN"
                    for v in vals) + "\n")
        plots = ", ".join(
            f"'{dat}' using {2 + 3 * i}:{3 + 3 * i}:{4 + 3 * i}" +
            (":xtic(1)" if i == 0 else "") + f" title '{s}'" for i, s in enumerate(series))
        note = "median; error bars min-max" if measured else "deterministic"
        self.gnuplot(name, f"set title '{title} ({note})'\n"
                     f"set ylabel '{ylabel}'\n"
                     f"set xlabel '{xlabel}'\n"
                     "set style data histogram\nset style histogram errorbars gap 1 lw 1\n"
                     "set style fill solid 0.6 border -1\nset boxwidth 0.9\nset yrange [0:*]\n"
                     "set xtics rotate by -30\nset key top left\nset grid ytics\n"
                     "set bmargin 8\n"
                     f"plot {plots}\n")
        self.w(f"![{title}]({name}.png)", "")

    def workload_plot(self, k, names):
        dat = os.path.join(self.out, "raw", f"work-{k}.dat")
        run = self.runs[k]
        with open(dat, "w") as f:
            for c in names:
                f.write(f'"{c}" ' + " ".join(
                    "{median} {min} {max}".format(**run[c]["summary"][key])
                    if run[c]["summary"].get(key) else "NaN NaN NaN"
                    for key, *_ in METRICS[:4]) + "\n")
        parts = []
        for i, (key, label, unit, better) in enumerate(METRICS[:4]):
            parts.append(f"set title '{label} ({better} is better)'\nset ylabel '{unit}'\n"
                         f"plot '{dat}' using 0:{2 + 3 * i}:xtic(1) with boxes notitle, "
                         f"'' using 0:{2 + 3 * i}:{3 + 3 * i}:{4 + 3 * i} with yerrorbars "
                         "lc rgb 'black' pt 0 notitle\n")
        self.gnuplot(f"workloads-{k}",
                     "set multiplot layout 2,2 title 'Workloads on " + k +
                     " (median, error bars min-max; emulated guest)'\n"
                     "set style fill solid 0.6 border -1\nset boxwidth 0.7\nset yrange [0:*]\n"
                     "set xtics rotate by -30 font ',8'\nset grid ytics\nset xlabel 'configuration'\n"
                     + "".join(parts) + "unset multiplot\n")
        self.w(f"![Workloads on {k}](workloads-{k}.png)", "")

    def clock_note(self):
        if self.icount is None:
            return ("**Guest timings are emulated (QEMU TCG, no KVM) on a shared 2-core host "
                    "that other jobs were also using: absolute nanoseconds and ops/s mean "
                    "nothing; only ratios within one run do.** The instruction counts "
                    "(compiled, xlated, verifier-processed, callgrind) are deterministic.")
        return (f"**Guest timings are emulated (QEMU TCG, no KVM) with `-icount "
                f"shift={self.icount},sleep=off`: the guest's clock advances "
                f"{2 ** self.icount} ns per emulated instruction, so a guest nanosecond is "
                "a count of guest instructions, not host time.** The host's load (and the "
                "parallel boots) do not enter the figures; the absolute values are not those "
                "of real hardware, only ratios within one run mean anything. The instruction "
                "counts (compiled, xlated, verifier-processed, callgrind) are deterministic.")

    def spread_note(self):
        if self.icount is None:
            return ("The BPF run times are wall-clock nanoseconds inside the guest, so they "
                    "include every moment the host took the emulating thread away (the host "
                    "was shared with other VMs): expect spreads of several times, and read a "
                    "ratio as a difference only when its per-repetition range excludes 1. ")
        return ("With instruction counting the spread between repetitions comes from the "
                "guest itself (interrupt timing, the order in which tasks run), not from the "
                "host; still, read a ratio as a difference only when its per-repetition "
                "range excludes 1. ")

    def write(self):
        kernels = sorted(self.runs)
        self.w("# scopex bench: runtime kfunc mask vs static scoping", "",
               f"Mode: {self.mode}, {self.reps} repetition(s) per configuration, interleaved "
               f"(A B C A B C ...) within each VM boot; kernels: {', '.join(kernels)}; "
               f"2 vCPUs; whole run {self.elapsed} s.", "",
               self.clock_note(), "",
               "BPF run time per callback: kernel.bpf_stats_enabled=1, run_time_ns / run_cnt of "
               "each struct_ops program over the workloads of one measurement (it includes the "
               "kfuncs the program calls, so the kernels' scx_kf_allowed() checks are inside it; "
               "the kf_mask bookkeeping around the call is not). Workloads per measurement: "
               "hackbench, stress-ng --switch 2 (bogo-ops/s, real time), "
               "cyclictest -t 2 (wakeup latency of SCHED_OTHER threads; its histogram ends at "
               "20000 us, so a p99 of 20000 means 1% or more of the wakeups took 20 ms or "
               "longer).", "",
               self.spread_note(),
               "Ratios: median over median, with (min-max) of the per-repetition ratios; "
               "**†** marks a range that includes 1, i.e. no difference this run can resolve.", "")
        self.w("## Deterministic counts", "")
        self.static_counts()
        self.model_table()
        self.w("## Real kernels one release apart", "",
               "7.0.13 is the last release with the runtime mask (current->scx.kf_mask), 7.1.13 "
               "the first with the static verifier filter. Both run the same scx_fifo binary "
               "with -g (the kernel's global DSQ: the same code path on both, since Debian's "
               "7.1.13 lacks scx_bpf_create_dsq()'s prototype).", "")
        self.pair("7.0.13", "7.1.13", ["fifo-g", "eevdf"], "scx_fifo -g and EEVDF")
        self.pair("6.18.15", "7.3.4", ["fifo-static", "eevdf"],
                  "scx_fifo (static object, `scopex run`) and EEVDF")
        self.w("## One kernel, controlled", "")
        self.controlled("7.3.4")
        self.w("## Baselines", "")
        self.baselines("7.3.4")
        for k, s in self.skipped.items():
            if s:
                self.w(f"Could not attach on {k}: {', '.join(sorted(set(s)))} "
                       f"(see raw/{k}.log).", "")
        with open(os.path.join(self.out, "report.md"), "w") as f:
            f.write("\n".join(self.md) + "\n")
        res = {"meta": {"mode": self.mode, "reps": self.reps, "elapsed_s": self.elapsed,
                        "kernels": kernels, "cpus": 2, "icount_shift": self.icount,
                        "note": "guest timings are emulated (QEMU TCG); only ratios within one "
                                "run mean anything"},
               "insns_compiled": self.insns, "model_insns_per_call": self.model,
               "runs": self.runs, "skipped": self.skipped, "comparisons": self.comparisons,
               "plots": self.plots}
        with open(os.path.join(self.out, "results.json"), "w") as f:
            json.dump(res, f, indent=1, sort_keys=True)


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    Report(*sys.argv[1:3], int(sys.argv[3]), int(sys.argv[4]),
           sys.argv[5] if len(sys.argv) == 6 else "off").write()


if __name__ == "__main__":
    main()
