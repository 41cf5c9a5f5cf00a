#!/usr/bin/env python3
"""Markdown report of a bench/realtime.sh run: python3 rt_report.py <run dir>."""
import json
import statistics
import sys


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def f(value, digits=2):
    if value is None:
        return "–"
    if isinstance(value, float) and value != value:  # NaN
        return "–"
    return f"{value:,.{digits}f}"


def main(run):
    meta = json.load(open(f"{run}/meta.json"))
    rows = [json.loads(line) for line in open(f"{run}/runs.jsonl") if line.strip()]
    subs = [r for r in rows if r.get("kind") == "subs"]
    out = [f"# Realtime benchmark (subscriptions, @defer), {meta['date']}", ""]
    if meta["quick"] == "1":
        out += ["**QUICK run: figures are not results.**", ""]
    out += [
        f"Machine: {meta['machine']}; {meta['versions']}. Load average after the run: "
        f"{meta['loadavg_after']}. The machine is shared with other jobs (builds), so absolute "
        "figures are noisy; compare the direct and gateway columns of one row, which ran minutes "
        "apart in the same run.",
        "",
        f"Gateway JVM options: `{meta['gateway_opts']}`. "
        "Gateway pinned to core 0; the subgraph server, the load client and wrk share core 1. "
        f"Subscription runs: {meta['seconds']} s measured after {meta['warmup']} s per run, "
        f"{meta['reps']} rounds (medians shown), after {meta['jit_warmup']} s of gateway warm-up.",
        "",
        "## Subscriptions: direct vs through Junction",
        "",
        "`N x Hz`: N subscribers (one WebSocket each), the subgraph emitting Hz events per second "
        "to every subscription. Latency = receive wall clock − `sentAtMicros` (both processes "
        "read the same kernel clock). *Added* = per event, the arrival at a gateway subscriber "
        "minus the arrival of the same `seq` at one reference subscriber connected to the "
        "subgraph directly, both on the load client's `System.nanoTime` (no clock shared between "
        "processes needed). `entity`: every event also needs `Product.name` from the products "
        "subgraph (one entity fetch per event, shared by in-flight de-duplication).",
        "",
        "| N x Hz | path | offered ev/s | delivered ev/s | latency p50 / p99 / max ms | added p50 / p99 / max ms | errors / gaps / closed |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    configs = []
    for r in subs:
        key = (r["subs"], r["hz"])
        if key not in configs:
            configs.append(key)
    for n, hz in configs:
        for path, pred in [
            ("direct", lambda r: "14500" in r["url"]),
            ("gateway", lambda r: "14501" in r["url"] and r["query"] == "plain"),
            ("gateway + entity", lambda r: "14501" in r["url"] and r["query"] == "entity"),
        ]:
            runs = [r for r in subs if r["subs"] == n and r["hz"] == hz and pred(r)]
            ok = [r for r in runs if "failed" not in r]
            failed = [r["failed"] for r in runs if "failed" in r]
            if not ok:
                out.append(f"| {n} x {hz} | {path} | {n * hz:,} | failed: {'; '.join(failed)} | | | |")
                continue
            lat = lambda k: med([r["latency_ms"][k] for r in ok])
            add = lambda k: med([r["added_ms"][k] for r in ok if r.get("added_ms")])
            added = "–" if add("p50") is None else f"{f(add('p50'))} / {f(add('p99'))} / {f(add('max'))}"
            note = f" ({len(failed)} run(s) failed: {'; '.join(failed)})" if failed else ""
            out.append(
                f"| {n} x {hz} | {path} | {n * hz:,} | {f(med([r['delivered_per_s'] for r in ok]), 0)} | "
                f"{f(lat('p50'))} / {f(lat('p99'))} / {f(lat('max'))} | {added} | "
                f"{sum(r['errors'] for r in ok)} / {sum(r['gaps'] for r in ok)} / {sum(r['closed'] for r in ok)}{note} |")
    out += ["", "Ratios, gateway / direct (medians): delivered events/s, latency p50 and p99:", ""]
    out += ["| N x Hz | plain: ev/s | plain: p50 | plain: p99 | entity: ev/s | entity: p50 | entity: p99 |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for n, hz in configs:
        def pick(pred):
            return [r for r in subs if r["subs"] == n and r["hz"] == hz and pred(r) and "failed" not in r]
        d = pick(lambda r: "14500" in r["url"])
        cells = []
        for q in ("plain", "entity"):
            g = pick(lambda r: "14501" in r["url"] and r["query"] == q)
            for key in ("delivered_per_s", "p50", "p99"):
                get = (lambda r: r[key]) if key == "delivered_per_s" else (lambda r: r["latency_ms"][key])
                dv, gv = med([get(r) for r in d]), med([get(r) for r in g])
                cells.append(f(gv / dv) if dv and gv is not None else "–")
        out.append(f"| {n} x {hz} | " + " | ".join(cells) + " |")

    defer = [r for r in rows if r.get("kind") == "defer"]
    out += ["", "## @defer: time to the first part vs the whole", ""]
    if defer:
        d = defer[0]
        out += [
            f"Through Junction, one request at a time, {d['requests']} requests of each kind "
            f"(after a warm-up); the deferred fragment needs the `slow` subgraph, which answers "
            f"after {meta['slow_ms']} ms. Times from sending the request to reading the part.",
            "",
            "| request | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|",
        ]
        for label, key in [
            ("`@defer`: first part (primary payload)", "first_part_ms"),
            ("`@defer`: whole multipart response", "deferred_whole_ms"),
            ("same fields without `@defer` (one JSON body)", "no_defer_ms"),
            ("primary fields only (no slow subgraph)", "primary_only_ms"),
        ]:
            s = d[key]
            out.append(f"| {label} | {f(s['p50'])} | {f(s['p99'])} | {f(s['max'])} |")
    else:
        out.append("The @defer run failed (see defer.err in the run directory).")

    queries = [r for r in rows if r.get("kind") == "query"]
    out += ["", f"## Queries with {meta['idle_subs']} idle subscriptions open vs none", "",
            f"wrk, {meta['connections']} connections, {meta['query_seconds']} s per run, "
            "`{ product(upc: \"p1\") { upc name } }` (one products fetch); idle = `subscription "
            "{ idle { seq } }`, which the subgraph never answers (each one is a client WebSocket "
            "and a gateway→subgraph WebSocket). Runs alternate (none, idle, none, idle...).", "",
            "| idle subscriptions | rep | RPS | p50 ms | p99 ms | non-200 | gateway RSS MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in queries:
        out.append(f"| {r['idle']:,} | {r['rep']} | {f(r['rps'], 0)} | {f(r['p50_ms'])} | "
                   f"{f(r['p99_ms'])} | {r.get('non200', 0)} | {f(r['gateway_rss_kb'] / 1024, 0)} |")
    if queries:
        none = med([r["rps"] for r in queries if r["idle"] == 0])
        idle = med([r["rps"] for r in queries if r["idle"] > 0])
        p99n = med([r["p99_ms"] for r in queries if r["idle"] == 0])
        p99i = med([r["p99_ms"] for r in queries if r["idle"] > 0])
        if none and idle:
            out += ["", f"Idle / none (medians): RPS **{idle / none:.3f}**, p99 {p99i / p99n:.3f}."]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
