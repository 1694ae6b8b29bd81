#!/usr/bin/env bash
# Installs what building, testing and running Renkei needs on Debian 12 (bookworm).
# Idempotent: when every package is present it only checks and returns within a second or two.
# Uses sudo when not root. Never downloads anything but Debian packages and pinned npm packages.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)

# Boost must stay at 1.81: the unversioned libboost-*-dev packages are 1.74 and conflict.
DEBS=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsqlite3-dev sqlite3 postgresql postgresql-15 libpq-dev libsoci-dev
  libsodium-dev libssl-dev libicu-dev libxlsxwriter-dev libpango1.0-dev libcairo2-dev
  libqrencode-dev libkainjow-mustache-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libmd4c-dev libmd4c-html0-dev libvips-dev libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev libzip-dev libxml2-dev
  chromium fonts-noto-cjk wrk nginx poppler-utils clang libclang-rt-14-dev
  curl openssl unzip time lintian dpkg-dev
)

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${DEBS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
# Node.js may come from another source with npm bundled; only ask Debian for it when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages are pinned in package.json / package-lock.json; node_modules is the cache.
cd "$here"
if [ ! -f node_modules/.renkei-installed ] || [ package-lock.json -nt node_modules/.renkei-installed ]; then
  echo "install-deps: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.renkei-installed
fi
