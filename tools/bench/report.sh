#!/usr/bin/env bash
# Whole-report benchmark (issue 10): wall and CPU time of `compute-divide report` (release, every source of
# the data folder, default definitions, B = 1000) over RUNS runs after one warm-up run, with the machine's
# load average before each run (other builds on the same cores stretch wall time far more than CPU time).
# Prints figures; asserts nothing. The cargo bench (`cargo bench -p compute-divide --bench report`) times
# wall only.
#
# The warm-up run fills the cache folder, so the timed runs read the classified shipped papers from it
# (`shipped-<key>.bin`, ARCHITECTURE.md "The cache folder"), as every run after the first with the same
# data, build and paper definitions does. COLD=1 removes that file before each run, timing the first run after a
# change (read, classify and store the papers); COMPUTE_DIVIDE_CACHE=off turns every cache off.
#
# Usage: tools/bench/report.sh [RUNS]   (default 3; BIN=path/to/compute-divide to skip the build;
#        DATA=folder, default $COMPUTE_DIVIDE_DATA, else ../shared/data; COLD=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet -p compute-divide
  BIN=./target/release/compute-divide
fi
DATA=${DATA:-${COMPUTE_DIVIDE_DATA:-../shared/data}}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# The cache folder as the program names it (cd_ingest::registry::cache_dir).
if [[ -n "${COMPUTE_DIVIDE_CACHE+x}" ]]; then
  CACHE=$COMPUTE_DIVIDE_CACHE
elif [[ "${XDG_CACHE_HOME:-}" == /* ]]; then
  CACHE=$XDG_CACHE_HOME/compute-divide
else
  CACHE=$HOME/.cache/compute-divide
fi
run() {
  if [[ "${COLD:-0}" == 1 && -d "$CACHE" ]]; then rm -f "$CACHE"/shipped-*.bin; fi
  /usr/bin/time -f "%e %U %S" -o "$TMP/time" "$BIN" --data "$DATA" report --quiet --out "$TMP/report"
}
run
echo "compute-divide report, $RUNS runs ($(nproc) cores; wall and CPU in seconds; papers cache: $([[ "${COLD:-0}" == 1 ]] && echo "removed before each run" || echo "warm"))"
for i in $(seq "$RUNS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  run
  read -r wall user sys <"$TMP/time"
  awk -v i="$i" -v w="$wall" -v u="$user" -v s="$sys" -v l="$load" \
    'BEGIN { printf "run %d: wall %.2f  CPU %.2f (user %.2f + sys %.2f)  load before %s\n", i, w, u + s, u, s, l }'
done
