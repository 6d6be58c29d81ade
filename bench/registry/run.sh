#!/usr/bin/env bash
# Registry benchmarks: upload throughput into the filesystem blob store and cached metadata GETs.
# Starts the registry's jar on an embedded PostgreSQL in bench/work/registry, talks to it over
# loopback only, prints a Markdown table. Usage: bench/registry/run.sh [SIZE_MB] [WRK_SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mb=${1:-2048}
wrk_seconds=${2:-20}
work="$root/bench/work/registry"
port=18090
token="bench-token-$(date +%s)-0123456789abcdef"
base="http://127.0.0.1:$port"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "building registry and CLI..." >&2
"$root/mvnw" -q -B -pl registry-server,cli -am -DskipTests -Dspotless.check.skip=true package >&2

rm -rf "$work"
mkdir -p "$work"
cli() { "$java" -jar "$root/cli/target/modelfleet-cli.jar" "$@"; }

echo "generating a ${size_mb} MiB Q8_0 model and signing it..." >&2
cli gguf generate --out "$work/model.gguf" --seed 1 --quant Q8_0 --size-mb "$size_mb" >&2
cli keys generate --algorithm ecdsa-p256 --out "$work/key.pem" --public-out "$work/key.pub.pem" >&2
cli sign --key "$work/key.pem" --out "$work/model.sig" "$work/model.gguf" >&2
size=$(stat -c %s "$work/model.gguf")

echo "starting the registry on $base ..." >&2
MODELFLEET_BOOTSTRAP_TOKEN="$token" "$java" -Xmx1g -jar "$root/registry-server/target/modelfleet-registry.jar" \
  --port "$port" --data-dir "$work/data" \
  --modelfleet.security.rate-limit.enabled=false --modelfleet.delta.enabled=false \
  --logging.level.root=WARN >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "$base/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "$base/actuator/health" >/dev/null

api() { curl -fsS -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"; }
api -X POST "$base/api/v1/profiles" -d '{"name":"bench","arch":"x86_64"}' >/dev/null
jq -n --rawfile k "$work/key.pub.pem" '{name:"bench",publisherKeys:[$k]}' \
  | api -X POST "$base/api/v1/models" -d @- >/dev/null
api -X POST "$base/api/v1/models/bench/releases" -d '{"version":"1.0.0"}' >/dev/null
id=$(jq -n --argjson s "$size" '{model:"bench",release:"1.0.0",profile:"bench",fileName:"model.gguf",size:$s}' \
  | api -X POST "$base/api/v1/uploads" -d @- | jq -r .id)

now() { date +%s.%N; }
t0=$(now)
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" -H "Content-Type: application/octet-stream" \
  -H "Upload-Offset: 0" -T "$work/model.gguf" "$base/api/v1/uploads/$id"
t1=$(now)
jq -n --rawfile s "$work/model.sig" '{signatureBundle:$s}' \
  | api -X POST "$base/api/v1/uploads/$id/commit" -d @- >/dev/null
t2=$(now)

upload_mbs=$(echo "$size $t0 $t1" | awk '{printf "%.0f", $1/1048576/($3-$2)}')
total_mbs=$(echo "$size $t0 $t2" | awk '{printf "%.0f", $1/1048576/($3-$2)}')
commit_s=$(echo "$t1 $t2" | awk '{printf "%.2f", $2-$1}')

# Devices poll with an ordinary VIEWER API token.
viewer=$(api -X POST "$base/api/v1/tokens" -d '{"name":"poller","roles":["VIEWER"]}' | jq -r .secret)
url="$base/api/v1/models/bench/metadata/timestamp.json"
etag=$(curl -fsSI -H "Authorization: Bearer $viewer" "$url" | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')
wrk_rps() { wrk -t2 -c32 -d"${wrk_seconds}s" "$@" | awk '/Requests\/sec/{printf "%.0f", $2}'; }
wrk -t2 -c32 -d5s -H "Authorization: Bearer $viewer" "$url" >/dev/null # JIT warm-up
rps_200=$(wrk_rps -H "Authorization: Bearer $viewer" "$url")
rps_304=$(wrk_rps -H "Authorization: Bearer $viewer" -H "If-None-Match: $etag" "$url")

cpu=$(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2; exit}')
echo
echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem/{print $2}') GiB RAM, $("$java" -version 2>&1 | head -1)"
echo "Command: bench/registry/run.sh $size_mb $wrk_seconds"
echo
echo "| measurement | result | target |"
echo "|---|---|---|"
echo "| upload of a $size_mb MiB GGUF into the filesystem store (one PUT, streamed to staging) | $upload_mbs MB/s | >= 300 MB/s |"
echo "| upload + commit (GGUF check, OMS signature verify, SHA-256, blob store) | $total_mbs MB/s (commit $commit_s s) | - |"
echo "| cached metadata GET (timestamp.json, 200 with body, VIEWER API token, wrk 2 threads 32 connections) | $rps_200 req/s | >= 5,000 req/s |"
echo "| cached metadata GET with If-None-Match (304) | $rps_304 req/s | - |"
