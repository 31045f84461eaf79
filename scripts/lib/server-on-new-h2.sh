# Sourced by the ingest measurement scripts: starts a server command on a new durable H2 database in a new
# directory, as ../shared/bench/side-by-side.sh does (this server takes --msc.storage.data-dir and
# --spring.datasource.url, stock HAPI the DB_URL variable), and waits for its first good /metadata.
#   start_server_on_new_h2 <directory prefix> command...   sets work (the directory), port and pid (the JVM's)
start_server_on_new_h2() {
  local prefix=$1; shift
  local command=() arg  # the server runs in its own directory: a jar named relative to here is made absolute
  for arg in "$@"; do [[ $arg == *.jar && -f $arg ]] && arg=$(realpath "$arg"); command+=("$arg"); done
  work=$(mktemp -d "/tmp/$prefix-XXXX")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  local url="jdbc:h2:file:$work/db/fhir;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
  # exec all the way down (a launcher script execs java too), so $! is the JVM itself.
  ( cd "$work" && exec env PORT="$port" DB_URL="$url" "${command[@]}" --server.port="$port" \
      --msc.storage.data-dir="$work/data" --spring.datasource.url="$url" ) >"$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work/log" >&2; return 1; }
    sleep 0.2
  done
}
