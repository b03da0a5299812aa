#!/usr/bin/env bash
# Runs Switchboard's Kamailio in the foreground with its own runtime dir and pid file; the
# caller stops exactly this process (exec keeps the pid). Loopback only.
#
# Required: SIP_SECRET (shared with the server; letters, digits and + / = _ . : - only, >= 16).
# Optional: SIP_DOMAIN (127.0.0.1), SIP_WS_PORT (5066), SIP_UDP_PORT (5060), SIP_TRUNK_PORT (5080),
#           RTPENGINE_NG_PORT (2223: deploy/rtpengine/run.sh's ng control port on 127.0.0.1),
#           SWITCHBOARD_URL (http://127.0.0.1:$PORT, PORT 8080: the server Kamailio asks which
#           agent rings for a queue call),
#           KAMAILIO_RUN_DIR (./data/kamailio), KAMAILIO_DEBUG (1 = notice).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/lib/kamailio.sh
source "$here/../../scripts/lib/kamailio.sh"

fail() {
  echo "kamailio/run.sh: $*" >&2
  exit 2
}

secret=${SIP_SECRET:-}
[[ -n $secret ]] || fail "SIP_SECRET is required (the secret shared with the Switchboard server)."
[[ $secret =~ ^[A-Za-z0-9+/=_.:-]{16,256}$ ]] ||
  fail "SIP_SECRET must be 16-256 characters of letters, digits and + / = _ . : - (try: openssl rand -hex 32)."
domain=${SIP_DOMAIN:-127.0.0.1}
[[ $domain =~ ^[A-Za-z0-9.-]+$ ]] || fail "SIP_DOMAIN must be a host name or IPv4 address, got \"$domain\"."
port() {
  local name=$1 value=$2
  [[ $value =~ ^[0-9]+$ ]] && ((value >= 1 && value <= 65535)) ||
    fail "$name must be a port number from 1 to 65535, got \"$value\"."
  printf '%s' "$value"
}
ws_port=$(port SIP_WS_PORT "${SIP_WS_PORT:-5066}")
udp_port=$(port SIP_UDP_PORT "${SIP_UDP_PORT:-5060}")
trunk_port=$(port SIP_TRUNK_PORT "${SIP_TRUNK_PORT:-5080}")
rtpengine_ng_port=$(port RTPENGINE_NG_PORT "${RTPENGINE_NG_PORT:-2223}")
# WSS (SIP over secure WebSocket) for PWAs served over https: on when SIP_WSS_PORT is set.
wss_port=0
if [[ -n ${SIP_WSS_PORT:-} ]]; then
  wss_port=$(port SIP_WSS_PORT "$SIP_WSS_PORT")
  [[ $wss_port != "$ws_port" && $wss_port != "$udp_port" && $wss_port != "$trunk_port" ]] ||
    fail "SIP_WSS_PORT must differ from the other SIP ports ($wss_port)."
fi
# The Switchboard server's ACD endpoint (queue calls). Kamailio authenticates with a token derived
# from the secret (sha256 of "switchboard-acd:<secret>", as the server's routing/acd-token.ts), so
# the HTTP request never carries the secret itself; printf is a builtin, so neither does a
# command line.
server_url=${SWITCHBOARD_URL:-http://127.0.0.1:$(port PORT "${PORT:-8080}")}
[[ $server_url =~ ^http://([A-Za-z0-9.-]+)(:[0-9]{1,5})?/?$ ]] ||
  fail "SWITCHBOARD_URL must be http://host[:port] (the server, on loopback), got \"$server_url\"."
acd_token=$(printf 'switchboard-acd:%s' "$secret" | sha256sum)
acd_url="http://kamailio:${acd_token%% *}@${server_url#http://}"
acd_url="${acd_url%/}/api/routing/acd"
debug=${KAMAILIO_DEBUG:-1}
[[ $debug =~ ^-?[0-9]$ ]] || fail "KAMAILIO_DEBUG must be a Kamailio debug level (-3..9), got \"$debug\"."
# The domain is an alias of this server. An alias without a port matches every port, so an
# IPv4 domain would make every device on that address (sip:user@127.0.0.1:40000) "myself" and
# its in-dialog requests would be routed back here: an address stands for its default port only.
if [[ $domain =~ ^[0-9.]+$ ]]; then alias="$domain:5060"; else alias=$domain; fi
if [[ $ws_port == "$udp_port" || $ws_port == "$trunk_port" || $udp_port == "$trunk_port" ]]; then
  fail "SIP_WS_PORT, SIP_UDP_PORT and SIP_TRUNK_PORT must differ ($ws_port, $udp_port, $trunk_port)."
fi

ensure_kamailio

run_dir=${KAMAILIO_RUN_DIR:-./data/kamailio}
mkdir -p "$run_dir"
run_dir=$(cd "$run_dir" && pwd)
cfg="$run_dir/kamailio.cfg"

# The TLS certificate of the WSS listener: SIP_TLS_CERT and SIP_TLS_KEY (PEM files), or a
# self-signed one made at every start for the domain (fine on a test machine or behind a proxy
# that terminates TLS; browsers must be told to trust it otherwise).
tls_cfg="$run_dir/tls.cfg"
if ((wss_port != 0)); then
  cert=${SIP_TLS_CERT:-}
  key=${SIP_TLS_KEY:-}
  if [[ -z $cert || -z $key ]]; then
    cert="$run_dir/tls-cert.pem"
    key="$run_dir/tls-key.pem"
    if [[ $domain =~ ^[0-9.]+$ ]]; then san="IP:$domain"; else san="DNS:$domain"; fi
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$domain" \
      -addext "subjectAltName=$san" -keyout "$key" -out "$cert" 2>/dev/null) ||
      fail "could not make a self-signed certificate with openssl."
  fi
  [[ -r $cert && -r $key ]] || fail "SIP_TLS_CERT and SIP_TLS_KEY must be readable PEM files."
  (
    umask 077
    printf '[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n'
    printf 'certificate = %s\nprivate_key = %s\n' "$cert" "$key"
  ) >"$tls_cfg"
fi

# The rendered config holds the secret: readable by us only. It is the template with the
# parameters prepended as #!substdef (substituted inside strings too, unlike #!define).
umask 077
{
  echo "#!KAMAILIO"
  echo "# Rendered by deploy/kamailio/run.sh from deploy/kamailio/kamailio.cfg; do not edit."
  echo "#!substdef \"!SB_DOMAIN!$domain!g\""
  echo "#!substdef \"!SB_ALIAS!$alias!g\""
  echo "#!substdef \"!SB_WS_PORT!$ws_port!g\""
  echo "#!substdef \"!SB_WSS_PORT!$wss_port!g\""
  echo "#!substdef \"!SB_TLS_CFG!$tls_cfg!g\""
  ((wss_port == 0)) || echo "#!define WITH_WSS"
  echo "#!substdef \"!SB_UDP_PORT!$udp_port!g\""
  echo "#!substdef \"!SB_TRUNK_PORT!$trunk_port!g\""
  echo "#!substdef \"!SB_RTPENGINE_NG_PORT!$rtpengine_ng_port!g\""
  echo "#!substdef \"!SB_SECRET!$secret!g\""
  echo "#!substdef \"!SB_ACD_URL!$acd_url!g\""
  echo "#!substdef \"!SB_DEBUG!$debug!g\""
  sed -e '1{/^#!KAMAILIO/d}' "$here/kamailio.cfg"
} >"$cfg.tmp"
mv "$cfg.tmp" "$cfg"

if ! check=$(/usr/sbin/kamailio -c -f "$cfg" 2>&1); then
  printf '%s\n' "$check" | grep -v -F -e "$secret" -e "${acd_token%% *}" >&2 || true
  fail "the rendered config $cfg does not validate."
fi

rm -f "$run_dir/kamailio.pid"
exec /usr/sbin/kamailio -DD -E -m 64 -M 8 \
  -P "$run_dir/kamailio.pid" -Y "$run_dir" -f "$cfg"
