#!/usr/bin/env bash
# Realtime benchmark (issue 15): subscriptions through Junction against subscribers connected to
# the subgraph directly, queries with idle subscriptions open, and @defer's time to first part.
# Separate from run.sh (which it does not change); see bench/README.md "Realtime".
#
#   bench/realtime.sh             about 6 minutes
#   QUICK=1 bench/realtime.sh     smoke run (~1.5 min; figures are not results)
#
# Parameters (environment, defaults in brackets; QUICK=1 changes those marked *):
#   CONFIGS*    [1x100,100x20,1000x5,100x200]  subscribers x events per second of the server
#   SECONDS_PER_RUN* [6; 2]  measured seconds per subscription run (after WARM_PER_RUN [2; 1])
#   REPS*       [2; 1]      rounds of the subscription runs
#   JIT_WARMUP* [20; 3]     seconds of gateway subscription load before measuring
#   IDLE_SUBS   [1000]      idle subscriptions held open in the query runs
#   QUERY_SECONDS* [10; 3]  seconds per wrk run (CONNECTIONS [50]); IDLE_REPS* [2; 1]
#   DEFER_REQUESTS* [200; 20], DEFER_WARMUP* [50; 10], SLOW_MS [50]: the slow subgraph's delay
#   TARGET_CPU [0] (gateway), LOAD_CPU [1] (subgraphs, load client, wrk), JAVA_OPTS_TARGET [-Xmx1g]
#   POOL_OPT    [-Dreactor.netty.pool.maxConnections=4096] added to the gateway's JVM options
#               (POOL_OPT= measures the gateway's default, which stops at 500 subscriptions)
#   RESULTS_DIR [bench/results]
# Ports: 14500 (subgraphs), 14501 (gateway).
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
QUICK="${QUICK:-0}"
if [[ "$QUICK" == 1 ]]; then
  CONFIGS="${CONFIGS:-1x100,100x20}"; SECONDS_PER_RUN="${SECONDS_PER_RUN:-2}"
  WARM_PER_RUN="${WARM_PER_RUN:-1}"; REPS="${REPS:-1}"; JIT_WARMUP="${JIT_WARMUP:-3}"
  QUERY_SECONDS="${QUERY_SECONDS:-3}"; IDLE_REPS="${IDLE_REPS:-1}"
  DEFER_REQUESTS="${DEFER_REQUESTS:-20}"; DEFER_WARMUP="${DEFER_WARMUP:-10}"
else
  CONFIGS="${CONFIGS:-1x100,100x20,1000x5,100x200}"; SECONDS_PER_RUN="${SECONDS_PER_RUN:-6}"
  WARM_PER_RUN="${WARM_PER_RUN:-2}"; REPS="${REPS:-2}"; JIT_WARMUP="${JIT_WARMUP:-20}"
  QUERY_SECONDS="${QUERY_SECONDS:-10}"; IDLE_REPS="${IDLE_REPS:-2}"
  DEFER_REQUESTS="${DEFER_REQUESTS:-200}"; DEFER_WARMUP="${DEFER_WARMUP:-50}"
fi
IDLE_SUBS="${IDLE_SUBS:-1000}"
CONNECTIONS="${CONNECTIONS:-50}"
SLOW_MS="${SLOW_MS:-50}"
TARGET_CPU="${TARGET_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
# The gateway opens its subgraph WebSockets from Reactor Netty's default connection pool, which
# holds at most 500 connections per address (reactor.netty.pool.maxConnections): without a larger
# pool, subscriptions beyond 500 wait for a connection and fail on subgraph_ack_timeout (10 s).
POOL_OPT="${POOL_OPT:--Dreactor.netty.pool.maxConnections=4096}"
JAVA_OPTS_TARGET="${JAVA_OPTS_TARGET:--Xmx1g} $POOL_OPT"
RESULTS_DIR="${RESULTS_DIR:-$BENCH/results}"
SERVER_PORT=14500   # fixed by bench/realtime/supergraph.graphql
GATEWAY_PORT=14501

WORK="$BENCH/.work"
TS="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
RUN="$WORK/realtime-$TS"
RT_JAR="$BENCH/realtime/target/bench-realtime.jar"
CONTROL="http://127.0.0.1:$SERVER_PORT"
GATEWAY_HTTP="http://127.0.0.1:$GATEWAY_PORT/graphql"
GATEWAY_WS="ws://127.0.0.1:$GATEWAY_PORT/graphql"
DIRECT_WS="ws://127.0.0.1:$SERVER_PORT/ticks"
declare -A PIDS=()

log() { printf '[realtime %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
start() { # name cpu logfile cmd...
  local name="$1" cpu="$2" logfile="$3"
  shift 3
  setsid taskset -c "$cpu" "$@" >"$logfile" 2>&1 &
  PIDS[$name]=$!
}
stop() { # name
  local pid="${PIDS[$1]:-}"
  [[ -n "$pid" ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  unset "PIDS[$1]"
}
stop_all() { local name; for name in "${!PIDS[@]}"; do stop "$name"; done; }
trap stop_all EXIT
trap 'exit 130' INT TERM
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
java_pid() { pgrep -g "$1" java | head -1 || echo "$1"; } # the JVM in a process group

mkdir -p "$WORK" "$RUN" "$RESULTS_DIR"
for tool in java mvn python3 curl taskset setsid; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
command -v wrk >/dev/null || die "wrk is required (bench/run.sh installs it: apt-get install wrk)"
[[ "$(nproc)" -ge 2 ]] || die "needs 2 cores"

if [[ ! -f "$RT_JAR" || -n "$(find "$BENCH/realtime/src" "$BENCH/realtime/pom.xml" -newer "$RT_JAR" -print -quit)" ]]; then
  log "building bench/realtime (bench-realtime.jar)"
  mvn -B -q -f "$BENCH/realtime/pom.xml" -DskipTests package >"$RUN/build-realtime.log" 2>&1 \
    || die "bench/realtime build failed, see $RUN/build-realtime.log"
fi
JUNCTION_JAR="$(ls "$ROOT"/supergraph/gateway/target/junction-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
if [[ -z "$JUNCTION_JAR" ]]; then
  log "building the Junction gateway"
  (cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl supergraph/gateway -am) \
    >"$RUN/build-junction.log" 2>&1 || die "gateway build failed, see $RUN/build-junction.log"
  JUNCTION_JAR="$(ls "$ROOT"/supergraph/gateway/target/junction-gateway-*-exec.jar | head -1)"
fi

port_free "$SERVER_PORT" || die "port $SERVER_PORT is busy"
port_free "$GATEWAY_PORT" || die "port $GATEWAY_PORT is busy"
start server "$LOAD_CPU" "$RUN/server.log" java -Xmx512m -jar "$RT_JAR" server --port "$SERVER_PORT" --slow-ms "$SLOW_MS"
# shellcheck disable=SC2206
start gateway "$TARGET_CPU" "$RUN/gateway.log" java $JAVA_OPTS_TARGET -jar "$JUNCTION_JAR" \
  --supergraph "$BENCH/realtime/supergraph.graphql" --config "$BENCH/realtime/router.yaml" --port "$GATEWAY_PORT"
printf '{"query":"{ product(upc: \\"p1\\") { upc name } }"}' >"$RUN/query.json"
deadline=$((SECONDS + 120))
until [[ "$(curl -s -m 5 -H 'Content-Type: application/json' --data-binary @"$RUN/query.json" "$GATEWAY_HTTP" 2>/dev/null)" \
    == '{"data":{"product":{"upc":"p1","name":"Product p1"}}}' ]]; do
  ((SECONDS < deadline)) || die "gateway or subgraphs did not answer the query, see $RUN/*.log"
  sleep 0.5
done
log "gateway answers; run dir $RUN"
java_run() { taskset -c "$LOAD_CPU" java -Xmx1g -jar "$RT_JAR" "$@"; }

# 1. subscriptions: direct vs gateway (plain, and with an entity fetch per event)
log "subscriptions: configs $CONFIGS, ${SECONDS_PER_RUN}s x $REPS reps (after ${JIT_WARMUP}s of warm-up)"
java_run suite --gateway "$GATEWAY_WS" --direct "$DIRECT_WS" --control "$CONTROL" \
  --configs "$CONFIGS" --seconds "$SECONDS_PER_RUN" --warmup "$WARM_PER_RUN" --reps "$REPS" \
  --jit-warmup "$JIT_WARMUP" 2>"$RUN/suite.err" | tee -a "$RUN/suite.out" | grep '^RT_JSON ' \
  | sed 's/^RT_JSON //' >>"$RUN/runs.jsonl" || log "the subscription suite failed, see $RUN/suite.err"

# 2. @defer: time to first part vs whole
log "@defer: $DEFER_REQUESTS requests (slow subgraph ${SLOW_MS} ms)"
java_run defer --url "$GATEWAY_HTTP" --requests "$DEFER_REQUESTS" --warmup "$DEFER_WARMUP" \
  2>"$RUN/defer.err" | grep '^RT_JSON ' | sed 's/^RT_JSON //' >>"$RUN/runs.jsonl" \
  || log "the @defer run failed, see $RUN/defer.err"

# 3. queries with IDLE_SUBS idle subscriptions open vs none
gw_jvm="$(java_pid "${PIDS[gateway]}")"
wrk_run() { # label rep
  local out line
  out="$(taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${QUERY_SECONDS}s" --timeout 10s \
    -s "$BENCH/lib/post.lua" "$GATEWAY_HTTP" -- "$RUN/query.json" 0 0 2>&1)" || true
  line="$(grep '^BENCH_JSON ' <<<"$out" | sed 's/^BENCH_JSON //' || true)"
  [[ -n "$line" ]] || { log "wrk gave no result: $(tail -2 <<<"$out" | tr '\n' ' ')"; return 0; }
  [[ "$2" == warmup ]] && return 0
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r.update(kind="query", idle=int(sys.argv[2]), rep=int(sys.argv[3]), gateway_rss_kb=int(sys.argv[4])); print(json.dumps(r))' \
    "$line" "$1" "$2" "$(rss_kb "$gw_jvm")" >>"$RUN/runs.jsonl"
  log "queries with $1 idle subscriptions, rep $2: $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("%.0f rps, p50 %.2f ms, p99 %.2f ms" % (r["rps"], r["p50_ms"], r["p99_ms"]))' "$line")"
}
log "queries: ${QUERY_SECONDS}s x $IDLE_REPS reps, 0 vs $IDLE_SUBS idle subscriptions"
wrk_run 0 warmup
for ((rep = 1; rep <= IDLE_REPS; rep++)); do
  wrk_run 0 "$rep"
  rss_before="$(rss_kb "$gw_jvm")"
  start idle "$LOAD_CPU" "$RUN/idle-$rep.log" java -Xmx512m -jar "$RT_JAR" idle --url "$GATEWAY_WS" \
    --control "$CONTROL" --subs "$IDLE_SUBS" --seconds 300
  deadline=$((SECONDS + 90))
  until grep -q '^READY' "$RUN/idle-$rep.log" 2>/dev/null; do
    ((SECONDS < deadline)) && kill -0 "${PIDS[idle]}" 2>/dev/null \
      || die "the idle subscriptions did not open, see $RUN/idle-$rep.log"
    sleep 0.5
  done
  sleep 2
  log "$IDLE_SUBS idle subscriptions open ($(curl -s "$CONTROL/stats")); gateway RSS ${rss_before} -> $(rss_kb "$gw_jvm") kB"
  wrk_run "$IDLE_SUBS" "$rep"
  grep -q '^CLOSED' "$RUN/idle-$rep.log" && log "some idle subscriptions were closed during the run"
  stop idle
  sleep 2
done
stop_all

python3 - "$RUN/meta.json" "$TS" "$QUICK" "$CONFIGS" "$SECONDS_PER_RUN" "$WARM_PER_RUN" "$REPS" \
  "$JIT_WARMUP" "$IDLE_SUBS" "$QUERY_SECONDS" "$CONNECTIONS" "$DEFER_REQUESTS" "$SLOW_MS" \
  "$(java -version 2>&1 | head -1); $(basename "$JUNCTION_JAR"); $(git -C "$ROOT" log -1 --format='%h %s' | cut -c1-70)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$JAVA_OPTS_TARGET" <<'PY'
import json, os, sys
keys = ["date", "quick", "configs", "seconds", "warmup", "reps", "jit_warmup", "idle_subs",
        "query_seconds", "connections", "defer_requests", "slow_ms", "versions", "loadavg_after",
        "gateway_opts"]
meta = dict(zip(keys, sys.argv[2:]))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
meta["machine"] = f"{cpu}, {os.cpu_count()} cores"
json.dump(meta, open(sys.argv[1], "w"), indent=1)
PY
report="$RESULTS_DIR/${TS%%T*}-subscriptions.md"
[[ "$QUICK" == 1 ]] && report="$RESULTS_DIR/${TS}-subscriptions-quick.md"
python3 "$BENCH/lib/rt_report.py" "$RUN" | tee "$report"
log "report written to $report"
