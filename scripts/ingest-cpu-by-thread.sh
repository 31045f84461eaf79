#!/usr/bin/env bash
# Where the CPU of an ingest goes, batch after batch, by kind of thread: the server's request threads, the JIT's C2
# and C1 compilers, the garbage collector, and the rest.
#   scripts/ingest-cpu-by-thread.sh [batches] -- command that starts the server...
# e.g. scripts/ingest-cpu-by-thread.sh 20 -- scripts/run-with-aot-cache.sh --msc.conformance.validate-on-write=false
#      scripts/ingest-cpu-by-thread.sh 20 -- java -XX:+UseParallelGC -Xmx512m -jar "$(../shared/bench/stock-hapi/build.sh)"
# Starts the command on a new durable H2 (as ../shared/bench/side-by-side.sh does), sends `batches` x 2,000
# Observations with ../shared/bench/ingest.py (bundles of 100, 2 threads) and prints, for each batch, its rate and
# the CPU per Observation of each kind of thread, from /proc/<pid>/task/*/stat. The whole-process figure of
# steady-state-ingest.sh cannot tell a costlier write path from a JIT still compiling; this can (docs/benchmarks.md,
# "Fully warm").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
batches=10
if [[ ${1:-} =~ ^[0-9]+$ ]]; then batches=$1; shift; fi
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: ingest-cpu-by-thread.sh [batches] -- command..." >&2; exit 2; }
bench=${BENCH_DIR:-$root/../shared/bench}
[ -f "$bench/ingest.py" ] || { echo "ingest-cpu-by-thread.sh: no $bench/ingest.py (set BENCH_DIR)" >&2; exit 2; }
source "$(dirname "$0")/lib/server-on-new-h2.sh"
start_server_on_new_h2 cpu-by-thread "$@"
# CPU ticks (user + system) of the request threads, C2, C1 and the collector, then of the whole process, whose count
# keeps the ticks of threads that have ended ("other" is the process less the four kinds). The kernel scales each
# thread's and the process's figures separately, so they do not add up exactly: "other" can come out a little below
# zero (down to -0.16 ms per Observation in the twelfth session's runs); read it to about 0.2 ms.
snapshot() {
  for task in /proc/"$pid"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    read -r -a stat <<<"$(sed 's/.*) //' "$task/stat")"
    case $name in http-nio*) kind=requests ;; C2*) kind=C2 ;; C1*) kind=C1 ;; "GC Thread"*) kind=GC ;; *) kind=other ;; esac
    echo "$kind ${stat[11]} ${stat[12]}"
  done | awk '{t[$1]+=$2+$3} END {printf "%d %d %d %d ", t["requests"], t["C2"], t["C1"], t["GC"]}'
  read -r -a stat <<<"$(sed 's/.*) //' /proc/"$pid"/stat)"
  echo $((stat[11] + stat[12]))
}
ticks=$(getconf CLK_TCK)
echo "batch  Observations/s  | CPU ms per Observation: requests  C2  C1  GC  other  all"
before=$(snapshot)
for batch in $(seq "$batches"); do
  rate=$(python3 "$bench/ingest.py" "http://127.0.0.1:$port/fhir" 2000 100 2 | grep -o "[0-9]* obs/s" | grep -o "[0-9]*")
  after=$(snapshot)
  python3 -c "
b = [int(x) for x in '$before'.split()]; a = [int(x) for x in '$after'.split()]
ms = [(y - x) * 1000 / $ticks / 2000 for x, y in zip(b, a)]
kinds, process = ms[:4], ms[4]
print('%5d  %14s  | %s  %.2f  %.2f' % ($batch, '$rate', '  '.join('%.2f' % m for m in kinds), process - sum(kinds), process))"
  before=$after
done
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$work"
