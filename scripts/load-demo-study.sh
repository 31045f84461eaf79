#!/usr/bin/env bash
# Loads a synthetic study into a running server through its FHIR API, then evaluates it.
#   scripts/load-demo-study.sh [base-url] [multicenter|lupus-nephritis] [subjects] [seed]
# Defaults: http://localhost:8080/fhir, multicenter, 16 subjects, seed 1. Builds the jar first if it is missing.
# With security on, export MSC_TOKEN (a bearer token with system/*.cruds, for example).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:-http://localhost:8080/fhir}"
shape="${2:-multicenter}"
subjects="${3:-16}"
seed="${4:-1}"
jar="$root/target/msc-lupus-fhir.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -DskipTests package)
fi
java -cp "$jar" -Dloader.main=org.msclupus.fhir.cohort.CohortLoader \
  org.springframework.boot.loader.launch.PropertiesLauncher "$base" "$shape" "$subjects" "$seed"
if [ "$shape" = multicenter ]; then study=demo-multicenter; criteria=bilag-mcr-pcr; else study=demo-ln; criteria=ln-renal-response; fi
echo "Try: curl -H 'Accept: text/csv' '$base/ResearchStudy/$study/\$evaluate-response?criteria=$criteria'"
echo "     curl -H 'Accept: text/csv' '$base/ResearchStudy/$study/\$safety-summary'"
