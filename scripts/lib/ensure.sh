# Sourced by the start, test and bench scripts: installs what a fresh Debian machine lacks,
# so `npm start` and `npm test` work on a clean clone with nothing installed by hand.

apt_updated=0
# ensure_debian BINARY PACKAGE... : install the packages when BINARY is missing.
ensure_debian() {
  local probe="$1"; shift
  if [ -e "$probe" ] || command -v "$probe" >/dev/null 2>&1; then return 0; fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  if [ "$apt_updated" = 0 ]; then
    echo "[setup] apt-get update"
    $sudo apt-get update -qq
    apt_updated=1
  fi
  echo "[setup] apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ensure_npm: npm ci when node_modules is missing or older than the lockfile.
ensure_npm() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[setup] npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() { ensure_debian /usr/bin/chromium chromium fonts-liberation; }
# Firefox ESR for tests/firefox (driven by puppeteer-core over WebDriver BiDi).
ensure_firefox() { ensure_debian /usr/bin/firefox-esr firefox-esr; }

# PostgreSQL for the database tests; the tests start their own throwaway cluster.
ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    ensure_debian /nonexistent-initdb postgresql
  fi
}
