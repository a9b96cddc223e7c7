#!/usr/bin/env bash
# Installs whatever softclose needs that is missing on a Debian 12 machine.
# Usage: scripts/deps.sh build|test
#   build: compiler, libwebsockets, jansson, libuuid, SQLite headers
#   test:  build + cmocka, clang (libFuzzer), Node packages from the lockfile, Debian chromium
# Needs root or sudo for apt-get; does nothing when everything is present.
set -euo pipefail
want=${1:-build}
pkgs=(build-essential pkg-config libwebsockets-dev libjansson-dev uuid-dev libsqlite3-dev libssl-dev)
if [ "$want" = test ]; then
  pkgs+=(libcmocka-dev clang libclang-rt-14-dev nodejs npm chromium)
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
fi
if [ "$want" = test ]; then
  if [ ! -d node_modules/ws ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
