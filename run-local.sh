#!/usr/bin/env bash
# Runs the whole graph locally on the embedded default (H2 in memory, seed data):
# the six subgraphs on ports 4001-4006, a fake payment provider on 4015 and the gateway on 4000.
# Ctrl-C stops everything.
#   ./run-local.sh            build what is missing, then start
#   ./run-local.sh --rebuild  rebuild all jars first
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
SUBGRAPHS=(accounts catalog inventory orders payments shipping)
PORTS=(4001 4002 4003 4004 4005 4006)
GATEWAY_PORT=${GATEWAY_PORT:-4000}
LOGS="$ROOT/target/local-stack"
mkdir -p "$LOGS"
start_ts=$(date +%s)

jar_of() { ls "$1"/target/*-exec.jar 2>/dev/null | head -1; }

need_build=${1:-}
for s in "${SUBGRAPHS[@]}"; do [ -n "$(jar_of subgraphs/$s)" ] || need_build=--rebuild; done
[ -n "$(jar_of supergraph/gateway)" ] || need_build=--rebuild
if [ "$need_build" = "--rebuild" ]; then
  echo "Building jars (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  echo "Stopped everything this script started."
}
trap cleanup INT TERM EXIT

# Trusted calls: a random secret per run, shared by the gateway, the orders saga and every subgraph;
# a subgraph then answers only calls carrying a caller token signed with it (x-junction-caller).
if [ -z "${JUNCTION_SUBGRAPH_SECRET:-}" ]; then
  JUNCTION_SUBGRAPH_SECRET=$(openssl rand -hex 32 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
fi
export JUNCTION_SUBGRAPH_SECRET

JAVA_OPTS=${JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k}
for i in "${!SUBGRAPHS[@]}"; do
  s=${SUBGRAPHS[$i]}; port=${PORTS[$i]}
  echo "Starting $s on :$port (log: target/local-stack/$s.log)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$(jar_of subgraphs/$s)" --server.port="$port" >"$LOGS/$s.log" 2>&1 &
  pids+=($!)
done

# The external payment provider, faked by the payments jar's fake-provider profile (port 4015).
# FAKE_PROVIDER_DECLINE_RATE (default 0) and FAKE_PROVIDER_LATENCY (default 50ms) tune it.
echo "Starting the fake payment provider on :4015 (log: target/local-stack/payment-provider.log)"
# shellcheck disable=SC2086
FAKE_PROVIDER_DECLINE_RATE=${FAKE_PROVIDER_DECLINE_RATE:-0} \
  java $JAVA_OPTS -jar "$(jar_of subgraphs/payments)" --spring.profiles.active=fake-provider \
  --server.port=4015 >"$LOGS/payment-provider.log" 2>&1 &
pids+=($!)

wait_http() { # name url
  for _ in $(seq 1 360); do
    if curl -fsS "$2" >/dev/null 2>&1; then echo "  $1 is up"; return 0; fi
    sleep 0.5
  done
  echo "  $1 did not become ready; see its log in $LOGS" >&2
  return 1
}
for i in "${!SUBGRAPHS[@]}"; do
  wait_http "${SUBGRAPHS[$i]}" "http://localhost:${PORTS[$i]}/actuator/health"
done
wait_http payment-provider "http://localhost:4015/actuator/health"

# Development authentication: a signing key and its JWKS in target/local-stack/dev-auth (made once),
# and a token for a seeded customer. An older gateway jar without dev-token leaves it off.
DEV_AUTH="$LOGS/dev-auth"
DEV_TOKEN=""
ADMIN_TOKEN=""
if DEV_TOKEN=$(java -jar "$(jar_of supergraph/gateway)" dev-token --keys "$DEV_AUTH" \
    --subject cust-001 2>>"$LOGS/dev-token.log") && [ -n "$DEV_TOKEN" ]; then
  export JUNCTION_JWKS_FILE="$DEV_AUTH/jwks.json"
  export JUNCTION_JWT_ISSUER=junction-dev JUNCTION_JWT_AUDIENCE=junction
  # An admin (scope admin) reads every customer's orders, payments and loyalty.
  ADMIN_TOKEN=$(java -jar "$(jar_of supergraph/gateway)" dev-token --keys "$DEV_AUTH" \
    --subject admin --scope "orders:write admin" 2>>"$LOGS/dev-token.log") || ADMIN_TOKEN=""
else
  DEV_TOKEN=""
fi

echo "Starting the gateway on :$GATEWAY_PORT"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$(jar_of supergraph/gateway)" \
  --supergraph supergraph/supergraph.graphql --config router-config/router.yaml \
  --port "$GATEWAY_PORT" >"$LOGS/gateway.log" 2>&1 &
pids+=($!)
wait_http gateway "http://localhost:$GATEWAY_PORT/health"

echo
echo "Junction is up in $(( $(date +%s) - start_ts ))s."
echo "GraphiQL: http://localhost:$GATEWAY_PORT/"
echo "GraphQL endpoint: http://localhost:$GATEWAY_PORT/graphql   (Ctrl-C stops everything)"
if [ -n "$DEV_TOKEN" ]; then
  echo
  echo "Authentication is on. Anonymous requests run, but customer data (email, loyalty, orders,"
  echo "payments) comes back null with UNAUTHORIZED_FIELD_OR_TYPE and placeOrder needs the scope"
  echo "orders:write. A dev token for cust-001 (scope orders:write), for the"
  echo "GraphiQL Headers tab as {\"Authorization\": \"Bearer <token>\"}:"
  echo "  $DEV_TOKEN"
  echo "Another customer: java -jar $(jar_of supergraph/gateway) dev-token --keys $DEV_AUTH --subject cust-002"
  if [ -n "${ADMIN_TOKEN:-}" ]; then
    echo "An admin token (scope admin: reads every customer's orders, payments and loyalty):"
    echo "  $ADMIN_TOKEN"
  fi
fi
echo
echo "Trusted calls are on: the subgraphs answer only the gateway and the orders saga (a random"
echo "secret of this run, JUNCTION_SUBGRAPH_SECRET); a customer reads only its own orders, payments"
echo "and loyalty (anonymous: UNAUTHENTICATED, another customer's: FORBIDDEN)."
wait
