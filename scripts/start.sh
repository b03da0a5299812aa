#!/usr/bin/env bash
# Starts the whole product on this machine: installs what is missing, builds, migrates, seeds
# the demo instance on an empty database, starts Kamailio (the SIP server) and rtpengine (media
# relay for calls that leave WebRTC) and serves the PWA
# and API on HOST:PORT (127.0.0.1:8080). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh

ensure_npm
echo "[start] building the PWA and the server"
npm run --silent build >/dev/null

# One shared secret signs SIP credentials (server) and checks them (Kamailio); kept between starts.
mkdir -p data
if [ -z "${SIP_SECRET:-}" ]; then
  if [ ! -s data/sip-secret ]; then
    (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))" > data/sip-secret)
  fi
  SIP_SECRET=$(cat data/sip-secret)
fi
export SIP_SECRET SEED_DEMO=1

# rtpengine first: Kamailio pings it at start (media relay for calls that leave WebRTC).
export RTPENGINE_NG_PORT=${RTPENGINE_NG_PORT:-2223}
bash deploy/rtpengine/run.sh &
rtpengine_pid=$!
bash deploy/kamailio/run.sh &
kamailio_pid=$!
node server/dist/main.js &
server_pid=$!
stop() { kill -TERM "$server_pid" "$kamailio_pid" "$rtpengine_pid" 2>/dev/null || true; }
trap stop INT TERM
# Whichever ends first ends the product: a server without its SIP server is not the product.
wait -n "$server_pid" "$kamailio_pid" "$rtpengine_pid" || true
stop
wait
