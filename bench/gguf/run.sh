#!/usr/bin/env bash
# GGUF benchmarks (issue 2): header parse of a generated 4 GiB model, generator write throughput,
# Q8_0 quantization throughput. Prints a Markdown table for docs/benchmarks.md.
# Usage: bench/gguf/run.sh [--model-gib N] [--generate-gib N] [--threads N]
# Needs ~6 GiB free in bench/work/ (the 4 GiB model is kept there between runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$root"
./mvnw -q -B -pl bench -am -DskipTests -Dspotless.check.skip=true package >&2
work="$root/bench/work/gguf"
mkdir -p "$work"
echo "## gguf — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "Command: \`bench/gguf/run.sh${*:+ $*}\`"
exec "$java" -Xmx2g -cp "bench/target/classes:bench/target/lib/*" dev.modelfleet.bench.gguf.GgufBench "$work" "$@"
