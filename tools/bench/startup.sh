#!/usr/bin/env bash
# Whole-process start-up benchmark (issue 12, item 6). Prints medians; asserts nothing.
#
# Times, in one run and with a warm disk cache (every command runs once before timing):
#   1. `compute-divide trends --format json` (goal: <= 60 ms);
#   2. `trends`, `shares` and `gap --format json` as three processes, against the Python peer
#      (`tools/peer/peer.py --all`: trends, shares, largest, gap, openness, lineage in one process,
#      pandas/numpy/statsmodels) on the same Epoch table (goal: Rust >= 50x faster);
#   3. the same three commands with the cache off (COMPUTE_DIVIDE_CACHE=off: the Epoch CSV parsed, GRID
#      and the universities list read, the classifier built and the models classified in every process,
#      as before the cache).
# With the cache on, a process reads the classified models of the unchanged table from the cache folder
# (see ARCHITECTURE.md, "The cache folder") and then does its own work.
# The peer takes its teams from `compute-divide models --format json` (written once, not timed).
#
# Usage: tools/bench/startup.sh [REPS]   (default 7; BIN=path/to/compute-divide to skip the build;
#        DATA=folder, default ../shared/data; TABLE=Epoch CSV, default the newest all-models snapshot)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${1:-7}
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet -p compute-divide
  BIN=./target/release/compute-divide
fi
DATA=${DATA:-../shared/data}
TABLE=${TABLE:-$(ls "$DATA"/epoch/all_ml_systems_*.csv | sort | tail -1)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export COMPUTE_DIVIDE_CACHE=${COMPUTE_DIVIDE_CACHE:-$TMP/cache}
cd_run() { "$BIN" "$1" --data "$DATA" --models "$TABLE" --format json >/dev/null; }

now_ns() { date +%s%N; }
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# CPU seconds (user + system) of all finished child processes so far, from bash's `times`, into $CPU.
# (`times` must run in this shell: in a pipe or `$(...)` it would run in a subshell without children.)
child_cpu() {
  times >"$TMP/times"
  CPU=$(tail -1 "$TMP/times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } print s }')
}
# time_ms CMD...: "wall_ms cpu_ms" of one run (CPU: user + system of the processes it started)
time_ms() {
  local t0 t1 c0 c1
  child_cpu; c0=$CPU; t0=$(now_ns); "$@"; t1=$(now_ns); child_cpu; c1=$CPU
  awk -v w=$(( (t1 - t0) / 1000 )) -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f %.1f\n", w / 1000, (b - a) * 1000 }'
}

three() { cd_run trends; cd_run shares; cd_run gap; }
three_nocache() { COMPUTE_DIVIDE_CACHE=off three; }
peer() { python3 tools/peer/peer.py --epoch "$TABLE" --teams "$TMP/teams.json" --all >/dev/null; }

"$BIN" models --data "$DATA" --models "$TABLE" --format json >"$TMP/teams.json"
# Warm-up: page cache, the cache folder, Python's bytecode cache.
three; three_nocache; peer

declare -a T1 T3 T3N TP
for ((i = 0; i < REPS; i++)); do
  T1+=("$(time_ms cd_run trends)")
  T3+=("$(time_ms three)")
  T3N+=("$(time_ms three_nocache)")
  TP+=("$(time_ms peer)")
done
# med COLUMN VALUES...: median of one column (1 wall, 2 CPU) of "wall cpu" pairs
med() { local c=$1; shift; printf '%s\n' "$@" | awk -v c="$c" '{print $c}' | median; }

echo "whole processes, warm disk cache, median of $REPS runs ($(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
echo "table: $TABLE"
printf '  %-44s %10s %10s\n' "" "wall ms" "CPU ms"
row() { printf '  %-44s %10.1f %10.1f%s\n' "$1" "$(med 1 "${@:3}")" "$(med 2 "${@:3}")" "$2"; }
row "trends --format json" "   (goal: wall <= 60 ms)" "${T1[@]}"
row "trends + shares + gap, 3 processes" "" "${T3[@]}"
row "  the same, cache off" "" "${T3N[@]}"
row "Python peer (peer.py --all), 1 process" "" "${TP[@]}"
awk -v p="$(med 1 "${TP[@]}")" -v r="$(med 1 "${T3[@]}")" -v n="$(med 1 "${T3N[@]}")" \
    -v pc="$(med 2 "${TP[@]}")" -v rc="$(med 2 "${T3[@]}")" 'BEGIN {
  printf "ratio peer / Rust, 3 processes: wall %.1fx (goal >= 50x; cache off %.1fx), CPU %.1fx\n", p / r, p / n, pc / rc }'
