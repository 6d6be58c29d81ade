#!/usr/bin/env bash
# ADR 0012, "copies": the CPU time per GiB of the applier's two read paths (the patch through an
# InputStream into heap arrays with CRC32C; the source into a direct buffer with SHA-256) beside
# direct-buffer and memory-mapped alternatives, on one thread, from the page cache. Needs no build.
#   bench/delta/read-paths.sh [FILE] [ROUNDS]   (default: the bench's Q8_0 unrelated model, 5 rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
file=${1:-$here/../work/delta/Q8_0-1073741824-unrelated.gguf}
[ -e "$file" ] || { echo "missing $file: run bench/delta/run.sh first, or name a file" >&2; exit 2; }
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -sr)"
"$java" "$here/readpaths/ReadPaths.java" "$file" "${2:-5}" 2>&1 | grep -v -i 'warning'
