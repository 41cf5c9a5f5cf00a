#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the Markdown report.

  report.py <work dir of the run>   (reads meta.json, targets.json, runs.jsonl; prints Markdown)
"""
import json
import os
import statistics
import sys

MODES = {
    "identical": "Loaded, identical requests",
    "unique": "Loaded, a unique header per request",
    "single": "Unloaded latency, one connection",
}
LABELS = {
    "junction": "Junction gateway",
    "junction-base": "Junction at the base ref (junction-base)",
    "junction-secure": "Junction, authentication + limits (one token)",
    "junction-secure-pool": "Junction, authentication + limits (12k-token pool, cached)",
    "junction-secure-miss": "Junction, authentication + limits (token pool beyond the cache)",
    "apollo": "Apollo Gateway",
    "hive": "Hive Gateway",
    "hive-rr": "Hive Gateway + Rust planner",
    "monolith": "Monolith (floor, no gateway)",
    "static": "Static response (floor)",
}


def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    work = sys.argv[1]
    with open(os.path.join(work, "meta.json")) as f:
        meta = json.load(f)
    with open(os.path.join(work, "targets.json")) as f:
        targets = json.load(f)
    runs = []
    path = os.path.join(work, "runs.jsonl")
    if os.path.exists(path):
        with open(path) as f:
            runs = [json.loads(line) for line in f if line.strip()]

    out = []
    out.append(f"# Gateway benchmark — {meta['date']}")
    out.append("")
    if meta.get("quick"):
        out.append("**QUICK smoke run: short runs, figures are not results.**")
        out.append("")
    out.append(f"- Machine: {meta['machine']}")
    out.append(f"- Workload: Guild federation benchmark (4 subgraphs, deep query with fragments,"
               f" {meta['response_bytes']:,}-byte response), data `{meta['data_dir']}`")
    out.append(f"- Target pinned to CPU {meta['target_cpu']}; subgraphs and wrk on CPU "
               f"{meta['load_cpu']}. wrk {meta['wrk_threads']} thread(s), {meta['connections']} "
               f"connections (1 for the unloaded run), {meta['duration']} s per run after "
               f"{meta['warmup']} s warm-up, {meta['reps']} repetition(s), target order rotated.")
    out.append(f"- Versions: {meta['versions']}")
    out.append("- Figures are medians over repetitions; CPU is the target's process tree "
               "(100 % = one core); RSS is the peak (VmHWM) over the whole run.")
    out.append("")

    out.append("## Correctness before load")
    out.append("")
    out.append("| Target | Response vs expected-response.json | Body bytes | Peak RSS MiB |")
    out.append("|---|---|---:|---:|")
    for name, t in targets.items():
        rss = t.get("hwm_kb")
        out.append(f"| {LABELS.get(name, name)} | {t.get('check', '–')} | "
                   f"{fmt(t.get('body_bytes'), 0)} | {fmt(rss / 1024 if rss else None)} |")
    out.append("")

    agg = {}
    for mode in MODES:
        for name in targets:
            rs = [r for r in runs if r["target"] == name and r["mode"] == mode]
            if not rs:
                continue
            kinds = {k: sum(r[k] for r in rs) for k in
                     ("non200", "bad_length", "sampled_with_errors", "socket_errors", "timeouts")}
            bad = ", ".join(f"{v} {k}" for k, v in kinds.items() if v) or "0"
            agg[(name, mode)] = {
                "rps": median(r["rps"] for r in rs),
                "p50": median(r["p50_ms"] for r in rs),
                "p99": median(r["p99_ms"] for r in rs),
                "cpu": median(r.get("cpu_pct") for r in rs),
                "load": median(r.get("load_core_busy_pct") for r in rs),
                "calls": median(r.get("subgraph_calls_per_request") for r in rs),
                "sgcpu": median(r.get("subgraphs_cpu_pct") for r in rs),
                "checked": sum(r["responses"] for r in rs),
                "sampled": sum(r["sampled"] for r in rs),
                "bad": bad,
                "reps": len(rs),
            }

    for mode, title in MODES.items():
        names = [n for n in targets if (n, mode) in agg]
        if not names:
            continue
        out.append(f"## {title}")
        out.append("")
        out.append("| Target | RPS | p50 ms | p99 ms | Target CPU % | Subgraphs CPU % |"
                   " Load core busy % | Subgraph calls / request | Responses checked (bad) |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for n in names:
            a = agg[(n, mode)]
            out.append(f"| {LABELS.get(n, n)} | {fmt(a['rps'])} | {fmt(a['p50'], 2)} | "
                       f"{fmt(a['p99'], 2)} | {fmt(a['cpu'])} | {fmt(a['sgcpu'])} | {fmt(a['load'])} | "
                       f"{fmt(a['calls'], 2)} | "
                       f"{a['checked']:,} ({a['bad']}) |")
        out.append("")

    secure = [n for n in targets if n.startswith("junction-secure")]
    if secure and any(("junction", m) in agg for m in MODES):
        out.append("## Security cost (secure / plain Junction)")
        out.append("")
        out.append("The same gateway with bearer-token authentication required (RS256, JWKS file)"
                   " and its default operation limits, against plain `junction` in the same run."
                   " One token: the verified-token cache answers (a client reusing its token);"
                   " 12k-token pool: 12,000 clients each reusing its own token, within the"
                   " 50,000-token cache; pool beyond the cache: more distinct tokens than the"
                   " cache holds, so every request's RS256 signature is verified.")
        out.append("")
        out.append("| Target | Mode | RPS plain | RPS secure | Ratio | RPS cost % | p99 plain ms |"
                   " p99 secure ms | CPU µs/request plain | CPU µs/request secure |")
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")

        def cpu_us(a):
            return a["cpu"] / 100 * 1e6 / a["rps"] if a["cpu"] and a["rps"] else None

        for n in secure:
            for mode in MODES:
                j, s2 = agg.get(("junction", mode)), agg.get((n, mode))
                if not j or not s2 or not j["rps"] or not s2["rps"]:
                    continue
                r = s2["rps"] / j["rps"]
                out.append(f"| {LABELS.get(n, n)} | {mode} | {fmt(j['rps'])} | {fmt(s2['rps'])} | "
                           f"{r:.3f} | {fmt((1 - r) * 100, 1)} | {fmt(j['p99'], 2)} | "
                           f"{fmt(s2['p99'], 2)} | {fmt(cpu_us(j), 0)} | {fmt(cpu_us(s2), 0)} |")
        out.append("")
    if "junction-base" in targets and any(("junction", m) in agg for m in MODES):
        out.append("## Junction / junction-base (A/B against a previous commit)")
        out.append("")
        out.append(f"Base: `{meta.get('base') or '?'}`, built in a temporary worktree, same"
                   " router.yaml, in the same run. RPS ratio > 1: this tree serves more; p99 and"
                   " CPU ratios < 1: it is faster / cheaper.")
        out.append("")
        out.append("| Mode | RPS base | RPS junction | RPS ratio | p99 base ms | p99 junction ms |"
                   " p99 ratio | CPU µs/request base | CPU µs/request junction | CPU ratio |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

        def us(a):
            return a["cpu"] / 100 * 1e6 / a["rps"] if a["cpu"] and a["rps"] else None

        def div(x, y):
            return x / y if x and y else None

        for mode in MODES:
            j, b = agg.get(("junction", mode)), agg.get(("junction-base", mode))
            if not j or not b:
                continue
            out.append(f"| {mode} | {fmt(b['rps'])} | {fmt(j['rps'])} | "
                       f"{fmt(div(j['rps'], b['rps']), 3)} | {fmt(b['p99'], 2)} | "
                       f"{fmt(j['p99'], 2)} | {fmt(div(j['p99'], b['p99']), 3)} | "
                       f"{fmt(us(b), 0)} | {fmt(us(j), 0)} | {fmt(div(us(j), us(b)), 3)} |")
        out.append("")
    peers = [n for n in targets if n not in ("junction", "junction-base")
             and not n.startswith("junction-secure")]
    if peers and any(("junction", m) in agg for m in MODES):
        out.append("## Junction / peer")
        out.append("")
        out.append("RPS ratio > 1: Junction serves more; latency ratio < 1: Junction is faster.")
        out.append("")
        out.append("| Peer | RPS identical | p99 identical | RPS unique | p99 unique |"
                   " p50 one connection |")
        out.append("|---|---:|---:|---:|---:|---:|")

        def ratio(peer, mode, key):
            j, p = agg.get(("junction", mode)), agg.get((peer, mode))
            if not j or not p or not j[key] or not p[key]:
                return None
            return j[key] / p[key]

        for peer in peers:
            cells = [ratio(peer, "identical", "rps"), ratio(peer, "identical", "p99"),
                     ratio(peer, "unique", "rps"), ratio(peer, "unique", "p99"),
                     ratio(peer, "single", "p50")]
            out.append(f"| {LABELS.get(peer, peer)} | "
                       + " | ".join(fmt(c, 2) for c in cells) + " |")
        out.append("")
    notes = list(meta.get("notes") or [])
    saturated = sorted({LABELS.get(n, n) for (n, m), a in agg.items()
                        if m != "single" and a["load"] is not None and a["load"] > 90})
    if saturated:
        notes.append("The load core (subgraphs + wrk) was over 90 % busy while measuring "
                     + ", ".join(saturated) + ": those figures may be limited by the load side,"
                     " not by the target.")
    meta["notes"] = notes
    if meta.get("notes"):
        out.append("## Notes")
        out.append("")
        for note in meta["notes"]:
            out.append(f"- {note}")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
