#!/usr/bin/env bash
# Installs whatever softclose needs that is missing on a Debian 12 machine.
# Usage: scripts/deps.sh build|test
#   build: compiler, libwebsockets, jansson, libuuid, SQLite headers
#   test:  build + cmocka, clang (libFuzzer), Node packages from the lockfile, Debian chromium,
#          coturn (the call relay tests start their own turnserver; the system service is stopped),
#          systemd (systemd-analyze checks deploy/softclose.service; nothing is started)
# Needs root or sudo for apt-get; does nothing when everything is present.
set -euo pipefail
want=${1:-build}
pkgs=(build-essential pkg-config libwebsockets-dev libjansson-dev uuid-dev libsqlite3-dev libssl-dev)
if [ "$want" = test ]; then
  pkgs+=(libcmocka-dev clang libclang-rt-14-dev nodejs npm chromium coturn systemd)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# nodejs/npm may come from outside Debian on a developer box; accept any working node >= 18
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  # Installing coturn enables its system service; the tests run their own turnserver in the
  # foreground (tests/e2e/turn.mjs), so stop and disable it (works with or without systemd).
  if printf '%s\n' "${missing[@]}" | grep -qx coturn; then
    { $sudo systemctl disable --now coturn || $sudo service coturn stop || true; } >/dev/null 2>&1
    if [ -f /etc/default/coturn ]; then $sudo sed -i 's/^#*TURNSERVER_ENABLED=.*/TURNSERVER_ENABLED=0/' /etc/default/coturn || true; fi
  fi
fi
if [ "$want" = test ]; then
  if [ ! -d node_modules/ws ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
