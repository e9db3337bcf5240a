#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's package) for the results database tests and
# prints its URL: `export INTELLIBAT_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)`.
# `bash scripts/postgres.sh stop` stops it. The cluster lives in $INTELLIBAT_PG_DIR
# (default /tmp/intellibat-pg), listens on 127.0.0.1:$INTELLIBAT_PG_PORT (default 54329),
# and trusts local connections: a test server, never a real one.
set -euo pipefail
dir="${INTELLIBAT_PG_DIR:-/tmp/intellibat-pg}"
port="${INTELLIBAT_PG_PORT:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ]; then
  echo "postgres.sh: no PostgreSQL server installed (Debian's postgresql package)" >&2
  exit 1
fi
# The server refuses to run as root: run it as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ -f "$dir/data/postmaster.pid" ]; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
fi
[ "${1:-start}" = stop ] && exit 0
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "postgres://postgres@127.0.0.1:$port/postgres"
