#!/usr/bin/env bash
# Peak memory under the relay load of bench/runtime-vs-postfix.sh (smtp-source, 20 sessions,
# 10 KB messages, MESSAGES of them, into smtp-sink), side by side in one run:
#   gateway run, as the launcher starts it   peak resident size (VmHWM), and idle before the load
#   gateway run, the JVM's defaults          the same with GATEWAY_JVM_DEFAULTS=-XX:+UseG1GC (G1
#                                            and a heap of a quarter of the machine, as before
#                                            the launcher chose); and the relay rate of both
#   a private Postfix from the same policy   the largest sum of Pss over its processes
#                                            (/proc/PID/smaps_rollup), sampled every 0.2 s
# A benchmark, not a test: run it on a quiet machine. Needs root (Postfix's master runs as root).
# Usage: [MESSAGES=6000] bench/memory-vs-postfix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${MESSAGES:-6000}"
sessions=20
size=10240

mvn -q -B -ntp package -DskipTests -pl gateway-cli -am > /dev/null
source bench/lib.sh

sink_port="$(free_port)"
policy="$work/policy.yaml"
printf 'hostname: gateway.example.test\ntrust: [127.0.0.1/32]\nrelayHost: "[127.0.0.1]:%s"\ncontentFilter: {enabled: false}\n' \
  "$sink_port" > "$policy"

load() {
  relay_load "$1" "$messages"
}

# Prints: idle MB, peak MB, messages/s of gateway run with GATEWAY_JVM_DEFAULTS=$1 (the
# launcher's own when empty).
runtime() {
  local port; port="$(free_port)"
  GATEWAY_JVM_DEFAULTS="$1" gateway-cli/target/gateway/bin/gateway run --policy "$policy" \
    --listen "127.0.0.1:$port" --spool "$work/spool-$RANDOM" > "$work/runtime.log" 2>&1 &
  local gateway=$!
  pids+=("$gateway")
  await_port "$port"
  sleep 2
  local idle; idle="$(awk '/^VmRSS/ {print $2}' "/proc/$gateway/status")"
  local rate; rate="$(load "$port")"
  local peak; peak="$(awk '/^VmHWM/ {print $2}' "/proc/$gateway/status")"
  kill "$gateway"; wait "$gateway" 2>/dev/null || true
  echo "$((idle / 1024)) $((peak / 1024)) $rate"
}

# The sum of Pss (kB) over a Postfix instance's processes: master and its children.
postfix_pss() {
  local master="$1" total=0 pid
  for pid in "$master" $(pgrep -P "$master"); do
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

postfix_peak() {
  local port root="$work/postfix"; port="$(free_port)"
  ./gateway render --policy "$policy" --instance-root "$root" --listen "127.0.0.1:$port" > /dev/null
  postfix -c "$root/postfix" start > /dev/null 2>&1
  await_port "$port"
  local master; master="$(tr -d ' ' < "$root/queue/pid/master.pid")"
  local idle; idle="$(postfix_pss "$master")"
  local peak_file="$work/postfix-peak"
  echo 0 > "$peak_file"
  (
    peak=0
    while kill -0 "$master" 2>/dev/null; do
      now="$(postfix_pss "$master")"
      [ "$now" -gt "$peak" ] && peak="$now" && echo "$peak" > "$peak_file"
      sleep 0.2
    done
  ) &
  local sampler=$!
  local rate; rate="$(load "$port")"
  postfix -c "$root/postfix" stop > /dev/null 2>&1
  wait "$sampler" 2>/dev/null || true
  echo "$((idle / 1024)) $(( $(cat "$peak_file") / 1024 )) $rate $(pgrep -c -P "$master" 2>/dev/null || echo -)"
}

quarter="$(( $(awk '/^MemTotal/ {print $2}' /proc/meminfo) / 4 / 1024 ))m"
echo "$messages messages of $size bytes, $sessions sessions, relayed to smtp-sink (memory in MB):"
read -r l_idle l_peak l_rate < <(runtime "")
echo "  gateway run, the launcher's JVM options:   idle $l_idle, peak $l_peak, $l_rate messages/s"
read -r d_idle d_peak d_rate < <(runtime "-XX:+UseG1GC")
echo "  gateway run, the JVM's defaults (G1, $quarter): idle $d_idle, peak $d_peak, $d_rate messages/s"
read -r p_idle p_peak p_rate _ < <(postfix_peak)
echo "  Postfix (sum of Pss of its processes):      idle $p_idle, peak $p_peak, $p_rate messages/s"
python3 -c "print(f'peak: launcher {$l_peak/$p_peak:.2f} x Postfix; relay rate: launcher {$l_rate/$d_rate:.2f} x the default heap')"
