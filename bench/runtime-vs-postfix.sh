#!/usr/bin/env bash
# Messages per second end to end (smtp-source -> gateway -> smtp-sink), the runtime against a
# private real Postfix rendered from the same policy (instance mode), with and without DKIM
# signing (Postfix signing through a private OpenDKIM milter). Both fsync a message before 250.
# A benchmark, not a test: run it on a quiet machine. Needs root (Postfix's master runs as root).
# Usage: [WARM_UP=messages, default 15000] bench/runtime-vs-postfix.sh [messages, default 5000]
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-5000}"
warm_up_messages="${WARM_UP:-15000}"
sessions=20
size=10240

mvn -q -B -ntp package -DskipTests -pl gateway-cli -am > /dev/null
source bench/lib.sh
sink_port="$(free_port)"
policy() { # $1 = with-dkim|plain
  if [ "$1" = with-dkim ]; then
    relay_policy "$work/$1.yaml" "dkim: {domains: [example.com], keyDirectory: $work/keys}"
  else
    relay_policy "$work/$1.yaml"
  fi
  echo "$work/$1.yaml"
}

# Sends $2 (default $messages) through 127.0.0.1:$1; prints messages per second.
measure() {
  relay_load "$1" "${2:-$messages}"
}

# A daemon runs for days: both gateways get the same untimed warm-up first, long enough for the
# JVM to have compiled its hot code with C2 (on two busy cores that takes some 10,000 messages;
# Postfix warms its caches).
# Prints the warm-up's own rate too: Postfix's falls as it runs. Then a pause before the timed
# round, for both: the warm-up's sink quits with connections still cached by the gateway, whose
# retries (and for the JVM, the compilation of those paths) should not land in the timed round.
warm_up() {
  measure "$1" "$warm_up_messages"
  sleep 5
}

runtime_rate() { # $1 = policy file
  local port; port="$(free_port)"
  gateway-cli/target/gateway/bin/gateway run --policy "$1" --listen "127.0.0.1:$port" \
    --spool "$work/spool-$(basename "$1" .yaml)" > "$work/runtime.log" 2>&1 &
  local gateway=$!
  pids+=("$gateway")
  await_port "$port"
  local warm; warm="$(warm_up "$port")"
  echo "$warm $(measure "$port")"
  kill "$gateway"; wait "$gateway" 2>/dev/null || true
}

postfix_rate() { # $1 = policy file, $2 = with-dkim|plain
  local port root="$work/postfix"; port="$(free_port)"
  rm -rf "$root"
  ./gateway render --policy "$1" --out "$root" --instance-root "$root" --listen "127.0.0.1:$port" > /dev/null
  mkdir -p "$root/queue" "$root/data" "$root/log"
  chown postfix "$root/data"
  chmod 755 "$root"
  if [ "$2" = with-dkim ]; then
    # The key lies below /var/tmp, which OpenDKIM's safe-key check would refuse.
    echo "RequireSafeKeys false" >> "$root/opendkim/opendkim.conf"
    opendkim -f -x "$root/opendkim/opendkim.conf" > "$work/opendkim.log" 2>&1 &
    pids+=("$!")
    await_port 8891
  fi
  postfix -c "$root/postfix" start > /dev/null 2>&1
  await_port "$port"
  local warm; warm="$(warm_up "$port")"
  echo "$warm $(measure "$port")"
  postfix -c "$root/postfix" stop > /dev/null 2>&1
  if [ "$2" = with-dkim ]; then kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; fi
}

plain="$(policy plain)"
dkim="$(policy with-dkim)"
./gateway render --policy "$dkim" --out "$work/keys-render" > /dev/null   # generates the DKIM keys
echo "$messages messages of $size bytes, $sessions sessions, relayed to smtp-sink, after a warm-up of"
echo "$warm_up_messages (messages/s end to end; the warm-up's own rate in brackets):"
read -r r_plain_warm r_plain < <(runtime_rate "$plain");        echo "  runtime,  no DKIM:    $r_plain ($r_plain_warm)"
read -r p_plain_warm p_plain < <(postfix_rate "$plain" plain);  echo "  Postfix,  no DKIM:    $p_plain ($p_plain_warm)"
read -r r_dkim_warm r_dkim < <(runtime_rate "$dkim");           echo "  runtime,  DKIM:       $r_dkim ($r_dkim_warm)"
read -r p_dkim_warm p_dkim < <(postfix_rate "$dkim" with-dkim); echo "  Postfix + OpenDKIM:   $p_dkim ($p_dkim_warm)"
python3 -c "print(f'ratio runtime/Postfix: {$r_plain/$p_plain:.2f} without DKIM, {$r_dkim/$p_dkim:.2f} with DKIM')"
