#!/usr/bin/env bash
# The first start of a gateway in a fresh JVM beside GreenMail's SMTP server, side by side in one
# run: a fresh JVM per sample, SAMPLES samples each (10), the median, in three settings:
#   plain JVM    the JVM does nothing else first (ColdStart's first start)
#   in JUnit 5   the first start inside a test, JUnit already loaded (through JUnit's console
#                launcher, as a test suite runs it)
#   later starts the median of nine more starts in the same JVM
# and the first test of a suite that uses the JUnit extension (its gateway and GreenMail behind
# it) beside the first test of one that uses GreenMail's own extension.
# The class path is the jars themselves, as a user's project has it. A benchmark, not a test:
# run it on a quiet machine.
# Usage: [SAMPLES=10] bench/cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${SAMPLES:-10}"
mvn -q -B -ntp -Pbench install -DskipTests > /dev/null
cp_file="$(mktemp)"
mvn -q -B -ntp -Pbench -pl gateway-benchmarks dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=runtime > /dev/null
classpath="gateway-benchmarks/target/classes:$(cat "$cp_file")"
console_jar() { { find ~/.m2/repository/org/junit/platform/junit-platform-console-standalone -name '*.jar' 2>/dev/null || true; } | sort | tail -1; }
console="$(console_jar)"
if [ -z "$console" ]; then
  mvn -q -B -ntp dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:6.1.3 > /dev/null
  console="$(console_jar)"
fi

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep -o "$1=[0-9.]*" | head -1 | cut -d= -f2; }

# The subjects alternate within each sample, so that a machine that slows down or speeds up
# during the run weighs on both alike.
declare -A samples_of
for _ in $(seq "$samples"); do
  for subject in gateway greenmail; do
    out="$(java -cp "$classpath" dev.mailgateway.benchmarks.ColdStart "$subject")"
    samples_of[first.$subject]+="$(echo "$out" | field first) "
    samples_of[later.$subject]+="$(echo "$out" | field later) "
    out="$(java -Dsubject="$subject" -jar "$console" execute --disable-banner --details=none \
      --class-path "$classpath" --select-class dev.mailgateway.benchmarks.ColdStartInJUnit 2>&1)"
    samples_of[junit.$subject]+="$(echo "$out" | field first) "
  done
  for test in ExtensionFirstTest GreenMailExtensionFirstTest; do
    out="$(java -jar "$console" execute --disable-banner --details=none --class-path "$classpath" \
      --select-class "dev.mailgateway.benchmarks.$test" 2>&1)"
    samples_of[extension.$test]+="$(echo "$out" | field first) "
  done
done
median_of() { printf '%s\n' ${samples_of[$1]} | median; }
declare -A first later junit extension
for subject in gateway greenmail; do
  first[$subject]="$(median_of "first.$subject")"
  later[$subject]="$(median_of "later.$subject")"
  junit[$subject]="$(median_of "junit.$subject")"
done
for test in ExtensionFirstTest GreenMailExtensionFirstTest; do
  extension[$test]="$(median_of "extension.$test")"
done

echo "== first start, median of $samples fresh JVMs (ms); ratio = gateway / GreenMail =="
printf '%-28s %10s %10s %7s\n' "" gateway GreenMail ratio
for row in first junit later; do
  case "$row" in first) label="a fresh JVM, nothing else";; junit) label="inside a JUnit 5 test";; later) label="later starts (same JVM)";; esac
  declare -n values="$row"
  printf '%-28s %10s %10s %7.2f\n' "$label" "${values[gateway]}" "${values[greenmail]}" \
    "$(echo "${values[gateway]} / ${values[greenmail]}" | bc -l)"
done
printf '%-28s %10s %10s %7.2f\n' "a JUnit extension's 1st test" "${extension[ExtensionFirstTest]}" \
  "${extension[GreenMailExtensionFirstTest]}" \
  "$(echo "${extension[ExtensionFirstTest]} / ${extension[GreenMailExtensionFirstTest]}" | bc -l)"
