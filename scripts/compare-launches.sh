#!/usr/bin/env bash
# Two ways of launching the server, measured in alternating pairs on one machine (docs/benchmarks.md): on this
# machine the same configuration varies by up to 40 % between hours, so a lever is judged pair by pair, not by runs
# made at different times.
#   A="command…" B="command…" scripts/compare-launches.sh [pairs=3] [ingests=2] [server arguments…]
# e.g. A="scripts/run-with-aot-cache.sh" B="env JAVA_TOOL_OPTIONS=-XX:MetaspaceSize=128m scripts/run-with-aot-cache.sh" \
#      JAVA_OPTS=-Xmx512m scripts/compare-launches.sh 3 2 --msc.conformance.validate-on-write=false
# Pairs alternate which goes first (AB, BA, …). Each run starts its command on a new embedded H2 (as
# ../shared/bench/side-by-side.sh does), then pushes `ingests` times ../shared/bench/ingest.py's 2,000 Observations.
# Per run it prints the seconds to the first good /metadata, the JVM's CPU seconds by then, resident memory after
# start and after each ingest with that ingest's rate, and the full collections the JVM counted (jstat); at the end
# each column's median per command. JVM options a command needs (a GC log, a flag under trial) go in the command,
# e.g. through JAVA_TOOL_OPTIONS, which the launcher leaves out of its cache's identity.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-3}; ingests=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
[ -n "${A:-}" ] && [ -n "${B:-}" ] || { echo "compare-launches.sh: set A and B to the two command lines" >&2; exit 2; }
bench=${BENCH_DIR:-$root/../shared/bench}
[ -f "$bench/ingest.py" ] || { echo "compare-launches.sh: no $bench/ingest.py (set BENCH_DIR)" >&2; exit 2; }
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jstat=$(dirname "$(readlink -f "$(command -v "$java")")")/jstat
source "$root/scripts/lib/server-on-new-h2.sh"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$1"/status; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14+$15)/hz}' /proc/"$1"/stat; }
full_collections() { "$jstat" -gc "$1" 2>/dev/null | awk 'NR==2 {print $(NF-4)}' || echo "?"; }

measure() {  # label, then the command line (a string, split on spaces), then server arguments
  local label=$1 command=$2; shift 2
  local -a words; read -r -a words <<<"$command"
  local t0 up line rate
  t0=$(date +%s.%N)
  start_server_on_new_h2 compare "${words[@]}" "$@"
  up=$(python3 -c "import time; print(round(time.time()-$t0, 1))")
  line="$label start_s=$up cpu_s=$(cpu_s "$pid") rss_start_mb=$(rss_mb "$pid")"
  for i in $(seq "$ingests"); do
    rate=$(python3 "$bench/ingest.py" "http://127.0.0.1:$port/fhir" 2000 100 2 | grep -o '[0-9]* obs/s' | cut -d' ' -f1)
    line="$line obs_s_$i=$rate rss_$i=$(rss_mb "$pid")"
  done
  line="$line full_gcs=$(full_collections "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  echo "$line" | tee -a "$results"
}

for p in $(seq "$pairs"); do
  if (( p % 2 )); then measure A "$A" "$@"; measure B "$B" "$@"; else measure B "$B" "$@"; measure A "$A" "$@"; fi
done
python3 - "$results" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, *fields = line.split()
    runs.setdefault(label, []).append(dict(f.split('=', 1) for f in fields))
for label in sorted(runs):
    keys = runs[label][0].keys()
    medians = []
    for key in keys:
        values = [float(r[key]) for r in runs[label] if r.get(key, '?').replace('.', '', 1).isdigit()]
        medians.append(f"{key}={statistics.median(values):g}" if values else f"{key}=?")
    print(f"median {label} ({len(runs[label])} runs): " + " ".join(medians))
EOF
