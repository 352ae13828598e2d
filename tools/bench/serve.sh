#!/usr/bin/env bash
# Load bench of `compute-divide serve` on loopback with wrk (Debian package `wrk`). Prints latency
# percentiles; asserts nothing.
#
#   1. cached: 50 connections, 2 wrk threads, DURATION seconds each, against results already in the cache
#      (the study's definitions, B = 1000): the headline API, a panel's JSON, a panel's HTML page, and
#      the models explorer's page (whose figure is drawn per request) (goal: p99 < 20 ms);
#   2. cold: one connection, every request a new set of definitions (`seed=N`, N never repeated), so each
#      request runs the model analyses with B = 1000 and renders the sections (goal: p99 < 150 ms): the
#      headline cards (`seed` changes no classification, so the classified models are reused; the
#      specification curve is computed only when a request needs it); the same with a definition the
#      classification reads (`academia_leaning_min_share`), so every vintage is classified again; and the
#      specification-curve panel (each of its 639 specifications bootstrapped, B = 1000 by default); and
#      each paper panel (`/api/panels/<panel>?seed=N`: the part of the paper analyses the panel shows, the
#      papers' classification reused, the model analyses of its new definitions run too) after the papers
#      are read at start; and the publications panel under a definition that every classification key
#      holds but the papers' classification does not read (the papers shared, the Epoch tables classified
#      again). Each cold run starts when the server is idle (the request wrk abandoned at the end of the
#      run before is finished first).
# Bounded: wrk stops after DURATION seconds (default 10 for cached, 20 for cold, 60 for the topics panel); the server is started
# here on 127.0.0.1 (a free port) and stopped with SIGTERM at the end.
#
# Usage: tools/bench/serve.sh [DURATION]   (BIN=path/to/compute-divide to skip the release build;
#        DATA=folder, default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-10}
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet -p compute-divide
  BIN=./target/release/compute-divide
fi
DATA=${DATA:-../shared/data}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
TMP=$(mktemp -d)
RUST_LOG=warn "$BIN" --data "$DATA" serve --bind 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 300); do
  grep -q "listening on" "$TMP/out" 2>/dev/null && break
  sleep 0.1
done
URL=$(grep -o 'http://[0-9.:]*' "$TMP/out" | head -1)
[[ -n "$URL" ]] || { cat "$TMP/err" >&2; exit 1; }
echo "server: $URL (pid $PID), data $DATA, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm the cache (the study's definitions, with the specification curve) and time those first requests.
first=$(curl -s -o /dev/null -w '%{time_total}' "$URL/api/headlines")
curve=$(curl -s -o /dev/null -w '%{time_total}' "$URL/api/panels/speccurve")
echo "first requests (cold, B = 1000): headlines ${first}s, then the specification curve ${curve}s"
# The paper panels of the starting definitions: the first request once the papers are read (at start, in
# the background) classifies and analyses them.
for _ in $(seq 1 600); do
  papers=$(curl -s -o "$TMP/paper" -w '%{time_total}' "$URL/api/panels/topics")
  grep -q '"status":"computing"' "$TMP/paper" || break
  sleep 1
done
echo "first paper panel (papers classified and analysed, B = 1000): ${papers}s"

printf '\n%-34s %6s %9s %9s %9s %9s\n' "endpoint" "conns" "requests" "p50" "p90" "p99"
row() { # name conns wrk-output
  local p50 p90 p99 n
  p50=$(awk '$1=="50%"{print $2}' "$3"); p90=$(awk '$1=="90%"{print $2}' "$3"); p99=$(awk '$1=="99%"{print $2}' "$3")
  n=$(awk '/requests in/{print $1}' "$3")
  printf '%-34s %6s %9s %9s %9s %9s\n' "$1" "$2" "$n" "$p50" "$p90" "$p99"
  if grep -q "Non-2xx" "$3"; then grep "Non-2xx" "$3"; fi
}
# wrk stops at its deadline without waiting for the request in flight, which the server still computes:
# before each cold run, wait until the server has used no CPU for half a second, so that no run shares
# the cores with the end of the one before (a topics request takes seconds).
settle() {
  local a b
  for _ in $(seq 1 120); do
    a=$(awk '{print $14 + $15}' /proc/$PID/stat)
    sleep 0.5
    b=$(awk '{print $14 + $15}' /proc/$PID/stat)
    [[ $((b - a)) -le 2 ]] && return
  done
}
for path in /api/headlines /api/panels/shares /panel/shares "/models?team=academic_only"; do
  wrk -t2 -c50 -d"${DUR}s" --latency "$URL$path" >"$TMP/wrk" 2>&1
  row "cached $path" 50 "$TMP/wrk"
done
# One cold run: NAME SECONDS TIMEOUT LUA, one connection, each request the path the Lua expression LUA
# makes of its number n (1, 2, ...), started once the server is idle.
cold() {
  cat >"$TMP/cold.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", $4)
end
LUA
  settle
  wrk -t1 -c1 -d"$2s" --timeout "$3" --latency -s "$TMP/cold.lua" "$URL" >"$TMP/wrk" 2>&1
  row "$1" 1 "$TMP/wrk"
}
cold "cold /api/headlines?seed=N" $((DUR * 2)) 60s '"/api/headlines?seed=" .. (100000 + n)'
# A change of a definition the classification reads (here `academia_leaning_min_share`) classifies the
# models of every vintage again.
cold "cold, classified again" $((DUR * 2)) 60s \
  '"/api/headlines?academia_leaning_min_share=" .. string.format("%.6f", 0.7 + n / 1e6)'
cold "cold /api/panels/speccurve?seed=N" $((DUR * 2)) 60s '"/api/panels/speccurve?seed=" .. (200000 + n)'
# Each paper panel computes only its part of the paper analyses (the adoption and scrutiny panels share
# one); the topics panel, the topic test with its bootstraps, runs longest.
# Each panel's seeds are its own (300000, 400000, ...), so no panel finds the model analyses of another's
# definitions in the cache.
base=300000
for panel in publications topics review adoption; do
  secs=$((DUR * 2)); [[ $panel == topics ]] && secs=$((DUR * 6))
  cold "cold /api/panels/$panel?seed=N" "$secs" 120s "\"/api/panels/$panel?seed=\" .. ($base + n)"
  base=$((base + 100000))
done
# A definition the classification reads but the papers' classification does not (here
# `diff_rename_max_days`, which every classification key holds, so that each request has a key of its
# own): the papers classified at start are shared, the Epoch tables classified again
# (`cd_study::classify_tables`), then the publications part.
cold "cold publications, tables again" $((DUR * 2)) 60s \
  '"/api/panels/publications?diff_rename_max_days=" .. (100 + n)'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
