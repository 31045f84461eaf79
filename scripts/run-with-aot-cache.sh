#!/usr/bin/env bash
# Runs the server on JDK 25 with an ahead-of-time class loading and linking cache (JEP 483/514): the jar is
# extracted once, one training run records the classes the server loads and links (and the methods' profiles, JEP
# 515) while it starts and serves a demo study, and every later start maps them from the cache instead of loading
# them again (54 s -> 30 s to the first /metadata here, docs/benchmarks.md).
#   scripts/run-with-aot-cache.sh --prepare      extract the jar and make the cache (about 2 min), then exit
#   scripts/run-with-aot-cache.sh [server args]  run with the cache, preparing it first if it is missing or stale
#   scripts/run-with-aot-cache.sh --identity     print what the cache is tied to (jar, JDK, JVM options), then exit
# env JAVA: a JDK 25 java (default: Temurin 25 under /usr/lib/jvm, else java on the PATH); JAVA_OPTS: JVM options
# (e.g. -Xmx512m; the parallel collector is added unless they name one); MSC_JAR, MSC_AOT_DIR: the jar and the
# cache's directory (default: under target/). The cache belongs to the exact jar, JDK and options it was made with:
# a new jar or other options make a new one (the JVM itself refuses a cache that does not match, and then starts
# without it).
# JDK 17 (the build's JDK) has no AOT cache: there, run `java -jar target/msc-lupus-fhir.jar` as README says.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="${MSC_JAR:-$root/target/msc-lupus-fhir.jar}"
[ -f "$jar" ] || { echo "run-with-aot-cache.sh: no jar at $jar (build it with ./mvnw package, or set MSC_JAR)" >&2; exit 2; }
java="${JAVA:-}"
if [ -z "$java" ]; then
  java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  [ -x "$java" ] || java=java
fi
command -v "$java" >/dev/null || { echo "run-with-aot-cache.sh: no java at $java (set JAVA to a JDK 25 java)" >&2; exit 2; }
read -r -a options <<<"${JAVA_OPTS:-}"
# The parallel collector unless the options name one (or turn one off): here it stores resources with less CPU than
# G1 and warms up sooner, at the price of full collections of up to about half a second under load (ADR 0029).
collector=""
for option in "${options[@]}"; do [[ $option =~ ^-XX:[+-]Use[A-Za-z0-9]+GC$ ]] && collector=$option; done
[ -n "$collector" ] || options+=(-XX:+UseParallelGC)
work="${MSC_AOT_DIR:-$root/target/aot}"
app="$work/app/msc-lupus-fhir.jar"
cache="$work/msc-lupus-fhir.aot"
stamp="$work/made-with"
# What the cache is tied to: the jar, the JVM and its options. The jar by its size and modification time, as
# the JVM checks a cache's class path (a checksum of the 330 MB jar took a second of every start); the JVM by its
# release file, read rather than asking a JVM (which would also print what JAVA_TOOL_OPTIONS makes it print, such
# as a flight recording starting).
jvm_release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release"
if [ -f "$jvm_release" ]; then
  jvm="$(grep -E '^(IMPLEMENTOR|JAVA_RUNTIME_VERSION)=' "$jvm_release" | tr '\n' ' ')"
else
  jvm="$("$java" -version 2>&1 | grep -m 1 ' version "')"
fi
identity="$(stat -L -c '%s %y' "$jar") $jvm ${options[*]:-}"

prepare() {
  if ! "$java" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCache; then
    echo "run-with-aot-cache.sh: $java has no AOT cache (JDK 25 or later needed)" >&2
    exit 2
  fi
  # Emptied, not removed: in the image the directory belongs to the server's user, its parent does not.
  mkdir -p "$work" && rm -rf "${work:?}"/*
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
  # The training run: start the server on a throwaway database, load the synthetic demo study through its API
  # (transactions validated on write, study operations), then stop it; the JVM writes the cache as it exits.
  "$java" "${options[@]}" -XX:AOTCacheOutput="$cache" -jar "$app" \
      --server.port=0 --msc.storage.data-dir="$work/training-data" >"$work/training.log" 2>&1 &
  local server=$! port=""
  for _ in $(seq 600); do
    kill -0 "$server" 2>/dev/null || { tail -n 20 "$work/training.log" >&2; exit 1; }
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$work/training.log" | head -n 1)
    [ -n "$port" ] && curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata" && break
    port=""
    sleep 0.5
  done
  [ -n "$port" ] || { kill "$server"; echo "run-with-aot-cache.sh: the training server did not start" >&2; exit 1; }
  "$java" -cp "$app" org.msclupus.fhir.cohort.CohortLoader "http://127.0.0.1:$port/fhir" multicenter 16 1 \
      >"$work/training-load.log" 2>&1 || { kill "$server"; tail -n 20 "$work/training-load.log" >&2; exit 1; }
  kill -TERM "$server"
  wait "$server" || true
  [ -f "$cache" ] || { tail -n 20 "$work/training.log" >&2; exit 1; }
  rm -rf "$work/training-data"
  echo "$identity" >"$stamp"
  echo "AOT cache ready: $cache ($(du -h "$cache" | cut -f1))"
}

if [ "${1:-}" = "--identity" ]; then
  echo "$identity"
  exit 0
fi
if [ "${1:-}" = "--prepare" ]; then
  prepare
  exit 0
fi
if [ ! -f "$cache" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$identity" ]; then
  prepare >&2
fi
exec "$java" "${options[@]}" -XX:AOTCache="$cache" -jar "$app" "$@"
