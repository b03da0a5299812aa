# shellcheck shell=bash
# Sourced helper: makes sure Kamailio 5.6 and the modules Switchboard uses are installed.
# Usage: source scripts/lib/kamailio.sh && ensure_kamailio
# Installs with apt-get (root only) when something is missing; never starts the system service.
# Also: ensure_sipp (Debian sip-tester, the outside caller of the tests) and
# ensure_debian_packages PKG... (the shared installer, used by scripts/lib/rtpengine.sh).

KAMAILIO_PACKAGES=(
  kamailio
  kamailio-websocket-modules
  kamailio-autheph-modules
  kamailio-utils-modules
  kamailio-tls-modules
  kamailio-json-modules
  # The media relay Kamailio drives (deploy/rtpengine/run.sh): installed with it, so the test
  # script's ensure_kamailio (outside the isolated network namespace) brings it too.
  rtpengine-daemon
  # The TURN relay (deploy/coturn/run.sh), started by the TURN e2e spec; never as a service.
  coturn
)

# missing_debian_packages PKG...: prints those of PKG that are not installed.
missing_debian_packages() {
  local pkg status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$pkg"
  done
}

kamailio_missing_packages() { missing_debian_packages "${KAMAILIO_PACKAGES[@]}"; }

# ensure_debian_packages PKG...: installs the missing ones (root only), with a policy-rc.d that
# keeps their packages from starting system services (kamailio, rtpengine-daemon) on install.
ensure_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages "$@")
  ((${#missing[@]} > 0)) || return 0
  if [[ $(id -u) != 0 ]]; then
    echo "Packages missing (${missing[*]}); install them as root: apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "Installing ${missing[*]} ..." >&2
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "${missing[@]}"
  } >&2 || rc=$?
  ((made_policy)) && rm -f "$policy"
  if ((rc != 0)); then
    echo "apt-get could not install ${missing[*]} (exit $rc)." >&2
    return "$rc"
  fi
}

ensure_kamailio() {
  if [[ -z $(kamailio_missing_packages) && -x /usr/sbin/kamailio ]]; then
    return 0
  fi
  ensure_debian_packages "${KAMAILIO_PACKAGES[@]}"
}

# sipp (Debian sip-tester, with /usr/share/sip-tester/g711a.pcap): the tests' outside caller.
ensure_sipp() {
  [[ -x /usr/bin/sipp ]] && return 0
  ensure_debian_packages sip-tester
}
