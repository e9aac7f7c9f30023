#!/usr/bin/env bash
# Fuzzes every reader of untrusted bytes with Jazzer, one target after another, each in a JVM of
# its own (Jazzer fuzzes one test per JVM), and prints per target its executions, seconds and
# whether it found anything. A finding is written beside the target's seeds
# (src/test/resources/.../<Class>Inputs/<method>/crash-*), where every later build replays it,
# and makes this script exit 1.
#   .ci/run:             bench/fuzz.sh --seconds 60
#   a campaign (quiet):  bench/fuzz.sh --runs 10000000
# The targets instrument the project and BouncyCastle (the PEM and CSR parsers), not only the
# target's own package. Jazzer's regular-expression sanitizer is off: header_checks patterns are
# regular expressions from the operator by design, and the policy checks them itself.
# FUZZ_MAVEN_ARGS adds Maven options (a campaign in a clone beside a working tree takes its own
# -Dmaven.repo.local, so that neither overwrites the other's snapshots).
# Usage: [FUZZ_MAVEN_ARGS=...] bench/fuzz.sh [--seconds N | --runs N] [TargetClass ...]
set -euo pipefail
cd "$(dirname "$0")/.."

limit="-max_total_time=60"
case "${1:-}" in
  --seconds) limit="-max_total_time=$2"; shift 2 ;;
  --runs) limit="-runs=$2"; shift 2 ;;
esac

# module:TargetClass, one fuzz target each.
all=(
  gateway-runtime:SmtpSessionFuzzTest
  gateway-runtime:ProxyHeaderFuzzTest
  gateway-runtime:MessageHeadersFuzzTest
  gateway-dkim:DkimVerifierFuzzTest
  gateway-dkim:DkimRecordFuzzTest
  gateway-dkim:DnsMessageFuzzTest
  gateway-config:EnvFileFuzzTest
  gateway-config:PolicyFileFuzzTest
  gateway-config:JsonPolicyFileFuzzTest
  gateway-config:HeaderChecksFuzzTest
  gateway-config:TransportMapFuzzTest
  gateway-tls:PemFuzzTest
  gateway-tls:CsrFuzzTest
)
chosen=()
for target in "${all[@]}"; do
  if [ "$#" -eq 0 ] || printf '%s\n' "$@" | grep -qx "${target#*:}"; then
    chosen+=("$target")
  fi
done
[ "${#chosen[@]}" -gt 0 ] || { echo "no such target: $*" >&2; exit 1; }

read -r -a maven_args <<< "${FUZZ_MAVEN_ARGS:-}"
log="$(mktemp /tmp/gateway-fuzz.XXXXXX.log)"
echo "fuzz: installing the modules (tests skipped); log in $log"
mvn -B -ntp -q "${maven_args[@]}" install -DskipTests > "$log" 2>&1 || { cat "$log"; exit 1; }

status=0
outputs=()
printf '%-26s %12s %8s  %s\n' target executions seconds result
for target in "${chosen[@]}"; do
  module="${target%%:*}"
  class="${target#*:}"
  out="$(mktemp /tmp/gateway-fuzz-$class.XXXXXX.log)"
  if JAZZER_FUZZ=1 mvn -B -ntp "${maven_args[@]}" test -pl "$module" -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.instrumentation_includes='dev.mailgateway.**:org.bouncycastle.**' \
      -Djazzer.custom_hook_includes='dev.mailgateway.**' \
      -Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection \
      -Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=$limit" > "$out" 2>&1; then
    result="nothing found"
  else
    result="FINDING (see $out)"
    status=1
  fi
  done_line="$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$out" | tail -1 || true)"
  runs="$(echo "$done_line" | awk '{print $2}')"
  seconds="$(echo "$done_line" | awk '{print $5}')"
  if [ -z "$runs" ]; then
    result="did not fuzz (see $out)"
    status=1
  fi
  printf '%-26s %12s %8s  %s\n' "$class" "${runs:--}" "${seconds:--}" "$result"
  cat "$out" >> "$log"
  outputs+=("$out")
done

# A finding's exception and input on standard output: a CI machine's /tmp and the crash file
# written beside the seeds are gone with it, and the Base64 line alone reproduces the finding.
if [ "$status" -ne 0 ]; then
  for out in "${outputs[@]}"; do
    if grep -a -q -E 'Test unit written to|<<< (ERROR|FAILURE)!$' "$out"; then
      echo
      echo "== $(basename "$out")"
      # The failed test's report (Jazzer's JUnit runner says a finding there), without the
      # frames of the JDK, JUnit, Surefire and Jazzer.
      sed -n '/<<< \(ERROR\|FAILURE\)!$/,/^$/p' "$out" \
        | grep -a -v -E '^\s+at (java\.base|org\.junit|org\.apache\.maven|com\.code_intelligence)' \
        | grep -a -v -E '^\s+\.\.\. [0-9]+ more' | head -40
      grep -a -E 'Test unit written to|^Base64:' "$out" || true
    fi
  done
fi
exit "$status"
