#!/usr/bin/env bash
# Runs every test: format, lint, typecheck, unit and server tests on SQLite and PostgreSQL,
# then end-to-end tests in Debian's Chromium, then Debian's Firefox, against the real built server.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
. scripts/lib/kamailio.sh
. scripts/lib/isolate.sh

started=$(date +%s)
ensure_npm
ensure_chromium
ensure_firefox
ensure_postgres

echo "== check: format, lint, typecheck"
npm run --silent format:check
npm run --silent lint
npm run --silent typecheck

echo "== unit and server tests (SQLite and PostgreSQL), SIP against a real Kamailio"
ensure_kamailio
npx vitest run --project unit --project server-sqlite --project server-postgres --project sip

echo "== build"
npm run --silent build >/dev/null
# A second build with another id stands in for "a new version was deployed" in the update-prompt test.
BUILD_ID=e2e-next npx vite build --outDir .run/dist-next --emptyOutDir --logLevel error >/dev/null

echo "== chaos: the store against the built server through faults (loopback only; CHAOS_SEED replays)"
npx vitest run --project chaos

echo "== end-to-end (Chromium, real server, real Kamailio and rtpengine, sipp as an outside caller)"
ensure_sipp
run_isolated npx playwright test

echo "== Firefox (puppeteer-core over WebDriver BiDi, real server behind a switchable proxy)"
run_isolated npx vitest run --project firefox

echo "== all tests passed in $(( $(date +%s) - started )) s"
