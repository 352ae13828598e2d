#!/usr/bin/env bash
# Check a running `compute-divide serve` against its own OpenAPI file with schemathesis:
#   tools/web/schemathesis.sh http://127.0.0.1:PORT [MAX_EXAMPLES]
# Checks: no 5xx, responses conform to the schema (body, status code, content type). Bounded: at most
# MAX_EXAMPLES (default 20) cases per operation and phase, a fixed seed, no shrinking, 10 minutes in all.
set -euo pipefail
url="${1:?usage: schemathesis.sh BASE_URL [MAX_EXAMPLES]}"
n="${2:-20}"
exec timeout 600 schemathesis run "$url/openapi.json" \
  --url "$url" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --max-examples "$n" \
  --phases examples,coverage,fuzzing \
  --seed 20240105 \
  --no-shrink \
  --generation-database none \
  --request-timeout 300 \
  --workers 1
