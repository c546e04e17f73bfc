#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on loopback:
#   scripts/with-postgres.sh .venv/bin/pytest tests/web
# initdb's into a temporary directory, starts postgres on 127.0.0.1 on a free port (as the
# `postgres` user when run as root), runs the command with DATABASE_URL set, stops the server
# and removes the directory, whatever the command's outcome. Exit status: the command's.
set -euo pipefail
if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
find_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$found" ]] && { echo "$found"; return; }
  echo "PostgreSQL's $name is not installed (Debian: apt-get install postgresql)" >&2
  exit 3
}
INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
PORT=${PGPORT_FOR_TESTS:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
DIR=$(mktemp -d /tmp/youjun-pg.XXXXXX)
chmod 755 "$DIR"
mkdir -p "$DIR/data" "$DIR/sock"
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    chown -R postgres:postgres "$DIR/data" "$DIR/sock"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
PGUSER_NAME=$([[ $(id -u) -eq 0 ]] && echo postgres || id -un)
cleanup() {
  as_pg "$PG_CTL" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
as_pg "$INITDB" -D "$DIR/data" -U "$PGUSER_NAME" -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || as_pg "$INITDB" -D "$DIR/data" -U "$PGUSER_NAME" -A trust -E UTF8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 3; }
# A throw-away server need not survive a crash; YOUJUN_PG_DURABLE=1 keeps the defaults (benchmarks).
FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[[ "${YOUJUN_PG_DURABLE:-0}" == "1" ]] && FAST=""
as_pg "$PG_CTL" -D "$DIR/data" -l "$DIR/sock/server.log" -w -t 30 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR/sock -c max_connections=200 $FAST" \
  start >/dev/null || { cat "$DIR/sock/server.log" >&2; exit 3; }
export DATABASE_URL="postgresql://$PGUSER_NAME@127.0.0.1:$PORT/youjun"
as_pg psql -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE youjun" >/dev/null 2>&1 \
  || as_pg "$(dirname "$INITDB")/createdb" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" youjun
echo "with-postgres: $DATABASE_URL" >&2
set +e
"$@"
status=$?
set -e
exit $status
