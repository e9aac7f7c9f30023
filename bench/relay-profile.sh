#!/usr/bin/env bash
# Where the plain relay's CPU goes, per message and by stage: smtp-source straight into smtp-sink
# (the ceiling: a relay receives and sends each message, so it can reach about half of it), then
# smtp-source -> gateway run -> smtp-sink with the same load, measured as
#  - the CPU each of the gateway's threads spent in the timed round (/proc/PID/task, user and
#    kernel), grouped: sessions (receive, cleanup, queue), delivery, the mail log, GC, JIT;
#  - a JFR profile of the same round, whose samples of Java code are given to the stage of the
#    innermost frame of ours (dev.mailgateway.runtime.receive, .cleanup, .queue, .deliver, ...),
#    to split the session threads' time between receive, cleanup and the queue;
#  - the CPU of smtp-source and smtp-sink, which share the machine's cores with the gateway.
# A benchmark, not a test: run it on a quiet machine.
# DKIM=rsa (the default key) or DKIM=ed25519 profiles the relay of mail the gateway signs.
# Usage: [WARM_UP=messages, default 20000] [DKIM=rsa|ed25519] bench/relay-profile.sh [messages, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-20000}"
warm_up_messages="${WARM_UP:-20000}"
sessions=20
size=10240

mvn -q -B -ntp package -DskipTests -pl gateway-cli -am > /dev/null
source bench/lib.sh
sink_port="$(free_port)"
dkim=()
[ -n "${DKIM:-}" ] && dkim=("dkim: {domains: [example.com], algorithm: $DKIM, keyDirectory: $work/keys}")
relay_policy "$work/policy.yaml" "${dkim[@]}"
[ -n "${DKIM:-}" ] && ./gateway render --policy "$work/policy.yaml" --out "$work/render" > /dev/null

ticks="$(getconf CLK_TCK)"
# CPU seconds (user + system) of this shell's waited-for children so far (not in a subshell,
# whose children they are not).
children_cpu() { times > "$work/times"; tail -1 "$work/times" | python3 -c '
import re, sys
print(sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", sys.stdin.read())))'; }

# One line per thread of $1: name, user ticks, system ticks.
threads() {
  for task in /proc/"$1"/task/*; do
    python3 - "$task" <<'EOF' 2>/dev/null || true
import sys
stat = open(sys.argv[1] + "/stat").read()
name = stat[stat.index("(") + 1:stat.rindex(")")]
fields = stat[stat.rindex(")") + 2:].split()
print(f"{sys.argv[1].rsplit('/', 1)[1]}\t{name}\t{fields[11]}\t{fields[12]}")
EOF
  done
}
process_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "$messages messages of $size bytes, $sessions sessions; warm-up $warm_up_messages"
children_cpu > "$work/cpu"; before="$(cat "$work/cpu")"
direct_load "$messages" > "$work/rate"
direct="$(cat "$work/rate")"
children_cpu > "$work/cpu"
direct_cpu="$(python3 -c "print(f'{($(cat "$work/cpu") - $before) / $messages * 1e6:.0f}')")"
echo "smtp-source -> smtp-sink:            $direct messages/s, $direct_cpu µs CPU a message (both)"

port="$(free_port)"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:-}" gateway-cli/target/gateway/bin/gateway run \
  --policy "$work/policy.yaml" --listen "127.0.0.1:$port" --spool "$work/spool" \
  > "$work/runtime.log" 2>&1 &
gateway=$!
pids+=("$gateway")
await_port "$port"
java_pid="$(pgrep -f -P "$gateway" java || echo "$gateway")"
# The recording starts before the warm-up, so that what it makes the JIT compile again is done
# before the timed round; only that round's samples are counted.
jcmd "$java_pid" JFR.start name=relay settings=profile > /dev/null
relay_load "$port" "$warm_up_messages" > /dev/null
sleep 5
round_start="$(date -u +%Y-%m-%dT%H:%M:%S.%N)"
threads "$java_pid" > "$work/threads.before"
total_before="$(process_ticks "$java_pid")"
children_cpu > "$work/cpu"; before="$(cat "$work/cpu")"
relay_load "$port" "$messages" > "$work/rate"
relayed="$(cat "$work/rate")"
children_cpu > "$work/cpu"
peers_cpu="$(python3 -c "print(f'{($(cat "$work/cpu") - $before) / $messages * 1e6:.0f}')")"
total_after="$(process_ticks "$java_pid")"
threads "$java_pid" > "$work/threads.after"
round_end="$(date -u +%Y-%m-%dT%H:%M:%S.%N)"
jcmd "$java_pid" JFR.dump name=relay filename="$work/relay.jfr" > /dev/null
jfr print --json --events jdk.ExecutionSample --stack-depth 128 "$work/relay.jfr" > "$work/samples.json"
echo "smtp-source -> gateway -> smtp-sink: $relayed messages/s ($(python3 -c "print(f'{$relayed / $direct:.0%}')") of direct); smtp-source and smtp-sink: $peers_cpu µs CPU a message"

python3 - "$work" "$messages" "$ticks" "$total_before" "$total_after" "$round_start" "$round_end" <<'EOF'
import collections, datetime, json, re, sys
work, messages, ticks, total_before, total_after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
instant = lambda text: datetime.datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", text.replace("Z", "")[:26]).rstrip("."))
round_start, round_end = instant(sys.argv[6]), instant(sys.argv[7])
us = lambda t: t / ticks / messages * 1e6

def read(name):
    rows = {}
    for line in open(f"{work}/{name}"):
        tid, thread, user, system = line.rstrip("\n").split("\t")
        rows[tid] = (thread, int(user), int(system))
    return rows

def group(thread):
    for prefix, label in (("smtp-session", "sessions"), ("delivery", "delivery"), ("mail-log", "mail log"),
                          ("VM Thread", "GC"), ("GC Thread", "GC"), ("C1 Compiler", "JIT"), ("C2 Compiler", "JIT"),
                          ("JFR", "JFR (the profile itself)")):
        if thread.startswith(prefix):
            return label
    return "other"

before, after = read("threads.before"), read("threads.after")
spent = collections.defaultdict(lambda: [0, 0])
for tid, (thread, user, system) in after.items():
    user0, system0 = before.get(tid, (thread, 0, 0))[1:]
    spent[group(thread)][0] += user - user0
    spent[group(thread)][1] += system - system0
total = total_after - total_before
seen = sum(u + s for u, s in spent.values())
print(f"\ngateway: {us(total):.0f} µs CPU a message, by thread (user + kernel):")
for label, (user, system) in sorted(spent.items(), key=lambda kv: -sum(kv[1])):
    if user + system:
        print(f"  {label:26s} {us(user + system):6.0f}  ({us(user):.0f} + {us(system):.0f})")
if total - seen > 0:
    print(f"  {'threads that ended':26s} {us(total - seen):6.0f}")

stage = re.compile(r"^dev\.mailgateway\.runtime\.(\w+)\.")
samples = json.load(open(f"{work}/samples.json"))["recording"]["events"]
by_thread = collections.defaultdict(collections.Counter)
hottest = collections.defaultdict(collections.Counter)
for event in samples:
    if not round_start <= instant(event["values"]["startTime"]) <= round_end:
        continue
    thread = event["values"]["sampledThread"]["javaName"] or ""
    where = "JDK and libraries only"
    for frame in event["values"]["stackTrace"]["frames"]:
        name = frame["method"]["type"]["name"].replace("/", ".")
        m = stage.match(name)
        if m:
            where = m.group(1)
            break
        if name.startswith("dev.mailgateway."):
            where = name.split(".")[2]
            break
    by_thread[group(thread)][where] += 1
    top = event["values"]["stackTrace"]["frames"][0]["method"]
    hottest[group(thread)][top["type"]["name"].replace("/", ".") + "." + top["name"]] += 1
for label in ("sessions", "delivery"):
    counts = by_thread[label]
    n = sum(counts.values())
    if not n:
        continue
    cpu = us(spent[label][0])
    print(f"\n{label}: {us(spent[label][1]):.0f} µs in the kernel (sockets, files, fsync); their {cpu:.0f} µs of user"
          f" CPU split by the JFR samples of Java code ({n}), by innermost package of ours:")
    for where, count in counts.most_common():
        print(f"  {where:26s} {cpu * count / n:6.0f}  ({count / n:.0%})")
    print("  the methods most often on top:", ", ".join(f"{m} {c}" for m, c in hottest[label].most_common(12)))
EOF
kill "$gateway"; wait "$gateway" 2>/dev/null || true
