#!/usr/bin/env bash
# Compares two builds of the CLI on bench pairs, interleaved so that both see the same minutes of a
# VM whose speed drifts: encode (-Xmx256m) and apply (-Xmx32m, serial GC) with each jar in turn,
# then checks that both made the same patch. Needs the bench's models (bench/delta/run.sh).
#   bench/delta/compare-builds.sh OLD_CLI_JAR NEW_CLI_JAR [rounds] [pairs, default "Q6_K:ft05 Q5_K:ft05 Q6_K:ft01 Q4_K:ft05"]
#   (prints: round quant scenario build, then wall-s user-s sys-s of the encode and of the apply)
# An older build's jar: git worktree add /tmp/old COMMIT && (cd /tmp/old && ./mvnw -q -pl cli -am package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
old=$1 new=$2 rounds=${3:-2} pairs=${4:-Q6_K:ft05 Q5_K:ft05 Q6_K:ft01 Q4_K:ft05}
work="$root/bench/work/delta"
scratch="$work/scratch"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$scratch"
for round in $(seq "$rounds"); do
  for pair in $pairs; do
    quant=${pair%%:*} scenario=${pair##*:}
    base="$work/$quant-1073741824-base.gguf" target="$work/$quant-1073741824-$scenario.gguf"
    for f in "$base" "$target"; do
      [ -e "$f" ] || { echo "missing $f: run bench/delta/run.sh first" >&2; exit 2; }
    done
    for build in old new; do
      jar=$old
      [ "$build" = new ] && jar=$new
      encode=$( { /usr/bin/time -f "%e %U %S" "$java" -Xmx256m -jar "$jar" delta create \
        --from "$base" --to "$target" --out "$scratch/compare-$build.patch" --force >/dev/null; } 2>&1 | tail -1)
      rm -f "$scratch/compare.out"
      apply=$( { /usr/bin/time -f "%e %U %S" "$java" -Xmx32m -XX:+UseSerialGC -jar "$jar" delta apply \
        --from "$base" --patch "$scratch/compare-$build.patch" --out "$scratch/compare.out" --force >/dev/null; } 2>&1 | tail -1)
      echo "$round $quant $scenario $build encode $encode apply $apply"
    done
    if cmp -s "$scratch/compare-old.patch" "$scratch/compare-new.patch"; then
      echo "  same patch"
    else
      echo "  the patches differ"
    fi
  done
done
rm -f "$scratch/compare-old.patch" "$scratch/compare-new.patch" "$scratch/compare.out"
