#!/usr/bin/env bash
# Builds both services, starts them on the embedded database under ./data, records the example history once, prints
# what a user came for, and keeps running until Ctrl-C. Needs only JDK 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
DATA_DIR=${LEDGER_DATA_DIR:-$ROOT/data}
mkdir -p "$DATA_DIR/logs"
export LEDGER_DATA_DIR=$DATA_DIR

echo 'Building (tests skipped; mvn verify runs them)...'
mvn -B -q -ntp -DskipTests package

# Development signing keys (never committed: ./data is git-ignored) and a token for the demo.
DEV_TOKENS="java -cp $ROOT/ledger-demo/target/classes:$ROOT/ledger-demo/target/lib/* dev.dealledger.demo.DevTokens"
$DEV_TOKENS keys "$DATA_DIR/jwt"
export LEDGER_JWT_PUBLIC_KEY_LOCATION="file:$DATA_DIR/jwt/public.pem"
# The Ed25519 pair that signs the log's checkpoints (docs/security.md); the command service creates it on first start.
export LEDGER_CHECKPOINT_PRIVATE_KEY_FILE="$DATA_DIR/checkpoint/private.pem"
export LEDGER_CHECKPOINT_PUBLIC_KEY_FILE="$DATA_DIR/checkpoint/public.pem"
export LEDGER_CHECKPOINT_CREATE_MISSING_KEYS=true
# A local profile: the prod profile refuses the development defaults above (embedded H2, relative key paths, the local
# token issuer), as a deployment must (docs/security.md).
export QUARKUS_PROFILE=${QUARKUS_PROFILE:-local}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

start() { # module port-variable port management-port
  env "$2=$3" "LEDGER_MANAGEMENT_PORT=$4" java -jar "$ROOT/$1/target/quarkus-app/quarkus-run.jar" >"$DATA_DIR/logs/$1.log" 2>&1 &
  pids+=($!)
}
await_ready() { # url name log
  for _ in $(seq 1 120); do
    if curl -fs "$1/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$2 did not become ready; see $3" >&2
  exit 1
}

COMMAND_PORT=${LEDGER_COMMAND_PORT:-8081}
QUERY_PORT=${LEDGER_QUERY_PORT:-8082}
# Health, metrics and OpenAPI are on each service's management port, never on its API port.
COMMAND_MANAGEMENT_PORT=${LEDGER_COMMAND_MANAGEMENT_PORT:-9081}
QUERY_MANAGEMENT_PORT=${LEDGER_QUERY_MANAGEMENT_PORT:-9082}
# A period close records figures that the command service reads from the query service.
export LEDGER_QUERY_URL="http://localhost:$QUERY_PORT"
start ledger-command LEDGER_COMMAND_PORT "$COMMAND_PORT" "$COMMAND_MANAGEMENT_PORT"
await_ready "http://localhost:$COMMAND_MANAGEMENT_PORT" ledger-command "$DATA_DIR/logs/ledger-command.log"
start ledger-query LEDGER_QUERY_PORT "$QUERY_PORT" "$QUERY_MANAGEMENT_PORT"
await_ready "http://localhost:$QUERY_MANAGEMENT_PORT" ledger-query "$DATA_DIR/logs/ledger-query.log"

if [ -d "$ROOT/ledger-demo/target/classes" ]; then
  LEDGER_TOKEN=$($DEV_TOKENS token "$DATA_DIR/jwt" demo ledger-writer ledger-auditor ledger-controller) \
  java -cp "$ROOT/ledger-demo/target/classes:$ROOT/ledger-demo/target/lib/*" dev.dealledger.demo.Demo \
    "http://localhost:$COMMAND_PORT" "http://localhost:$QUERY_PORT"
fi

# A link that signs in to the auditor's console without copying a token (valid one hour; ./token.sh --console-link
# prints a fresh one).
CONSOLE_LINK=$($DEV_TOKENS console-link "$DATA_DIR/jwt" "${LEDGER_SUBJECT:-${USER:-local-user}}" "http://localhost:$QUERY_PORT")

cat <<INFO

The ledger is running on the embedded database in $DATA_DIR:
  command service  http://localhost:$COMMAND_PORT   (writes; OpenAPI at http://localhost:$COMMAND_MANAGEMENT_PORT/q/openapi)
  query service    http://localhost:$QUERY_PORT   (reads;  OpenAPI at http://localhost:$QUERY_MANAGEMENT_PORT/q/openapi)
  logs             $DATA_DIR/logs
The auditor's console (open this link to sign in; ./token.sh --console-link prints a fresh one):
  $CONSOLE_LINK
Every /api call needs a bearer token; mint one for a role with
  ./token.sh ledger-writer      (or ledger-auditor, ledger-admin; several roles may follow)
  curl -H "Authorization: Bearer \$(./token.sh ledger-auditor)" http://localhost:$QUERY_PORT/api/v1/exposure
Press Ctrl-C to stop both.
INFO
wait
