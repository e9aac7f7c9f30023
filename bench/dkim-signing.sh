#!/usr/bin/env bash
# DKIM signatures per second (JMH, one thread) of a 2 KB message, rsa-sha256 and ed25519-sha256,
# each with the native provider (Amazon Corretto Crypto Provider, as gateway run signs) and
# without it (-Ddev.mailgateway.dkim.nativeCrypto=false: the JDK's SunRsaSign and BouncyCastle,
# as a library user without it signs); beside the raw sign rate of `openssl speed` on one core of the same machine in
# the same run, and the ratio of each to it. SIZES=2048,102400,10485760 measures more sizes.
# A benchmark, not a test: run it on a quiet machine.
# Usage: [SIZES=...] bench/dkim-signing.sh [quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -Pbench package -DskipTests -pl gateway-benchmarks -am > /dev/null
iterations=(-wi 3 -w 2s -i 5 -r 3s -f 1)
[ "${1:-}" = quick ] && iterations=(-wi 1 -w 1s -i 2 -r 1s -f 1)
sizes="${SIZES:-2048}"

jmh() {
  java -jar gateway-benchmarks/target/benchmarks.jar DkimSigningBenchmark "${iterations[@]}" -t 1 \
    -p size="$sizes" -p algorithm="$1" -jvmArgsAppend "-Ddev.mailgateway.dkim.nativeCrypto=$2" \
    -rf csv -rff /dev/stdout 2>/dev/null | grep '^"dev' | awk -F, '{gsub(/"/,""); print $9, $5}'
}

rsa_native="$(jmh rsa true)"
rsa_jdk="$(jmh rsa false)"
ed_native="$(jmh ed25519 true)"
ed_bc="$(jmh ed25519 false)"
openssl_rsa="$(openssl speed -seconds 5 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')"
openssl_ed="$(openssl speed -seconds 5 ed25519 2>/dev/null | awk '/Ed25519/ && $NF ~ /^[0-9.]+$/ {print $(NF-1)}' | tail -1)"

# Prints a row per size: the signer's rate and its ratio to openssl's.
rows() { # $1 = label, $2 = "size rate" lines, $3 = openssl's rate
  while read -r size rate; do
    printf '%-34s %10s %12.0f %8.2f\n' "$1" "$size" "$rate" "$(echo "$rate / $3" | bc -l)"
  done <<< "$2"
}

echo "== signatures per second of a message, one thread; openssl speed's raw rate beside =="
printf '%-34s %10s %12s %8s\n' "signer" "size" "signatures/s" "ratio"
rows "rsa-sha256, native (AWS-LC)" "$rsa_native" "$openssl_rsa"
rows "rsa-sha256, the JDK's SunRsaSign" "$rsa_jdk" "$openssl_rsa"
printf '%-34s %10s %12.0f %8s\n' "openssl speed rsa2048 (raw sign)" "-" "$openssl_rsa" "1.00"
rows "ed25519-sha256, native (AWS-LC)" "$ed_native" "$openssl_ed"
rows "ed25519-sha256, BouncyCastle" "$ed_bc" "$openssl_ed"
printf '%-34s %10s %12.0f %8s\n' "openssl speed ed25519 (raw sign)" "-" "$openssl_ed" "1.00"
