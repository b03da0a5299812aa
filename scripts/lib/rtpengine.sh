# shellcheck shell=bash
# Sourced helper: makes sure rtpengine (Debian rtpengine-daemon, userspace forwarding only) is
# installed. Usage: source scripts/lib/rtpengine.sh && ensure_rtpengine
# Installs with apt-get (root only) when missing; never starts or enables the system service.

# shellcheck source=./kamailio.sh
source "$(dirname "${BASH_SOURCE[0]}")/kamailio.sh"

ensure_rtpengine() {
  [[ -x /usr/bin/rtpengine ]] && return 0
  ensure_debian_packages rtpengine-daemon
}
