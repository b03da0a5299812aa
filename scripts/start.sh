#!/usr/bin/env bash
# Starts the whole product on this machine: installs what is missing, builds, migrates,
# seeds the demo instance on an empty database, and serves on HOST:PORT (127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh

ensure_npm
echo "[start] building the PWA and the server"
npm run --silent build >/dev/null

export SEED_DEMO=1
exec node server/dist/main.js
