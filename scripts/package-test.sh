#!/usr/bin/env bash
# The Debian package on this machine, as a town's IT would use it (make test runs it as root on Debian):
# build it with CPack, lintian it (no errors), install it with dpkg, check the files, owners and modes,
# run the server as the renkei user behind nginx with TLS (packaging/nginx-renkei.conf), run `renkei
# doctor` against a temporary configuration, upgrade onto itself (a backup first), then purge it and check
# that nothing is left.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
  echo "package test: skipped (needs root on Debian)"
  exit 0
fi
if dpkg-query -W -f='${Status}' renkei 2>/dev/null | grep -q 'installed'; then
  echo "package test: a renkei package is installed on this machine already; not touching it" >&2
  exit 1
fi
fail() { echo "package test: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/renkei-pkg.XXXXXX)
chmod 755 "$work"
cleanup() { dpkg --purge renkei >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

(cd "$BUILD" && cpack -G DEB -B "$work" >/dev/null)
deb=$(ls "$work"/renkei_*_amd64.deb)
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb -f "$deb" Depends > "$work/depends.txt"
grep -q 'libc6' "$work/depends.txt" || fail "library dependencies were not computed"
dpkg-deb -c "$deb" > "$work/contents.txt"
grep -q ' ./usr/bin/renkei$' "$work/contents.txt" || fail "no /usr/bin/renkei"
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" > "$work/lintian.txt" 2>&1 || true
  if grep -q '^E:' "$work/lintian.txt"; then cat "$work/lintian.txt" >&2; fail "lintian reports errors"; fi
  echo "lintian: $(grep -c '^W:' "$work/lintian.txt" || true) warnings, no errors"
fi

dpkg -i "$deb" >/dev/null
owner_mode() { stat -c '%U:%G %a' "$1"; }
[ "$(owner_mode /var/lib/renkei)" = "renkei:renkei 700" ] || fail "/var/lib/renkei is $(owner_mode /var/lib/renkei)"
[ "$(owner_mode /var/backups/renkei)" = "renkei:renkei 700" ] || fail "/var/backups/renkei is $(owner_mode /var/backups/renkei)"
[ "$(owner_mode /etc/renkei/renkei.toml)" = "root:renkei 640" ] || fail "/etc/renkei/renkei.toml is $(owner_mode /etc/renkei/renkei.toml)"
[ "$(owner_mode /etc/renkei/secret.key)" = "renkei:renkei 600" ] || fail "the secret key is $(owner_mode /etc/renkei/secret.key)"
[ "$(owner_mode /etc/renkei/backup.key)" = "renkei:renkei 600" ] || fail "the backup key is $(owner_mode /etc/renkei/backup.key)"
dpkg-query -W -f='${Conffiles}\n' renkei | grep -q '/etc/renkei/renkei.toml' || fail "renkei.toml is not a conffile"
for u in renkei.service renkei-backup.service renkei-backup.timer renkei-audit-verify.service renkei-audit-verify.timer \
  renkei-digest.service renkei-digest.timer; do
  [ -f "/lib/systemd/system/$u" ] || fail "no $u"
done
grep -q '^ProtectSystem=strict' /lib/systemd/system/renkei.service || fail "the service is not hardened"
# The units as systemd reads them (no systemd runs in a test container; this is its own check).
if command -v systemd-analyze >/dev/null; then
  (cd /lib/systemd/system && systemd-analyze verify renkei.service renkei-backup.service renkei-backup.timer \
    renkei-audit-verify.service renkei-audit-verify.timer renkei-digest.service renkei-digest.timer) > "$work/verify.txt" 2>&1 || true
  if [ -s "$work/verify.txt" ]; then cat "$work/verify.txt" >&2; fail "systemd-analyze verify complains about the units"; fi
fi
[ "$(getent passwd renkei | cut -d: -f7)" = /usr/sbin/nologin ] || fail "the renkei user can log in"

# The service's command line as its user, with the package's own configuration but a port of the test's.
as_renkei() { runuser -u renkei -- "$@"; }
as_renkei /usr/bin/renkei --config /etc/renkei/renkei.toml migrate >/dev/null 2>"$work/migrate.log"
as_renkei /usr/bin/renkei --config /etc/renkei/renkei.toml backup >/dev/null 2>"$work/backup.log"
# The digest timer's command on a server without SMTP: nothing to send, and not a failed unit.
as_renkei /usr/bin/renkei --config /etc/renkei/renkei.toml digest | grep -q 'no digests sent' || fail "the digest fails without SMTP"
port=$((40000 + RANDOM % 10000))
# setpriv execs the server itself, so that SIGTERM reaches it (runuser would stay between).
RENKEI_LISTEN="127.0.0.1:$port" setpriv --reuid renkei --regid renkei --init-groups \
  /usr/bin/renkei --config /etc/renkei/renkei.toml serve 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/serve.log" >&2; fail "the server did not start as renkei"; }
# nginx in front, with TLS, as the sample configuration of docs/operations.md says (a test certificate,
# the test's ports): HTTP is sent to HTTPS, and HTTPS reaches the server.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=renkei.example.jp \
  -keyout "$work/tls.key" -out "$work/tls.pem" >/dev/null 2>&1
http_port=$((port + 1)); tls_port=$((port + 2))
mkdir -p "$work/nginx/logs"
sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|; s|listen \[::\]:80;||; s|listen 443 ssl http2;|listen 127.0.0.1:$tls_port ssl http2;|" \
    -e "s|listen \[::\]:443 ssl http2;||; s|/etc/ssl/certs/renkei.example.jp.pem|$work/tls.pem|; s|/etc/ssl/private/renkei.example.jp.key|$work/tls.key|" \
    -e "s|http://127.0.0.1:8080|http://127.0.0.1:$port|" packaging/nginx-renkei.conf > "$work/nginx/site.conf"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 64; }
http { access_log off; include $work/nginx/site.conf; }
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
proxy=$!
for _ in $(seq 50); do curl -sfk "https://127.0.0.1:$tls_port/readyz" >/dev/null && break; sleep 0.1; done
curl -sfk "https://127.0.0.1:$tls_port/readyz" >/dev/null || { cat "$work/nginx/logs/error.log" >&2; fail "nginx with TLS does not reach the server"; }
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/login")
[[ "$redirect" == "301 https://"* ]] || fail "plain HTTP is not sent to HTTPS: $redirect"
curl -sfk "https://127.0.0.1:$tls_port/login" | grep -q 'ログイン' || fail "the login page does not come through nginx"
kill -TERM "$proxy"; wait "$proxy" 2>/dev/null || true
kill -TERM "$server"
wait "$server" || fail "the server did not drain and exit cleanly on SIGTERM"
# The doctor: with a public https address set in a copy of the configuration, nothing needs action
# (the clock's sync and the like may be [確認] on a test machine).
sed 's|^public_url = ""|public_url = "https://renkei.example.jp"|; s|^secure_cookies = false|secure_cookies = true|' \
  /etc/renkei/renkei.toml > "$work/renkei.toml"
chmod 644 "$work/renkei.toml"
as_renkei /usr/bin/renkei --config "$work/renkei.toml" doctor > "$work/doctor.txt" || { cat "$work/doctor.txt" >&2; fail "doctor asks for action"; }
grep -q '^\[OK\].*バックアップ' "$work/doctor.txt" || { cat "$work/doctor.txt" >&2; fail "doctor did not restore the backup on trial"; }
as_renkei /usr/bin/renkei --config /etc/renkei/renkei.toml audit verify >/dev/null || fail "the audit chain does not verify"

# An upgrade onto the same version keeps the town's edits to the conffile and takes a backup first.
echo '# edited by the town' >> /etc/renkei/renkei.toml
before=$(ls /var/backups/renkei | wc -l)
dpkg -i "$deb" >/dev/null
grep -q '^# edited by the town' /etc/renkei/renkei.toml || fail "the upgrade lost the town's edits"
[ "$(ls /var/backups/renkei | wc -l)" -gt "$before" ] || fail "no backup before the upgrade"

dpkg --purge renkei >/dev/null
for p in /usr/bin/renkei /etc/renkei /var/lib/renkei /var/backups/renkei /lib/systemd/system/renkei.service /usr/share/doc/renkei; do
  [ ! -e "$p" ] || fail "$p is left after purge"
done
getent passwd renkei >/dev/null && fail "the renkei user is left after purge"
echo "package test: install, service, doctor, upgrade and purge as a town would: ok"
