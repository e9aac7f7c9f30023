#!/usr/bin/env bash
# Peak memory under the relay load of bench/runtime-vs-postfix.sh (smtp-source, 20 sessions,
# 10 KB messages, into smtp-sink), side by side in one run:
#   gateway run, as the launcher starts it   peak resident size (VmHWM) over a warm-up of
#                                            WARM_UP messages and ROUNDS timed rounds of
#                                            MESSAGES, and idle before the load
#   gateway run, the JVM's defaults          the same with GATEWAY_JVM_DEFAULTS=-XX:+UseG1GC (G1
#                                            and a heap of a quarter of the machine, as before
#                                            the launcher chose)
#   a private Postfix from the same policy   the largest sum of Pss over its processes
#                                            (/proc/PID/smaps_rollup), sampled every 0.2 s,
#                                            under one load of MESSAGES
# The two gateways run at once and take turns, so that the machine's drift falls on both; the
# relay rate of each is the median of its rounds. LAUNCHER="options" measures other options in
# place of the launcher's. A benchmark, not a test: run it on a quiet machine. Needs root
# (Postfix's master runs as root).
# Usage: [MESSAGES=6000] [WARM_UP=15000] [ROUNDS=5] [LAUNCHER=...] bench/memory-vs-postfix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${MESSAGES:-6000}"
warm_up_messages="${WARM_UP:-15000}"
rounds="${ROUNDS:-5}"
sessions=20
size=10240

mvn -q -B -ntp package -DskipTests -pl gateway-cli -am > /dev/null
source bench/lib.sh

sink_port="$(free_port)"
policy="$work/policy.yaml"
relay_policy "$policy"

load() {
  relay_load "$1" "$messages"
}

# Starts gateway run with GATEWAY_JVM_DEFAULTS=$2 (the launcher's own when empty) and sets
# port[$1], gateway[$1] and idle[$1] (MB).
declare -A port gateway idle
start_runtime() {
  port[$1]="$(free_port)"
  GATEWAY_JVM_DEFAULTS="$2" gateway-cli/target/gateway/bin/gateway run --policy "$policy" \
    --listen "127.0.0.1:${port[$1]}" --spool "$work/spool-$1" > "$work/runtime-$1.log" 2>&1 &
  gateway[$1]=$!
  pids+=("$!")
  await_port "${port[$1]}"
  sleep 2
  idle[$1]="$(( $(awk '/^VmRSS/ {print $2}' "/proc/${gateway[$1]}/status") / 1024 ))"
}
peak_of() { echo "$(( $(awk '/^VmHWM/ {print $2}' "/proc/${gateway[$1]}/status") / 1024 ))"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

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
start_runtime launcher "${LAUNCHER:-}"
start_runtime defaults "-XX:+UseG1GC"
for which in launcher defaults; do relay_load "${port[$which]}" "$warm_up_messages" > /dev/null; sleep 3; done
declare -A rates
for _ in $(seq "$rounds"); do
  for which in launcher defaults; do rates[$which]+="$(relay_load "${port[$which]}" "$messages") "; sleep 2; done
done
l_rate="$(echo "${rates[launcher]}" | tr ' ' '\n' | grep . | median)"
d_rate="$(echo "${rates[defaults]}" | tr ' ' '\n' | grep . | median)"
l_peak="$(peak_of launcher)"; d_peak="$(peak_of defaults)"
kill "${gateway[launcher]}" "${gateway[defaults]}"; wait "${gateway[launcher]}" "${gateway[defaults]}" 2>/dev/null || true
echo "$warm_up_messages messages to warm up, then $rounds rounds of $messages taking turns; $size bytes, $sessions sessions, relayed to smtp-sink (memory in MB):"
label="the launcher's JVM options"; [ -n "${LAUNCHER:-}" ] && label="$LAUNCHER"
echo "  gateway run, $label: idle ${idle[launcher]}, peak $l_peak, $l_rate messages/s (rounds: ${rates[launcher]})"
echo "  gateway run, the JVM's defaults (G1, $quarter): idle ${idle[defaults]}, peak $d_peak, $d_rate messages/s (rounds: ${rates[defaults]})"
read -r p_idle p_peak p_rate _ < <(postfix_peak)
echo "  Postfix (sum of Pss of its processes):      idle $p_idle, peak $p_peak, $p_rate messages/s"
python3 -c "print(f'peak: launcher {$l_peak/$p_peak:.2f} x Postfix; relay rate: launcher {$l_rate/$d_rate:.2f} x the default heap')"
