# Sourced by scripts/test.sh. run_isolated CMD...: as root, runs CMD in its own network namespace
# that has only loopback, so nothing leaves the machine and ports never clash with anything else
# here. Chromium reports navigator.onLine=false when loopback is the only interface, so a veth
# pair that lives inside the namespace (link-local address, no route out) stands in for "a network".
run_isolated() {
  if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    unshare -n bash -c '
      set -e
      ip link set lo up
      ip link add sb-net0 type veth peer name sb-net1
      ip link set sb-net0 up
      ip link set sb-net1 up
      ip addr add 169.254.77.1/32 dev sb-net0
      exec "$@"' run_isolated "$@"
  else
    "$@"
  fi
}
