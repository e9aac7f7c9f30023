# Shared by the relay benchmarks (sourced, not run): a work folder that Postfix's daemons can
# reach and that goes away with every process started into $pids, free ports, and a relay load
# through a gateway into smtp-sink. The caller sets sessions, size and sink_port.

# Postfix's daemons (user postfix) must reach the instance: not below an owner-only home.
work="$(mktemp -d /var/tmp/gateway-bench.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/postfix/postfix/main.cf" ] && postfix -c "$work/postfix/postfix" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits up to 30 s (a JVM starting on a busy machine) for a listener on 127.0.0.1:$1.
await_port() {
  for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
  echo "nothing listens on $1" >&2
  return 1
}

# Writes to $1 the policy of the relay benchmarks: trust loopback, relay everything to smtp-sink on
# $sink_port, no content filter; lines after $1 are added to it (a DKIM line, say).
relay_policy() {
  local file="$1"
  shift
  {
    echo "hostname: gateway.example.test"
    echo "trust: [127.0.0.1/32]"
    echo "relayHost: \"[127.0.0.1]:$sink_port\""
    echo "contentFilter: {enabled: false}"
    for line in "$@"; do echo "$line"; done
  } > "$file"
}

# Sends $2 messages through 127.0.0.1:$1 and prints messages per second until the sink has them.
relay_load() { timed_load "$1" "$2" -M "$2"; }

# Sends $1 messages from smtp-source straight into smtp-sink (no gateway: the ceiling of a relay
# on this machine) and prints messages per second. The sink runs until the source is done: one
# that quits at its count would cut the source's last sessions off.
direct_load() { timed_load "$sink_port" "$1"; }

# Starts smtp-sink on $sink_port with the options after $2 and sends $2 messages from smtp-source
# to 127.0.0.1:$1; prints messages per second, timed until the sink exits when it was given its
# count (-M), else until the source is done (and the sink is stopped).
timed_load() {
  local port="$1" count="$2"
  shift 2
  smtp-sink -u nobody "$@" "127.0.0.1:$sink_port" 100 > /dev/null 2>&1 &
  local sink=$!
  await_port "$sink_port"
  local start end
  start=$(date +%s.%N)
  smtp-source -s "$sessions" -m "$count" -l "$size" -f load@example.com \
    -t sink@elsewhere.example "127.0.0.1:$port"
  if [ $# -gt 0 ]; then
    wait "$sink"
    end=$(date +%s.%N)
  else
    end=$(date +%s.%N)
    kill "$sink"; wait "$sink" 2>/dev/null || true
  fi
  python3 -c "print(f'{$count / ($end - $start):.0f}')"
}
