#!/usr/bin/env bash
# The delta benchmark: `modelfleet delta` beside xdelta3, zstd --patch-from and rdiff on generated
# GGUF model pairs (1 GiB by default), in one run. Prints the machine, then Markdown tables for
# docs/benchmarks.md. Options are passed to the harness, e.g.
#   bench/delta/run.sh --size 256m --quants Q8_0 --scenarios ft01,meta --tools modelfleet,zstd
# Models are generated once into bench/work/delta (about 22 GiB for the default run) and reused.
# The default run covers Q8_0 and Q4_0 (every scenario) and Q4_K, Q5_K, Q6_K (the two fine-tunes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

need=()
command -v xdelta3 >/dev/null || need+=(xdelta3)
command -v zstd >/dev/null || need+=(zstd)
command -v rdiff >/dev/null || need+=(rdiff)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

./mvnw -q -B -pl cli,bench -am package -DskipTests -Dspotless.check.skip=true

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr), $("$java" -version 2>&1 | head -1), \
load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Anchors: $(xdelta3 -V 2>&1 | head -1 | cut -d, -f1), $(zstd --version | sed 's/\*//g' | xargs), \
$(rdiff --version | head -1)."
echo
"$java" -cp "bench/target/modelfleet-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.modelfleet.bench.delta.DeltaBench --cli cli/target/modelfleet-cli.jar \
  --work bench/work/delta "$@"
