#!/usr/bin/env bash
# Benchmarks: first-load JS of the shell, Lighthouse scores (mobile preset, medians) and the
# phone's call set-up timings (medians), against the real server, Kamailio and rtpengine, inside
# an isolated network namespace when root, like the e2e run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/ensure.sh
. scripts/lib/kamailio.sh
. scripts/lib/isolate.sh
ensure_npm
ensure_chromium
ensure_kamailio
ensure_sipp
npm run --silent build >/dev/null
run_isolated env CHROME_PATH=/usr/bin/chromium npx tsx bench/lighthouse.ts
run_isolated npx tsx bench/phone.ts
# Inbound calls (issue 6): sipp calls queue 2000, Kamailio asks the server, the agent's browser rings.
run_isolated npx tsx bench/acd.ts
# The local-first store (issue 4): bootstrap of 10k tasks, reads over 100k, a 1,000-mutation flush.
run_isolated npx tsx bench/sync-store.ts
# The task list (issue 5): a filter change to the first rows painted, scrolling 100k cached rows, the tab's heap.
run_isolated npx tsx bench/tasks-list.ts
# Chaos (issue 4): 1,000 cycles of outages, restarts, 500s, timeouts and duplicate pushes; 0 lost, 0 duplicated.
npx tsx bench/chaos.ts
# The server's side of that flush: POST /api/sync/push of 1,000 comment.add, SQLite and PostgreSQL.
npx tsx bench/sync-push.ts
# Routing (issue 6): Play claims by 200 agents at once and at work, SQLite and PostgreSQL; 0 double assignments.
npx tsx bench/routing-claims.ts
