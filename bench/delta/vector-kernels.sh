#!/usr/bin/env bash
# ADR 0012, option 2: the K-quant prediction kernel in scalar Java (the project's SWAR code) and
# with the Vector API, on each JDK given (default: the java on PATH). Needs no build.
#   bench/delta/vector-kernels.sh /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
homes=("$@")
[ ${#homes[@]} -gt 0 ] || homes=("")
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(grep -o -w 'avx2\|avx512f\|avx512bw' /proc/cpuinfo | sort -u | xargs), $(uname -sr)"
for home in "${homes[@]}"; do
  java="${home:+$home/bin/}java"
  echo "== $("$java" -version 2>&1 | head -1)"
  "$java" --add-modules jdk.incubator.vector "$here/vector/PredictKernels.java" "${ROUNDS:-25}" 2>&1 \
    | grep -v -i 'warning'
done
