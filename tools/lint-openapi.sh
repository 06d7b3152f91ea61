#!/usr/bin/env bash
# Lints the OpenAPI documents of record (ledger-api/src/main/openapi/*.yaml) with Spectral and exits non-zero on
# any error. Spectral is installed from the npm registry, exactly as pinned in tools/openapi-lint/package-lock.json,
# into tools/openapi-lint/node_modules (git-ignored). Nothing is installed globally.
#
# Usage: tools/lint-openapi.sh [extra spectral options, e.g. --format junit --output target/openapi-lint.xml]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/openapi-lint"
docs=("$root/ledger-api/src/main/openapi/ledger-command.yaml" "$root/ledger-api/src/main/openapi/ledger-query.yaml")

command -v node >/dev/null || { echo "lint-openapi: node (>= 20.17) is required" >&2; exit 2; }
command -v npm >/dev/null || { echo "lint-openapi: npm is required" >&2; exit 2; }

# No install scripts (Spectral needs none) and no usage reporting from any dependency.
export SCARF_ANALYTICS=false DO_NOT_TRACK=1

spectral="$tool/node_modules/.bin/spectral"
stamp="$tool/node_modules/.package-lock.json"
if [[ ! -x "$spectral" || ! -f "$stamp" || "$tool/package-lock.json" -nt "$stamp" ]]; then
  echo "lint-openapi: installing Spectral from $tool/package-lock.json"
  (cd "$tool" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

echo "lint-openapi: $("$spectral" --version | tail -n 1 | sed 's/^/spectral /')"
cd "$tool"
"$spectral" lint --ruleset "$tool/.spectral.yaml" --fail-severity error "$@" "${docs[@]}"
