#!/usr/bin/env bash
# The benchmark of docs/benchmarks.md in one command: packages the two services and the harness (tests skipped), then
# runs the harness, which drops and creates its own databases (ledger_bench, ledger_bench_1m),
# starts the packaged services itself and prints the results table. Needs JDK 17+, Maven and PostgreSQL at
# 127.0.0.1:5432 (trust auth for postgres, or --pg-user/--pg-password). Options go to the harness, e.g.
#   ./bench.sh --smoke             everything at tiny sizes, in a few minutes (mostly service start-ups)
#   ./bench.sh --token "$JWT"      send Authorization: Bearer on every /api request (or LEDGER_BENCH_TOKEN); it needs
#                                  the writer and admin roles, and the services (started with this environment) the
#                                  verification key, e.g. with the development keys of ./run.sh:
#     export LEDGER_JWT_PUBLIC_KEY_LOCATION="file:$PWD/data/jwt/public.pem"
#     LEDGER_BENCH_TOKEN=$(./token.sh ledger-writer ledger-auditor ledger-admin ledger-controller) ./bench.sh
#   ./bench.sh --help              every option
# Set LEDGER_BENCH_SKIP_BUILD=1 to run against what is already packaged.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${LEDGER_BENCH_SKIP_BUILD:-}" ]; then
  echo "Packaging ledger-command, ledger-query and ledger-bench (tests skipped)..."
  mvn -B -q -ntp -DskipTests -pl ledger-command,ledger-query,ledger-bench -am package
fi
# The services the harness starts inherit this, as the container image sets it (deploy/docker/Dockerfile.jvm).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
exec java -jar ledger-bench/target/ledger-bench.jar "$@"
