#!/usr/bin/env bash
# make bench: wrk on loopback against /healthz and the login page, and against nginx serving a static
# file in the same run, so the figures can be read beside each other. Prints req/s, p99 latency and the
# ratio to nginx, and the server's idle RSS. Never a pass/fail: the figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BIN=$PWD/$BUILD/renkei
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
tmp=$(mktemp -d /tmp/renkei-bench.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

port_r=$((30000 + RANDOM % 10000)); port_n=$((port_r + 1))
"$BIN" demo --db "sqlite:$tmp/bench.db" >/dev/null 2>&1
RENKEI_LOG_LEVEL=warn "$BIN" serve --db "sqlite:$tmp/bench.db" --listen "127.0.0.1:$port_r" 2>"$tmp/serve.log" &
pids+=($!)
renkei_pid=$!

mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
echo ok > "$tmp/nginx/html/healthz"
chmod -R a+rX "$tmp/nginx"
cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes $(nproc);
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$port_n; root $tmp/nginx/html; location / { default_type text/plain; } }
}
CONF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port_r/healthz" >/dev/null && curl -sf "http://127.0.0.1:$port_n/healthz" >/dev/null && break; sleep 0.1; done

sleep 1
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$renkei_pid/status)

run() {  # name url -> "req/s p99"
  local out
  out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  printf '%-28s %12s req/s   p99 %s\n' "$1" "$rps" "$p99" >&2
  echo "$rps"
}

echo "wrk -t2 -c$CONNS -d$DURATION on $(nproc) cores" >&2
nginx_rps=$(run "nginx static file" "http://127.0.0.1:$port_n/healthz")
health_rps=$(run "renkei /healthz" "http://127.0.0.1:$port_r/healthz")
login_rps=$(run "renkei /login (HTML page)" "http://127.0.0.1:$port_r/login")
rss_after=$(awk '/VmRSS/ {print $2}' /proc/$renkei_pid/status)
awk -v h="$health_rps" -v n="$nginx_rps" -v l="$login_rps" 'BEGIN {
  printf "ratio /healthz : nginx       %.2f\nratio /login   : nginx       %.2f\n", h / n, l / n }' >&2
echo "renkei RSS idle ${rss_idle} KiB, after the runs ${rss_after} KiB" >&2
