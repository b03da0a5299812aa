# shellcheck shell=bash
# Sourced helper: makes sure Kamailio 5.6 and the modules Switchboard uses are installed.
# Usage: source scripts/lib/kamailio.sh && ensure_kamailio
# Installs with apt-get (root only) when something is missing; never starts the system service.

KAMAILIO_PACKAGES=(
  kamailio
  kamailio-websocket-modules
  kamailio-autheph-modules
  kamailio-utils-modules
  kamailio-tls-modules
  kamailio-json-modules
)

kamailio_missing_packages() {
  local pkg status
  for pkg in "${KAMAILIO_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$pkg"
  done
}

ensure_kamailio() {
  local missing
  mapfile -t missing < <(kamailio_missing_packages)
  if ((${#missing[@]} == 0)) && [[ -x /usr/sbin/kamailio ]]; then
    return 0
  fi
  ((${#missing[@]} > 0)) || missing=(kamailio)
  if [[ $(id -u) != 0 ]]; then
    echo "Kamailio packages missing (${missing[*]}); install them as root: apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "Installing ${missing[*]} ..." >&2
  # Keep the package from starting Kamailio as a system service during the install.
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
