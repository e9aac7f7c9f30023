#!/usr/bin/env bash
# DKIM signatures per second (JMH) for 2 KB, 100 KB and 10 MB messages, RSA-2048 and Ed25519,
# beside the raw sign rate of `openssl speed` on the same machine. A benchmark, not a test.
# Usage: bench/dkim-signing.sh [quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -Pbench package -DskipTests -pl gateway-benchmarks -am > /dev/null
iterations=(-wi 3 -w 2s -i 5 -r 3s -f 1)
[ "${1:-}" = quick ] && iterations=(-wi 1 -w 1s -i 2 -r 1s -f 1)
echo "== JMH: gateway DKIM signer, whole message (ops/s) =="
java -jar gateway-benchmarks/target/benchmarks.jar DkimSigningBenchmark "${iterations[@]}" -t 1 \
  -rf text -rff /dev/stdout 2>/dev/null | grep -E "^Benchmark|DkimSigningBenchmark"
echo
echo "== openssl speed: raw signatures (one core) =="
openssl speed -seconds 3 rsa2048 2>/dev/null | grep -E "^rsa 2048|sign/s"
openssl speed -seconds 3 ed25519 2>/dev/null | grep -E "Ed25519|sign/s"
