#!/usr/bin/env bash
# Applies one bench pair with several variants, interleaved, to compare them in the same minutes on
# a VM whose speed drifts: our applier with its defaults (durable), with --no-direct-io
# (pagecache), with --no-sync (nosync), and the verified copy (floor: the least work of any apply
# that checks both hashes). Each variant runs twice in a row and the second run is timed, as in
# the bench. Needs the bench's models (bench/delta/run.sh).
#   bench/delta/apply-interleaved.sh Q4_0 ft01 [rounds] [variants, default "durable pagecache floor"]
#   (prints: variant wall-s user-s sys-s)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
quant=$1 scenario=$2 rounds=${3:-4} variants=${4:-durable pagecache floor}
work="$root/bench/work/delta"
base="$work/$quant-1073741824-base.gguf"
target="$work/$quant-1073741824-$scenario.gguf"
scratch="$work/scratch"
cli="$root/cli/target/modelfleet-cli.jar"
bench="$root/bench/target/modelfleet-bench-0.1.0-SNAPSHOT.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for f in "$base" "$target" "$cli" "$bench"; do
  [ -e "$f" ] || { echo "missing $f: run bench/delta/run.sh first" >&2; exit 2; }
done
mkdir -p "$scratch"
patch="$scratch/interleaved.patch" out="$scratch/interleaved.out"
"$java" -Xmx256m -jar "$cli" delta create --from "$base" --to "$target" --out "$patch" --force >/dev/null

one() {
  rm -f "$out"
  case $1 in
    durable) /usr/bin/time -f "%e %U %S" "$java" -Xmx32m -XX:+UseSerialGC -jar "$cli" delta apply \
      --from "$base" --patch "$patch" --out "$out" --force 2>&1 >/dev/null ;;
    pagecache) /usr/bin/time -f "%e %U %S" "$java" -Xmx32m -XX:+UseSerialGC -jar "$cli" delta apply \
      --no-direct-io --from "$base" --patch "$patch" --out "$out" --force 2>&1 >/dev/null ;;
    nosync) /usr/bin/time -f "%e %U %S" "$java" -Xmx32m -XX:+UseSerialGC -jar "$cli" delta apply \
      --no-sync --from "$base" --patch "$patch" --out "$out" --force 2>&1 >/dev/null ;;
    floor) /usr/bin/time -f "%e %U %S" "$java" -Xmx32m -XX:+UseSerialGC -cp "$bench:$root/bench/target/lib/*" \
      dev.modelfleet.bench.delta.VerifiedCopy "$base" "$target" "$out" 2>&1 >/dev/null ;;
  esac
}
for _ in $(seq "$rounds"); do
  for v in $variants; do
    one "$v" >/dev/null
    echo "$v $(one "$v")"
  done
done
rm -f "$out" "$patch"
