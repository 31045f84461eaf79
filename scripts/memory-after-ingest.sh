#!/usr/bin/env bash
# Where resident memory goes across an ingest, by the JVM's own account (Native Memory Tracking), to tell memory the
# JVM uses from memory it has freed and the C library has kept (docs/benchmarks.md, "Rounds 50-52"):
#   scripts/memory-after-ingest.sh [runs=1] [server arguments...]
# Each run starts the server as shipped for JDK 25 (scripts/run-with-aot-cache.sh, JAVA_OPTS default -Xmx512m) on a
# new embedded H2, pushes ../shared/bench/ingest.py's 2,000 Observations, and prints the resident memory and the NMT
# categories that moved by 5 MB or more. A run whose resident memory grows by more than 150 MB keeps its directory
# (NMT summaries, log) and stops the loop. Native Memory Tracking costs a few percent of speed: compare runs with
# runs, not with the side-by-side figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
shift $(( $# < 1 ? $# : 1 ))
bench=${BENCH_DIR:-$root/../shared/bench}
[ -f "$bench/ingest.py" ] || { echo "memory-after-ingest.sh: no $bench/ingest.py (set BENCH_DIR)" >&2; exit 2; }
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jcmd=$(dirname "$java")/jcmd
export JAVA="$java" JAVA_OPTS="${JAVA_OPTS:--Xmx512m}"
# The server runs in a directory of its own: the launcher's MSC_JAR and MSC_AOT_DIR, if given, as absolute paths.
if [ -n "${MSC_JAR:-}" ]; then MSC_JAR=$(realpath "$MSC_JAR"); export MSC_JAR; fi
if [ -n "${MSC_AOT_DIR:-}" ]; then MSC_AOT_DIR=$(realpath -m "$MSC_AOT_DIR"); export MSC_AOT_DIR; fi

rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' /proc/"$1"/status; }
# "category committed-MB" lines of an NMT summary (the JVM's total as "Total").
nmt() { "$jcmd" "$1" VM.native_memory summary | sed -n \
  -e 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/Total \1/p' \
  -e 's/^-  *\(.*[^ ]\) (reserved=[0-9]*KB, committed=\([0-9]*\)KB).*/\1 \2/p' \
  | awk '{kb=$NF; $NF=""; sub(/ $/, ""); gsub(/ /, "_"); printf "%s %d\n", $0, kb/1024}' | sort; }  # sorted for join

for run in $(seq 1 "$runs"); do
  work=$(mktemp -d /tmp/memory-XXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  # The tracking option goes through JAVA_TOOL_OPTIONS, which the launcher leaves out of its cache's identity.
  ( cd "$work" && exec env JAVA_TOOL_OPTIONS="-XX:NativeMemoryTracking=summary" "$root/scripts/run-with-aot-cache.sh" \
      --server.port="$port" --msc.storage.data-dir="$work/data" \
      --spring.datasource.url="jdbc:h2:file:$work/db/fhir;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" "$@" ) >"$work/log" 2>&1 &
  launcher=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do
    kill -0 "$launcher" 2>/dev/null || { tail -n 20 "$work/log" >&2; exit 1; }
    sleep 0.2
  done
  pid=$(pgrep -f -- "--server.port=$port" | head -n 1)
  before=$(rss_mb "$pid"); nmt "$pid" >"$work/nmt-after-start.txt"
  line=$(python3 "$bench/ingest.py" "http://127.0.0.1:$port/fhir" 2000 100 2)
  after=$(rss_mb "$pid"); nmt "$pid" >"$work/nmt-after-ingest.txt"
  kill "$pid"; wait "$launcher" 2>/dev/null || true
  echo "run $run: resident $before -> $after MB | $line"
  join "$work/nmt-after-start.txt" "$work/nmt-after-ingest.txt" \
    | awk '{d=$3-$2; if ($1=="Total" || d>=5 || d<=-5) printf "    %s %d -> %d MB\n", $1, $2, $3}'
  if [ $(( after - before )) -gt 150 ]; then
    echo "resident memory grew by $(( after - before )) MB: kept $work"
    break
  fi
  rm -rf "$work"
done
