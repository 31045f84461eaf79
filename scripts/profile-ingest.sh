#!/usr/bin/env bash
# Where start-up and validating ingest spend their time, from Java Flight Recorder profiles (issue 16's figures):
#   scripts/profile-ingest.sh [jar] [observations] [bundle] [threads] [application arguments...]
# (stock HAPI's jar works too: ../shared/bench/stock-hapi/build.sh prints its path)
# Starts the jar as ../shared/bench/side-by-side.sh does (new embedded H2 that writes every commit, -Xmx512m), records
# start-up until the first good /metadata, then records the ingest of ../shared/bench/ingest.py, and prints for each
# profile the share of CPU samples that have each component on their stack (scripts/jfr-shares.py).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$root/target/msc-lupus-fhir.jar}; n=${2:-2000}; b=${3:-100}; t=${4:-2}
jar=$(realpath "$jar")  # the server runs in its own directory below
bench=${BENCH_DIR:-$root/../shared/bench}  # where ingest.py is (env BENCH_DIR from a checkout elsewhere)
[ -f "$bench/ingest.py" ] || { echo "profile-ingest.sh: no $bench/ingest.py (set BENCH_DIR)" >&2; exit 2; }
shift $(( $# < 4 ? $# : 4 ))
work=$(mktemp -d /tmp/profile-XXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
( cd "$work" && exec java -Xmx512m -XX:FlightRecorderOptions:stackdepth=512 \
    -XX:StartFlightRecording=name=startup,settings=profile,filename="$work/startup.jfr" \
    -jar "$jar" --server.port="$port" --msc.storage.data-dir="$work/data" \
    --spring.datasource.url="jdbc:h2:file:$work/db/fhir;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" "$@" ) >"$work/log" 2>&1 &
pid=$!
t0=$(date +%s.%N)
until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do
  kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/log" >&2; exit 1; }  # it stopped: say why instead of waiting
  sleep 0.2
done
echo "start-up: $(python3 -c "import time; print(round(time.time()-$t0, 1))") s"
jcmd "$pid" JFR.stop name=startup >/dev/null
jcmd "$pid" JFR.start name=ingest settings=profile filename="$work/ingest.jfr" >/dev/null
python3 "$bench/ingest.py" "http://127.0.0.1:$port/fhir" "$n" "$b" "$t"
jcmd "$pid" JFR.stop name=ingest >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true
for phase in startup ingest; do
  echo "== $phase"
  python3 "$root/scripts/jfr-shares.py" "$work/$phase.jfr"
done
echo "recordings: $work"
