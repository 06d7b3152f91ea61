#!/usr/bin/env bash
# Prints a development bearer token for the given roles, signed with the key pair that ./run.sh created under ./data.
# Usage: ./token.sh <role> [role...]   (roles: ledger-writer, ledger-auditor, ledger-admin, ledger-controller)
# The token's subject (recorded as the actor of every write) is $LEDGER_SUBJECT, default: your user name.
set -euo pipefail
cd "$(dirname "$0")"
DATA_DIR=${LEDGER_DATA_DIR:-$(pwd)/data}
if [ $# -eq 0 ]; then
  echo "usage: $0 <role> [role...]   roles: ledger-writer ledger-auditor ledger-admin ledger-controller" >&2
  echo "       $0 --console-link      a link that signs in to the auditor's console (valid one hour)" >&2
  exit 64
fi
if [ ! -f "$DATA_DIR/jwt/private.pem" ]; then
  echo "no development key under $DATA_DIR/jwt; run ./run.sh first" >&2
  exit 1
fi
if [ "$1" = "--console-link" ]; then
  exec java -cp "ledger-demo/target/classes:ledger-demo/target/lib/*" dev.dealledger.demo.DevTokens \
    console-link "$DATA_DIR/jwt" "${LEDGER_SUBJECT:-${USER:-local-user}}" "http://localhost:${LEDGER_QUERY_PORT:-8082}"
fi
exec java -cp "ledger-demo/target/classes:ledger-demo/target/lib/*" dev.dealledger.demo.DevTokens \
  token "$DATA_DIR/jwt" "${LEDGER_SUBJECT:-${USER:-local-user}}" "$@"
