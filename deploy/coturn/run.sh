#!/usr/bin/env bash
# coturn, the TURN relay for browsers that cannot reach each other directly (symmetric NAT,
# UDP blocked). Runs in the foreground with its own pid file and run dir, like Kamailio.
#
# Credentials are the TURN REST API's (use-auth-secret): username "expiry:user", password
# base64(HMAC-SHA1(secret, username)) -- the very format of auth_ephemeral, so the server hands
# the SIP credentials out for TURN too, with the same SIP_SECRET.
set -euo pipefail

fail() {
  echo "coturn/run.sh: $*" >&2
  exit 2
}

[[ -x /usr/bin/turnserver ]] ||
  fail "coturn is missing: run '. scripts/lib/kamailio.sh && ensure_debian_packages coturn' as root."
secret=${SIP_SECRET:-}
[[ $secret =~ ^[A-Za-z0-9+/=_.:-]{16,256}$ ]] ||
  fail "SIP_SECRET (16-256 characters of A-Za-z0-9+/=_.:-) is required: TURN shares it."
domain=${SIP_DOMAIN:-127.0.0.1}
[[ $domain =~ ^[A-Za-z0-9.-]+$ ]] || fail "SIP_DOMAIN must be a host name or IPv4 address."
listen_ip=${TURN_LISTEN_IP:-127.0.0.1}
[[ $listen_ip =~ ^[0-9.]+$ ]] || fail "TURN_LISTEN_IP must be an IPv4 address, got \"$listen_ip\"."
port() {
  local name=$1 value=$2
  [[ $value =~ ^[0-9]+$ ]] && ((value >= 1 && value <= 65535)) ||
    fail "$name must be a port number from 1 to 65535, got \"$value\"."
  printf '%s' "$value"
}
turn_port=$(port TURN_PORT "${TURN_PORT:-3478}")
min_port=$(port TURN_PORT_MIN "${TURN_PORT_MIN:-49160}")
max_port=$(port TURN_PORT_MAX "${TURN_PORT_MAX:-49200}")
((min_port < max_port)) || fail "TURN_PORT_MIN must be below TURN_PORT_MAX."

run_dir=${TURN_RUN_DIR:-./data/coturn}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
conf="$run_dir/turnserver.conf"

# The secret goes in a file only we can read, never on the command line (ps shows that).
umask 077
{
  echo "listening-ip=$listen_ip"
  echo "listening-port=$turn_port"
  echo "relay-ip=$listen_ip"
  echo "min-port=$min_port"
  echo "max-port=$max_port"
  echo "realm=$domain"
  echo "use-auth-secret"
  echo "static-auth-secret=$secret"
  echo "fingerprint"
  echo "no-tls"
  echo "no-dtls"
  echo "no-cli"
  echo "no-multicast-peers"
  echo "pidfile=$run_dir/turnserver.pid"
  echo "log-file=stdout"
  echo "simple-log"
  # Tests relay between browsers on 127.0.0.1; a real relay must never reach loopback peers.
  [[ ${TURN_ALLOW_LOOPBACK:-0} == 1 ]] && echo "allow-loopback-peers"
} >"$conf"

exec /usr/bin/turnserver -c "$conf"
