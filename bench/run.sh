#!/usr/bin/env bash
# Side-by-side gateway benchmark (issue 9): Junction vs Apollo Gateway vs Hive Gateway (plain and
# with its Rust query planner), with two floors (a static response, a monolith without gateway),
# all on the Guild federation benchmark workload. See bench/README.md.
#
#   bench/run.sh                 full run (about 30 min with the defaults)
#   QUICK=1 bench/run.sh         smoke run (about 10 s per target; figures are not results)
#
# Parameters (environment, defaults in brackets; QUICK=1 changes the defaults marked *):
#   TARGETS      [junction apollo hive hive-rr monolith static]
#   MODES        [identical unique single]  loaded identical requests / loaded with a unique
#                header per request / one connection (unloaded latency)
#   CONNECTIONS  [50]       connections of the loaded runs
#   DURATION*    [30; 3]    seconds per measured run
#   WARMUP*      [30; 2]    seconds of load per target before measuring (the JVM needs >= 30)
#   REPS*        [3; 1]     repetitions; the target order is rotated on each
#   SETTLE*      [3; 1]     idle seconds before each measured run (abandoned requests drain)
#   MODE_WARMUP* [5; 0]     seconds of the same mode, not measured, before each measured run (a
#                JIT recompiles when the load changes shape, e.g. from 50 connections to one)
#   TARGET_CPU   [0]        core of the target (taskset); LOAD_CPU [1]: subgraphs and wrk
#   WRK_THREADS  [1]
#   JAVA_OPTS_TARGET ["-Xmx1g"]  JVM options of the JVM targets (Junction, monolith)
#   NODE         [node]     Node.js >= 20 for the Node gateways
#   SUBGRAPH_MEMO [1]       1: the subgraphs answer a repeated request body from memory (computed
#                once from data.json) so they stay cheap; 0: execute every subgraph request
#   DATA_DIR     [<repo>/../shared/bench/guild-federation, else /work/shared/bench/guild-federation]
#   RESULTS_DIR  [bench/results]
#   BASE_REF     [the merge-base of HEAD with BASE_BRANCH; HEAD~1 when HEAD is on BASE_BRANCH]
#                the git ref target junction-base is built from (A/B against a previous commit)
#   BASE_BRANCH  [main]
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
QUICK="${QUICK:-0}"
TARGETS="${TARGETS:-junction apollo hive hive-rr monolith static}"
MODES="${MODES:-identical unique single}"
CONNECTIONS="${CONNECTIONS:-50}"
if [[ "$QUICK" == 1 ]]; then
  DURATION="${DURATION:-3}"; WARMUP="${WARMUP:-2}"; REPS="${REPS:-1}"; SETTLE="${SETTLE:-1}"
  MODE_WARMUP="${MODE_WARMUP:-0}"
else
  DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-30}"; REPS="${REPS:-3}"; SETTLE="${SETTLE:-3}"
  MODE_WARMUP="${MODE_WARMUP:-5}"
fi
TARGET_CPU="${TARGET_CPU:-0}"
LOAD_CPU="${LOAD_CPU:-1}"
WRK_THREADS="${WRK_THREADS:-1}"
JAVA_OPTS_TARGET="${JAVA_OPTS_TARGET:--Xmx1g}"
NODE="${NODE:-node}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH/results}"
SUBGRAPH_MEMO="${SUBGRAPH_MEMO:-1}"
READY_TIMEOUT=120      # seconds a target may take to answer its first query
SUBGRAPH_PORT=14200    # fixed by the supergraph's routing URLs

if [[ -z "${DATA_DIR:-}" ]]; then
  if [[ -f "$ROOT/../shared/bench/guild-federation/supergraph.graphql" ]]; then
    DATA_DIR="$(cd "$ROOT/../shared/bench/guild-federation" && pwd)"
  else
    DATA_DIR=/work/shared/bench/guild-federation
  fi
fi
SUPERGRAPH="$DATA_DIR/supergraph.graphql"
QUERY="$DATA_DIR/query.json"
EXPECTED="$DATA_DIR/expected-response.json"
DATA="$DATA_DIR/data.json"

WORK="$BENCH/.work"
NODE_DIR="$WORK/node"
SERVERS_JAR="$BENCH/subgraphs/target/bench-servers.jar"
TS="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
RUN="$WORK/run-$TS"
NOTES=()
declare -A PIDS=() URLS=() LENGTHS=() TOKENS=()
SECRETS="$WORK/secrets"   # the junction-secure targets' RSA key, JWKS and tokens (lib/tokens.py)
TOKEN_POOL="${TOKEN_POOL:-12000}"  # distinct tokens of junction-secure-pool (< the 50,000 cached)
MISS_POOL="${MISS_POOL:-60000}"    # distinct tokens of junction-secure-miss (> the 50,000 cached)
BASE_BRANCH="${BASE_BRANCH:-main}"
BASE_JAR=""     # junction-base's jar, cached per commit in $WORK/base-jars/
BASE_DESC=""    # "<ref> = <short sha> <subject>" for the report
BASE_TREE=""    # the temporary worktree junction-base is built in, while it exists

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- processes: each started in its own session, stopped by its process group id ---------------
start() { # name cpu logfile cmd...
  local name="$1" cpu="$2" logfile="$3"
  shift 3
  setsid taskset -c "$cpu" "$@" >"$logfile" 2>&1 &
  PIDS[$name]=$!
}

stop_all() {
  local name pid
  for name in "${!PIDS[@]}"; do
    pid="${PIDS[$name]}"
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for name in "${!PIDS[@]}"; do
    pid="${PIDS[$name]}"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  PIDS=()
}
remove_base_tree() {
  [[ -n "$BASE_TREE" ]] || return 0
  git -C "$ROOT" worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || rm -rf "$BASE_TREE"
  git -C "$ROOT" worktree prune >/dev/null 2>&1 || true
  BASE_TREE=""
}
trap 'stop_all; remove_base_tree' EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- prerequisites ------------------------------------------------------------------------------
ensure_tools() {
  [[ -f "$SUPERGRAPH" && -f "$QUERY" && -f "$EXPECTED" && -f "$DATA" ]] \
    || die "benchmark data not found in $DATA_DIR (set DATA_DIR)"
  local tool
  for tool in java mvn python3 curl taskset setsid; do
    command -v "$tool" >/dev/null || die "$tool is required"
  done
  if ! command -v wrk >/dev/null; then
    log "installing wrk (Debian package)"
    if [[ "$(id -u)" == 0 ]]; then
      apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
    else
      sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq wrk >/dev/null
    fi
  fi
  [[ "$(nproc)" -ge 2 ]] || die "needs 2 cores (target and load on separate cores)"
}

ensure_servers_jar() {
  if [[ ! -f "$SERVERS_JAR" || -n "$(find "$BENCH/subgraphs/src" "$BENCH/subgraphs/pom.xml" -newer "$SERVERS_JAR" -print -quit)" ]]; then
    log "building bench/subgraphs (bench-servers.jar)"
    mvn -B -q -f "$BENCH/subgraphs/pom.xml" -DskipTests package >"$WORK/build-subgraphs.log" 2>&1 \
      || die "bench/subgraphs build failed, see $WORK/build-subgraphs.log"
  fi
}

needs_node() { [[ " $TARGETS " == *" apollo "* || " $TARGETS " == *" hive"* ]]; }

ensure_node_packages() {
  needs_node || return 0
  command -v "$NODE" >/dev/null || die "Node.js not found (set NODE)"
  local major
  major="$("$NODE" -p 'process.versions.node.split(".")[0]')"
  [[ "$major" -ge 20 ]] || die "Node.js >= 20 needed, $NODE is $("$NODE" -v)"
  mkdir -p "$NODE_DIR"
  if ! cmp -s "$BENCH/gateways/package-lock.json" "$NODE_DIR/package-lock.json" \
      || [[ ! -d "$NODE_DIR/node_modules" ]]; then
    log "installing the pinned Node gateways into $NODE_DIR"
    cp "$BENCH/gateways/package.json" "$BENCH/gateways/package-lock.json" "$NODE_DIR/"
    (cd "$NODE_DIR" && PATH="$(dirname "$(command -v "$NODE")"):$PATH" \
      npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 \
      || die "npm ci failed, see $WORK/npm.log"
  fi
}

JUNCTION_JAR=""
ensure_junction() {
  [[ " $TARGETS " == *" junction "* || " $TARGETS " == *" junction-secure"* ]] || return 0
  JUNCTION_JAR="$(ls "$ROOT"/supergraph/gateway/target/junction-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
  if [[ -z "$JUNCTION_JAR" ]]; then
    log "building the Junction gateway"
    (cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl supergraph/gateway -am) \
      >"$WORK/build-junction.log" 2>&1 || true
    JUNCTION_JAR="$(ls "$ROOT"/supergraph/gateway/target/junction-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
  fi
  if [[ -z "$JUNCTION_JAR" ]]; then
    NOTES+=("Junction gateway jar missing and its build failed (see .work/build-junction.log): not measured.")
    TARGETS="$(for t in $TARGETS; do
      [[ "$t" == junction* && "$t" != junction-base ]] || printf '%s ' "$t"; done)"
  fi
}

# The ref junction-base is built from: BASE_REF, else where HEAD left BASE_BRANCH (a branch is
# compared with what it started from), else HEAD~1 (on BASE_BRANCH itself: the previous commit, the
# first parent of a merge).
base_ref() { # -> "<ref>\t<how it was chosen>"
  if [[ -n "${BASE_REF:-}" ]]; then printf '%s\t%s\n' "$BASE_REF" "BASE_REF=$BASE_REF"; return; fi
  local head fork
  head="$(git -C "$ROOT" rev-parse HEAD)"
  fork="$(git -C "$ROOT" merge-base HEAD "$BASE_BRANCH" 2>/dev/null || true)"
  if [[ -n "$fork" && "$fork" != "$head" ]]; then
    printf '%s\t%s\n' "$fork" "merge-base(HEAD, $BASE_BRANCH)"
  else
    printf '%s\t%s\n' "HEAD~1" "HEAD~1"
  fi
}

# Builds the gateway of the base ref in a temporary detached worktree (removed as soon as the jar
# is copied out, and by the EXIT trap on failure), as ensure_junction builds the working tree's.
ensure_junction_base() {
  [[ " $TARGETS " == *" junction-base "* ]] || return 0
  local ref how sha jar
  IFS=$'\t' read -r ref how < <(base_ref)
  sha="$(git -C "$ROOT" rev-parse --verify -q "$ref^{commit}")" \
    || die "BASE_REF '$ref' is not a commit of $ROOT"
  BASE_DESC="$how = $(git -C "$ROOT" log -1 --format='%h %s' "$sha" | cut -c1-80)"
  BASE_JAR="$WORK/base-jars/junction-gateway-$sha-exec.jar"
  if [[ ! -f "$BASE_JAR" ]]; then
    BASE_TREE="$(mktemp -d "${TMPDIR:-/tmp}/junction-base.XXXXXX")"
    log "building the Junction gateway at $BASE_DESC in $BASE_TREE"
    if git -C "$ROOT" worktree add -q --detach "$BASE_TREE" "$sha" >"$WORK/build-junction-base.log" 2>&1; then
      # offline first (the local repository usually has every dependency), else online
      (cd "$BASE_TREE" && { mvn -B -o -q -DskipTests -Dspotless.check.skip=true package \
          -pl supergraph/gateway -am || mvn -B -q -DskipTests -Dspotless.check.skip=true package \
          -pl supergraph/gateway -am; }) >>"$WORK/build-junction-base.log" 2>&1 || true
      jar="$(ls "$BASE_TREE"/supergraph/gateway/target/junction-gateway-*-exec.jar 2>/dev/null | head -1 || true)"
      if [[ -n "$jar" ]]; then mkdir -p "$WORK/base-jars" && cp "$jar" "$BASE_JAR"; fi
    fi
    remove_base_tree
  fi
  if [[ -f "$BASE_JAR" ]]; then
    NOTES+=("junction-base is the gateway built from $BASE_DESC, with the same bench/router.yaml as junction.")
  else
    NOTES+=("junction-base: the build of $BASE_DESC failed (see .work/build-junction-base.log): not measured.")
    TARGETS="$(for t in $TARGETS; do [[ "$t" == junction-base ]] || printf '%s ' "$t"; done)"
  fi
}

# --- targets ------------------------------------------------------------------------------------
start_target() { # name
  local name="$1" port cmd=()
  case "$name" in
    junction) port=14400; URLS[$name]="http://127.0.0.1:$port/graphql"
      # shellcheck disable=SC2206
      cmd=(java $JAVA_OPTS_TARGET -jar "$JUNCTION_JAR" --supergraph "$SUPERGRAPH"
        --config "$BENCH/router.yaml" --port "$port") ;;
    junction-base) port=14406; URLS[$name]="http://127.0.0.1:$port/graphql"
      # shellcheck disable=SC2206
      cmd=(java $JAVA_OPTS_TARGET -jar "$BASE_JAR" --supergraph "$SUPERGRAPH"
        --config "$BENCH/router.yaml" --port "$port") ;;
    junction-secure|junction-secure-pool|junction-secure-miss)
      # the same gateway with authentication required (RS256, lib/tokens.py) and operation limits
      case "$name" in
        junction-secure) port=14404; TOKENS[$name]="$SECRETS/tokens-1.txt" ;;
        junction-secure-pool) port=14405; TOKENS[$name]="$SECRETS/tokens-$TOKEN_POOL.txt" ;;
        *) port=14407; TOKENS[$name]="$SECRETS/tokens-$MISS_POOL.txt" ;;
      esac
      URLS[$name]="http://127.0.0.1:$port/graphql"
      # shellcheck disable=SC2206
      cmd=(env JUNCTION_BENCH_JWKS="$SECRETS/jwks.json" java $JAVA_OPTS_TARGET -jar "$JUNCTION_JAR"
        --supergraph "$SUPERGRAPH" --config "$BENCH/router-secure.yaml" --port "$port") ;;
    apollo) port=14401; URLS[$name]="http://127.0.0.1:$port/"
      cmd=(env -C "$NODE_DIR" NODE_ENV=production "$NODE" "$BENCH/gateways/apollo-gateway.mjs"
        "$SUPERGRAPH" "$port") ;;
    hive|hive-rr) if [[ "$name" == hive ]]; then port=14402; else port=14403; fi
      URLS[$name]="http://127.0.0.1:$port/graphql"
      cmd=(env -C "$NODE_DIR" NODE_ENV=production "$NODE"
        "$NODE_DIR/node_modules/@graphql-hive/gateway/dist/bin.js" supergraph "$SUPERGRAPH"
        --host 127.0.0.1 --port "$port" --fork 1)
      if [[ "$name" == hive-rr ]]; then cmd+=(--hive-router-runtime); fi ;;
    monolith) port=14301; URLS[$name]="http://127.0.0.1:$port/graphql"
      # shellcheck disable=SC2206
      cmd=(java $JAVA_OPTS_TARGET -jar "$SERVERS_JAR" monolith --data "$DATA" --port "$port") ;;
    static) port=14302; URLS[$name]="http://127.0.0.1:$port/graphql"
      # shellcheck disable=SC2206
      cmd=(java $JAVA_OPTS_TARGET -jar "$SERVERS_JAR" static --file "$EXPECTED" --port "$port") ;;
    *) die "unknown target $name" ;;
  esac
  port_free "$port" || die "port $port ($name) is busy"
  start "$name" "$TARGET_CPU" "$RUN/$name.log" "${cmd[@]}"
}

auth_args() { # name -> curl arguments for the target's first token (none for other targets)
  if [[ -n "${TOKENS[$1]:-}" ]]; then
    printf '%s\n' -H "Authorization: Bearer $(head -1 "${TOKENS[$1]}")"
  fi
}

ensure_tokens() {
  [[ " $TARGETS " == *" junction-secure"* ]] || return 0
  local count
  for count in 1 "$TOKEN_POOL" "$MISS_POOL"; do
    if [[ ! -f "$SECRETS/tokens-$count.txt" ]]; then
      log "signing $count RS256 token(s) into $SECRETS"
      python3 "$BENCH/lib/tokens.py" "$SECRETS" "$count" || die "lib/tokens.py failed (needs python3-cryptography)"
    fi
  done
  # tokens are valid for 3 h: re-sign older ones
  if [[ -n "$(find "$SECRETS" -name 'tokens-*.txt' -mmin +120 -print -quit)" ]]; then
    rm -f "$SECRETS"/tokens-*.txt
    ensure_tokens
  fi
}

wait_ready() { # name url -> 0 when it answers the query with HTTP 200
  local name="$1" url="$2" deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    kill -0 "${PIDS[$name]}" 2>/dev/null || return 1
    local auth=()
    mapfile -t auth < <(auth_args "$name")
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H 'Content-Type: application/json' \
        "${auth[@]+"${auth[@]}"}" --data-binary @"$QUERY" "$url" 2>/dev/null)" == 200 ]]; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

# Compares the target's answer with expected-response.json (kept as <name>.response.json).
check_target() { # name
  local name="$1" body="$RUN/$1.response.json" verdict
  local auth=() status
  mapfile -t auth < <(auth_args "$name")
  curl -s -m 30 -o "$body" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    "${auth[@]+"${auth[@]}"}" --data-binary @"$QUERY" "${URLS[$name]}" || true
  if [[ -n "${TOKENS[$name]:-}" ]]; then
    # authentication must really be on: the same request without a token is refused
    status="$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H 'Content-Type: application/json' \
      --data-binary @"$QUERY" "${URLS[$name]}" || true)"
    if [[ "$status" != 401 ]]; then
      echo "MISMATCH: without a token it answered $status, not 401"
      return 1
    fi
  fi
  if verdict="$(python3 "$BENCH/lib/compare.py" "$EXPECTED" "$body")"; then
    echo "ok"
  else
    echo "MISMATCH: $verdict"
    return 1
  fi
}

run_wrk() { # name mode seconds rep -> appends one JSON line to runs.jsonl
  local name="$1" mode="$2" seconds="$3" rep="$4" conns="$CONNECTIONS" unique=0 before after out line
  [[ "$mode" == single ]] && conns=1
  [[ "$mode" == unique ]] && unique=1
  local stats0 stats1 sg0 sg1
  # let requests the previous wrk run abandoned drain, so they do not count against this one
  [[ "$rep" == warmup ]] || sleep "$SETTLE"
  stats0="$(curl -s -m 5 "http://127.0.0.1:$SUBGRAPH_PORT/stats" || echo '{}')"
  before="$(python3 "$BENCH/lib/proc.py" snap "${PIDS[$name]}")"
  sg0="$(python3 "$BENCH/lib/proc.py" snap "${PIDS[subgraphs]}")"
  out="$(timeout $((seconds + 60)) taskset -c "$LOAD_CPU" wrk -t"$WRK_THREADS" -c"$conns" \
    -d"${seconds}s" --timeout 10s -s "$BENCH/lib/post.lua" "${URLS[$name]}" \
    -- "$QUERY" "${LENGTHS[$name]}" "$unique" "${TOKENS[$name]:-}" 2>&1)" || true
  after="$(python3 "$BENCH/lib/proc.py" snap "${PIDS[$name]}")"
  sg1="$(python3 "$BENCH/lib/proc.py" snap "${PIDS[subgraphs]}")"
  stats1="$(curl -s -m 5 "http://127.0.0.1:$SUBGRAPH_PORT/stats" || echo '{}')"
  line="$(grep '^BENCH_JSON ' <<<"$out" | sed 's/^BENCH_JSON //' || true)"
  if [[ -z "$line" ]]; then
    log "wrk gave no result for $name/$mode: $(tail -3 <<<"$out" | tr '\n' ' ')"
    return 0
  fi
  [[ "$rep" == warmup ]] && return 0
  python3 - "$name" "$mode" "$rep" "$line" "$(python3 "$BENCH/lib/proc.py" delta "$before" "$after")" \
    "$LOAD_CPU" "$stats0" "$stats1" "$(python3 "$BENCH/lib/proc.py" delta "$sg0" "$sg1")" \
    >>"$RUN/runs.jsonl" <<'EOF'
import json, sys
name, mode, rep, line, delta, load_cpu, stats0, stats1, sgdelta = sys.argv[1:]
r = json.loads(line)
d = json.loads(delta)
s0, s1 = json.loads(stats0 or "{}"), json.loads(stats1 or "{}")
calls = sum(s1.values()) - sum(s0.values()) if s0 and s1 else None
r.update(target=name, mode=mode, rep=int(rep), cpu_pct=d["cpu_pct"],
         load_core_busy_pct=d.get(f"cpu{load_cpu}_busy_pct"),
         subgraph_calls=calls, subgraphs_cpu_pct=json.loads(sgdelta)["cpu_pct"],
         subgraph_calls_per_request=round(calls / r["responses"], 2) if calls and r["responses"] else None)
print(json.dumps(r))
EOF
  log "$name/$mode rep $rep: $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print("%.0f rps, p50 %.2f ms, p99 %.2f ms" % (r["rps"], r["p50_ms"], r["p99_ms"]))' "$line")"
}

versions() {
  local v=()
  v+=("$(java -version 2>&1 | head -1)")
  [[ -n "$JUNCTION_JAR" ]] && v+=("$(basename "$JUNCTION_JAR")")
  [[ -n "$BASE_JAR" && -f "$BASE_JAR" ]] && v+=("junction-base: $BASE_DESC")
  if needs_node; then
    v+=("node $("$NODE" -v)")
    local p
    for p in @apollo/gateway @apollo/server @graphql-hive/gateway @graphql-hive/router-runtime graphql; do
      v+=("$p $("$NODE" -p "require('$NODE_DIR/node_modules/$p/package.json').version" 2>/dev/null || echo '?')")
    done
  fi
  v+=("$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)")
  local IFS=';'
  echo "${v[*]}" | sed 's/;/; /g'
}

# --- main ---------------------------------------------------------------------------------------
main() {
  mkdir -p "$WORK" "$RUN" "$RESULTS_DIR"
  ensure_tools
  ensure_servers_jar
  ensure_node_packages
  ensure_junction
  ensure_junction_base
  ensure_tokens
  if needs_node; then
    local composed
    composed="$(cd "$NODE_DIR" && "$NODE" "$BENCH/lib/compose-check.mjs" \
      "$BENCH/subgraphs/src/main/resources" "$SUPERGRAPH" 2>&1)" \
      || die "the bench subgraphs do not compose into the benchmark supergraph: $composed"
    log "the bench subgraphs' SDLs compose into the benchmark supergraph"
  fi
  log "run dir $RUN; targets:$TARGETS; modes: $MODES; ${DURATION}s x $REPS reps, warm-up ${WARMUP}s"

  port_free "$SUBGRAPH_PORT" || die "port $SUBGRAPH_PORT (subgraphs) is busy"
  local memo=()
  [[ "$SUBGRAPH_MEMO" == 1 ]] || memo=(--no-memo)
  start subgraphs "$LOAD_CPU" "$RUN/subgraphs.log" java -Xmx512m -jar "$SERVERS_JAR" subgraphs \
    --data "$DATA" --port "$SUBGRAPH_PORT" "${memo[@]+"${memo[@]}"}"
  local deadline=$((SECONDS + 60))
  until curl -sf -m 2 "http://127.0.0.1:$SUBGRAPH_PORT/health" >/dev/null; do
    ((SECONDS < deadline)) || die "subgraphs did not start, see $RUN/subgraphs.log"
    sleep 0.3
  done

  local active=() name verdict
  echo "{" >"$RUN/targets.tmp"
  for name in $TARGETS; do
    start_target "$name"
    if ! wait_ready "$name" "${URLS[$name]}"; then
      verdict="did not start or answer within ${READY_TIMEOUT}s (see .work/run-$TS/$name.log)"
    elif verdict="$(check_target "$name")"; then
      active+=("$name")
      LENGTHS[$name]="$(wc -c <"$RUN/$name.response.json")"
    fi
    log "$name: $verdict"
    python3 -c 'import json,sys; print(json.dumps(sys.argv[1]) + ": " + json.dumps({"check": sys.argv[2], "body_bytes": int(sys.argv[3]) if sys.argv[3] else None}) + ",")' \
      "$name" "$verdict" "${LENGTHS[$name]:-}" >>"$RUN/targets.tmp"
  done

  for name in "${active[@]}"; do
    log "warm-up $name (${WARMUP}s)"
    run_wrk "$name" identical "$WARMUP" warmup
  done

  local rep i n=${#active[@]} mode
  for ((rep = 1; rep <= REPS; rep++)); do
    for ((i = 0; i < n; i++)); do
      name="${active[$(((i + rep - 1) % n))]}"
      for mode in $MODES; do
        if ((MODE_WARMUP > 0)); then
          run_wrk "$name" "$mode" "$MODE_WARMUP" warmup
        fi
        run_wrk "$name" "$mode" "$DURATION" "$rep"
      done
    done
  done

  # peak RSS of every target, then the targets file as JSON
  python3 - "$RUN" "$(for name in $TARGETS; do
      [[ -n "${PIDS[$name]:-}" ]] && echo "$name=$(python3 "$BENCH/lib/proc.py" hwm "${PIDS[$name]}")"
    done)" <<'EOF'
import json, sys
run, hwms = sys.argv[1], sys.argv[2]
text = open(f"{run}/targets.tmp").read().rstrip().rstrip(",") + "}"
targets = json.loads(text)
for item in hwms.split():
    name, kb = item.split("=")
    if name in targets:
        targets[name]["hwm_kb"] = int(kb)
json.dump(targets, open(f"{run}/targets.json", "w"), indent=1)
EOF
  stop_all

  if ((MODE_WARMUP > 0)); then
    NOTES+=("Each measured run was preceded by ${MODE_WARMUP} s of the same mode, not measured.")
  fi
  BENCH_BASE="$BASE_DESC" python3 - "$RUN/meta.json" "$TS" "$QUICK" "$DATA_DIR" "$EXPECTED" "$TARGET_CPU" "$LOAD_CPU" \
    "$WRK_THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "$REPS" "$(versions)" \
    "${NOTES[@]+"${NOTES[@]}"}" <<'EOF'
import json, os, platform, sys
(out, ts, quick, data_dir, expected, target_cpu, load_cpu, wrk_threads, connections, duration,
 warmup, reps, versions), notes = sys.argv[1:14], sys.argv[14:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
json.dump({
  "date": ts, "quick": quick == "1",
  "machine": f"{cpu}, {os.cpu_count()} cores, {mem / 1048576:.0f} GiB, {platform.system()} {platform.release()}",
  "data_dir": data_dir, "response_bytes": os.path.getsize(expected),
  "target_cpu": target_cpu, "load_cpu": load_cpu, "wrk_threads": int(wrk_threads),
  "connections": int(connections), "duration": int(duration), "warmup": int(warmup),
  "reps": int(reps), "versions": versions, "notes": notes,
  "base": os.environ.get("BENCH_BASE") or None,
}, open(out, "w"), indent=1)
EOF
  local report="$RESULTS_DIR/${TS%%T*}.md"
  [[ "$QUICK" == 1 ]] && report="$RESULTS_DIR/${TS}-quick.md"
  python3 "$BENCH/lib/report.py" "$RUN" | tee "$report"
  log "report written to $report"
  if ((${#active[@]} < $(wc -w <<<"$TARGETS"))); then
    log "some targets failed the correctness check or did not start (see the report)"
    exit 1
  fi
}

main "$@"
