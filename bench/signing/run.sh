#!/usr/bin/env bash
# Signing benchmark: OMS sign/verify of a large file vs openssl and sha256sum (same run), plus
# metadata verification per role. Prints Markdown tables for docs/benchmarks.md.
#   bench/signing/run.sh            # 4 GiB file, 3 runs each
#   SIZE_GIB=1 RUNS=1 bench/signing/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_gib="${SIZE_GIB:-4}"
runs="${RUNS:-3}"
work="$root/bench/work"
file="$work/signing-${size_gib}g.bin"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if ! command -v openssl >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq openssl
fi

mkdir -p "$work"
want=$((size_gib * 1024 * 1024 * 1024))
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne "$want" ]; then
  echo "Creating $file ($size_gib GiB of random bytes)..." >&2
  head -c "$want" /dev/urandom > "$file.tmp" && mv "$file.tmp" "$file"
fi

echo "Building the benchmark..." >&2
"$root/mvnw" -q -B -pl bench -am -DskipTests package >&2

# Every tool reads the file from the page cache: warm it once.
cat "$file" > /dev/null

echo "## Signing ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
echo
echo "Command: \`bench/signing/run.sh\` (SIZE_GIB=$size_gib RUNS=$runs)"
echo
"$java" -Xmx1g -cp "$root/bench/target/classes:$root/bench/target/lib/*" \
  dev.modelfleet.bench.signing.SigningBench "$file" "$runs"
