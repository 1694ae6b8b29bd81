#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL 15 cluster for the tests: its own data directory, port and
# socket directory, listening on 127.0.0.1 only. PostgreSQL does not run as a service on these machines.
#   scripts/pg-cluster.sh start DIR PORT   -> prints the base URL postgresql://postgres@127.0.0.1:PORT
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=$3
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      # C.UTF-8 so that pg_trgm works on Japanese text.
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
