#!/usr/bin/env bash
# What the operator's tools cost: the relay rate of the runtime as it was before them (a git
# revision, by default fe85f0c: its log was one line per event to a file) against the runtime of
# this tree writing Postfix's mail log to a file and keeping its meters, with a scrape of /metrics
# every SCRAPE seconds (5; Prometheus's default interval is 60, a common one 15).
# smtp-source -> gateway -> smtp-sink, 20 sessions, 10 KB messages; each round is a warm-up
# (untimed) and a timed run, and the two gateways take turns, ROUNDS times each, so that the
# machine's drift falls on both. A benchmark, not a test: run it on a quiet machine.
# With AGAINST=bare, "before" is this tree too, with its mail log to /dev/null and no meters:
# what the log and the meters alone cost.
# Usage: [BASELINE=rev] [AGAINST=bare] [WARM_UP=10000] [ROUNDS=3] [SCRAPE=5] bench/operations-cost.sh [messages, default 5000]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-5000}"
warm_up_messages="${WARM_UP:-10000}"
baseline="${BASELINE:-fe85f0c}"
rounds="${ROUNDS:-3}"
against="${AGAINST:-baseline}"
scrape="${SCRAPE:-5}"
sessions=20
size=10240

work="$(mktemp -d /var/tmp/gateway-ops-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  git worktree remove --force "$work/baseline" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mvn -q -B -ntp package -DskipTests -pl gateway-cli -am > /dev/null
if [ "$against" = baseline ]; then
  git worktree add --detach "$work/baseline" "$baseline" > /dev/null 2>&1
  (cd "$work/baseline" && mvn -q -B -ntp package -DskipTests -pl gateway-runtime -am > /dev/null)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; echo "nothing listens on $1" >&2; return 1; }

sink_port="$(free_port)"
printf 'hostname: gateway.example.test\ntrust: [127.0.0.1/32]\nrelayHost: "[127.0.0.1]:%s"\ncontentFilter: {enabled: false}\n' \
  "$sink_port" > "$work/policy.yaml"

measure() { # $1 = port, $2 = messages
  smtp-sink -u nobody -M "$2" "127.0.0.1:$sink_port" 100 > /dev/null 2>&1 &
  local sink=$!
  await_port "$sink_port"
  local start end
  start=$(date +%s.%N)
  smtp-source -s "$sessions" -m "$2" -l "$size" -f load@example.com -t sink@elsewhere.example "127.0.0.1:$1"
  wait "$sink"
  end=$(date +%s.%N)
  python3 -c "print(f'{$2 / ($end - $start):.0f}')"
}

round() { # $1 = baseline|current
  local port; port="$(free_port)"
  local spool="$work/spool-$1-$RANDOM"
  local scraper=""
  if [ "$1" = bare ]; then
    gateway-cli/target/gateway/bin/gateway run --policy "$work/policy.yaml" --listen "127.0.0.1:$port" \
      --spool "$spool" > /dev/null 2>&1 &
  elif [ "$1" = baseline ]; then
    java -cp "$work/baseline/gateway-runtime/target/classes:$work/baseline/gateway-runtime/target/lib/*" \
      dev.mailgateway.cli.GatewayCommand run --policy "$work/policy.yaml" --listen "127.0.0.1:$port" \
      --spool "$spool" > "$work/$1.log" 2>&1 &
  else
    local admin; admin="$(free_port)"
    gateway-cli/target/gateway/bin/gateway run --policy "$work/policy.yaml" --listen "127.0.0.1:$port" \
      --spool "$spool" --mail-log "$work/$1.log" --admin-listen "127.0.0.1:$admin" > /dev/null 2>&1 &
  fi
  local gateway=$!
  pids+=("$gateway")
  await_port "$port"
  if [ "$1" = current ]; then
    (while kill -0 "$gateway" 2>/dev/null; do curl -s "http://127.0.0.1:$admin/metrics" > /dev/null || true; sleep "$scrape"; done) &
    scraper=$!
    pids+=("$scraper")
  fi
  measure "$port" "$warm_up_messages" > /dev/null
  sleep 5
  measure "$port" "$messages"
  kill "$gateway"; wait "$gateway" 2>/dev/null || true
  if [ -n "$scraper" ]; then kill "$scraper" 2>/dev/null || true; wait "$scraper" 2>/dev/null || true; fi
}

echo "$messages messages of $size bytes, $sessions sessions, after a warm-up of $warm_up_messages (messages/s):"
before=(); now=()
for _ in $(seq 1 "$rounds"); do
  b="$(round "$against")"; before+=("$b"); echo "  before ($against $baseline):          $b"
  c="$(round current)";  now+=("$c");    echo "  now, Postfix log + meters + scrape:  $c"
done
python3 -c "
b=[$(IFS=,; echo "${before[*]}")]; c=[$(IFS=,; echo "${now[*]}")]
import statistics as s
mb, mc = s.median(b), s.median(c)
ratios = sorted(x / y for x, y in zip(c, b))
print(f'median before {mb:.0f}, now {mc:.0f}: now/before {mc/mb:.3f} (cost {100*(1-mc/mb):.1f} %);'
      f' median of the rounds\' ratios {s.median(ratios):.3f}')"
