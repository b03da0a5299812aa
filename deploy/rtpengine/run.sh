#!/usr/bin/env bash
# Runs Switchboard's rtpengine (userspace forwarding, `table = -1`) in the foreground with its own
# pid file and runtime dir; the caller stops exactly this process (exec keeps the pid). Loopback
# only. Never the Debian system service: the packaged /etc/rtpengine config is not read.
#
# Optional: RTPENGINE_NG_PORT (2223; Kamailio's run.sh reads the same variable),
#           RTPENGINE_INTERFACE (127.0.0.1), RTPENGINE_PORT_MIN (30000), RTPENGINE_PORT_MAX (30999),
#           RTPENGINE_RUN_DIR (./data/rtpengine), RTPENGINE_LOG_LEVEL (5 = notice; 7 = debug).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/lib/rtpengine.sh
source "$here/../../scripts/lib/rtpengine.sh"

fail() {
  echo "rtpengine/run.sh: $*" >&2
  exit 2
}
port() {
  local name=$1 value=$2
  [[ $value =~ ^[0-9]+$ ]] && ((value >= 1 && value <= 65535)) ||
    fail "$name must be a port number from 1 to 65535, got \"$value\"."
  printf '%s' "$value"
}
ng_port=$(port RTPENGINE_NG_PORT "${RTPENGINE_NG_PORT:-2223}")
port_min=$(port RTPENGINE_PORT_MIN "${RTPENGINE_PORT_MIN:-30000}")
port_max=$(port RTPENGINE_PORT_MAX "${RTPENGINE_PORT_MAX:-30999}")
((port_max - port_min >= 3)) ||
  fail "RTPENGINE_PORT_MAX must be at least RTPENGINE_PORT_MIN + 3 ($port_min..$port_max)."
interface=${RTPENGINE_INTERFACE:-127.0.0.1}
[[ $interface =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ ]] ||
  fail "RTPENGINE_INTERFACE must be an IPv4 address, got \"$interface\"."
log_level=${RTPENGINE_LOG_LEVEL:-5}
[[ $log_level =~ ^[0-7]$ ]] || fail "RTPENGINE_LOG_LEVEL must be 0..7, got \"$log_level\"."

ensure_rtpengine

run_dir=${RTPENGINE_RUN_DIR:-./data/rtpengine}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
conf="$run_dir/rtpengine.conf"
sed -e "s!SB_NG_PORT!$ng_port!g" -e "s!SB_INTERFACE!$interface!g" \
  -e "s!SB_PORT_MIN!$port_min!g" -e "s!SB_PORT_MAX!$port_max!g" \
  -e "s!SB_LOG_LEVEL!$log_level!g" -e "s!SB_PID_FILE!$run_dir/rtpengine.pid!g" \
  "$here/rtpengine.conf" >"$conf.tmp"
mv "$conf.tmp" "$conf"

rm -f "$run_dir/rtpengine.pid"
exec /usr/bin/rtpengine --config-file="$conf" --config-section=rtpengine
