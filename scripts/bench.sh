#!/usr/bin/env bash
# Benchmarks: first-load JS size of the shell and Lighthouse scores (mobile preset, medians).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
ensure_npm
ensure_chromium
npm run --silent build >/dev/null
CHROME_PATH=/usr/bin/chromium npx tsx bench/lighthouse.ts
# Phone timings inside an isolated network namespace (as root), like the e2e run.
. scripts/lib/kamailio.sh
. scripts/lib/isolate.sh
ensure_kamailio
run_isolated npx tsx bench/phone.ts
