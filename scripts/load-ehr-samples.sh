#!/usr/bin/env bash
# Posts the fifteen Synthea EHR sample bundles, unmodified, to a running server.
# Usage: scripts/load-ehr-samples.sh [base-url]    (default http://localhost:8080/fhir)
# With security on, export MSC_TOKEN (a bearer token that may create the samples' resources, e.g. system/*.cruds).
set -euo pipefail
auth=()
[ -n "${MSC_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $MSC_TOKEN")
base="${1:-http://localhost:8080/fhir}"
dir="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/ehr-samples"
for bundle in "$dir"/*.json; do
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$base" \
    -H 'Content-Type: application/fhir+json' "${auth[@]}" --data-binary @"$bundle")
  echo "$status $(basename "$bundle")"
  [ "$status" = 200 ] || exit 1
done
