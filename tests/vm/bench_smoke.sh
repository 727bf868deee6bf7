#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scopex bench --smoke: every stage runs and its outputs are well-formed. No figure is
# checked against a threshold (guest timings are emulated); only that they exist.
#   bench_smoke.sh SCOPEX OUT_DIR
set -u
scopex="$1" out="$2"

fail() { echo "FAIL: $*"; exit 1; }

rm -rf "$out"
"$scopex" bench --smoke --out "$out" || fail "scopex bench --smoke exited with $?"
for f in results.json report.md insns.png model.png modes-7.3.4.png \
	 pair-7.0.13-7.1.13.png workloads-7.3.4.png; do
	[ -s "$out/$f" ] || fail "$out/$f missing or empty"
done
for f in "$out"/*.png; do
	[ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$f is not a PNG"
done
python3 - "$out/results.json" <<'PY' || fail "results.json is not what the report needs"
import json, sys
r = json.load(open(sys.argv[1]))
want = {"meta", "insns_compiled", "model_insns_per_call", "runs", "comparisons"}
assert want <= r.keys(), f"keys {sorted(r.keys())}"
assert r["meta"]["mode"] == "smoke" and "emulated" in r["meta"]["note"]
assert r["meta"]["icount_shift"] == 0, f"default guest clock: {r['meta']}"
for s in ("fifo", "vtime", "percpu"):
    t = [r["insns_compiled"][s][m]["total"] for m in ("plain", "static", "runtime")]
    assert all(x > 0 for x in t), f"{s}: {t}"
for cb in ("select_cpu", "enqueue", "dispatch", "running"):
    m = r["model_insns_per_call"][cb]
    assert m["runtime"] > 0 and m["static"] > 0, f"model {cb}: {m}"
for k, cfgs in (("7.0.13", ["fifo-g"]), ("7.1.13", ["fifo-g"]),
                ("7.3.4", ["eevdf", "simple", "fifo-plain", "fifo-static", "fifo-runtime"])):
    for c in cfgs:
        run = r["runs"][k][c]
        assert len(run["metrics"]["hackbench_s"]) == 1, f"{k} {c}: {run['metrics']}"
        if c == "eevdf":
            continue
        busy = [p for p, v in run["progs"].items() if sum(v["calls"]) > 0]
        assert busy, f"{k} {c}: no BPF program ran: {run['progs']}"
        assert all(v.get("verified_insns", 0) > 0 for v in run["progs"].values()), \
            f"{k} {c}: verifier counts missing"
kinds = {c["kind"] for c in r["comparisons"]}
assert {"kernel-pair", "controlled"} <= kinds, f"comparisons: {kinds}"
PY
for h in "## Deterministic counts" "## Real kernels one release apart" \
	 "## One kernel, controlled" "## Baselines" "emulated"; do
	grep -q "$h" "$out/report.md" || fail "report.md lacks '$h'"
done
echo "bench smoke: $(find "$out" -maxdepth 1 -name "*.png" | wc -l) plots, $(wc -l < "$out/report.md") report lines"
