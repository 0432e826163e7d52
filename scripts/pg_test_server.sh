#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the PostgreSQL-mode tests and print its admin URL
# (the value for LANDSPACE_TEST_PG_URL). Debian/Ubuntu; as root it installs the server if
# missing. Prints nothing and exits 1 when no server can be had — the tests then skip,
# saying why.
#
#   export LANDSPACE_TEST_PG_URL="$(bash scripts/pg_test_server.sh)"
#   bash scripts/pg_test_server.sh stop
set -u
DIR="${LANDSPACE_PG_DIR:-/tmp/landspace-pg}"
PORT="${LANDSPACE_PG_PORT:-55432}"

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_owner() {  # initdb and postgres refuse to run as root
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

BIN="$(pg_bin)"
if [ -z "$BIN" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql; } >&2 || true
  BIN="$(pg_bin)"
fi
[ -n "$BIN" ] || { echo "pg_test_server: no PostgreSQL server binaries" >&2; exit 1; }

if [ "${1:-}" = "stop" ]; then
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2
  exit $?
fi

mkdir -p "$DIR"
[ "$(id -u)" = "0" ] && chown postgres: "$DIR"
if [ ! -f "$DIR/data/PG_VERSION" ]; then
  as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { echo "pg_test_server: initdb failed, see $DIR/initdb.log" >&2; exit 1; }
fi
if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -w -t 30 -l "$DIR/server.log" \
    -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 \
    || { echo "pg_test_server: the server did not start, see $DIR/server.log" >&2; exit 1; }
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
