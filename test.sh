#!/usr/bin/env bash
# The whole test suite: unit, aggregate, REST (@QuarkusTest on PostgreSQL), end-to-end with both packaged services,
# formatting, and the OpenAPI lint. Needs JDK 17+, Maven 3.8.6+, Node/npm, and PostgreSQL at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp verify "$@"
