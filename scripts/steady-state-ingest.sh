#!/usr/bin/env bash
# What one Observation costs a server once its JVM is warm: CPU time and bytes written to disk per Observation.
#   scripts/steady-state-ingest.sh [warm-ups] [measured] -- command that starts the server...
# e.g. scripts/steady-state-ingest.sh 4 2 -- java -Xmx512m -jar target/msc-lupus-fhir.jar --msc.conformance.validate-on-write=false
#      scripts/steady-state-ingest.sh 4 2 -- java -Xmx512m -jar "$(../shared/bench/stock-hapi/build.sh)"   (stock HAPI)
# Starts the command in a new directory with a new embedded H2 database that writes every commit (as
# ../shared/bench/side-by-side.sh does: this server takes --msc.storage.data-dir and --spring.datasource.url, stock HAPI
# the DB_URL variable), sends warm-ups x 2,000 Observations with ../shared/bench/ingest.py (bundles of 100, 2 threads),
# then measures the next measured x 2,000 from the process's own counters (/proc: user+system CPU, bytes written).
# The 2,000-Observation rounds of side-by-side.sh mostly measure JIT warm-up; these figures are the steady state.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
warm=4; measured=2
if [[ ${1:-} =~ ^[0-9]+$ ]]; then warm=$1; shift; fi
if [[ ${1:-} =~ ^[0-9]+$ ]]; then measured=$1; shift; fi
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: steady-state-ingest.sh [warm-ups] [measured] -- command..." >&2; exit 2; }
bench=${BENCH_DIR:-$root/../shared/bench}  # where ingest.py is (env BENCH_DIR from a checkout elsewhere)
[ -f "$bench/ingest.py" ] || { echo "steady-state-ingest.sh: no $bench/ingest.py (set BENCH_DIR)" >&2; exit 2; }
source "$(dirname "$0")/lib/server-on-new-h2.sh"
start_server_on_new_h2 steady "$@"
ingest() { python3 "$bench/ingest.py" "http://127.0.0.1:$port/fhir" 2000 100 2 | grep -o "[0-9]* obs/s"; }
rates=""
for _ in $(seq "$warm"); do rates="$rates $(ingest)"; done
cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat"); io0=$(awk '/^write_bytes/{print $2}' "/proc/$pid/io"); t0=$(date +%s.%N)
for _ in $(seq "$measured"); do rates="$rates $(ingest)"; done
cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat"); io1=$(awk '/^write_bytes/{print $2}' "/proc/$pid/io"); t1=$(date +%s.%N)
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "successive ingests of 2,000:${rates// obs\/s/}"
python3 -c "n=2000*$measured; print('measured %d Observations after %d: %.0f Observations/s, CPU %.2f ms per Observation, %.1f MB written per 1,000' % (n, 2000*$warm, n/($t1-$t0), ($cpu1-$cpu0)*1000/$(getconf CLK_TCK)/n, ($io1-$io0)/n/1000))"
rm -rf "$work"
