#!/usr/bin/env bash
# The OpenAlex reader: the machine's limit, our extraction at 1 and N threads, DuckDB's read_json on the
# same files, peak memory as the input grows, and (unless --no-warehouse) `warehouse build` time
# (docs/openalex.md records a run).
#
#   tools/bench/openalex.sh [--reps 5] [--scales 1,10,100] [--no-warehouse] [--no-build] [SCRATCH_DIR] [WORKS_PER_PART] [PARTS]
#
# Generates PARTS parts of WORKS_PER_PART OpenAlex-shaped works (tools/gen_openalex.py, ~6.7 KB each) in
# SCRATCH_DIR/x1 (default /work/scratch-bench, 4 x 25,000 = 100,000 works). On them,
# tools/bench/openalex_compare.py runs the limit and our extraction (openalex_bench) alternating with DuckDB,
# --reps times (default 5), and prints the medians and the ratios. A bigger scale K (--scales,
# default 1,10) is the same parts linked K times under other names (xK/), so it costs no disk; the reader
# reads every link in full (from the page cache). For each scale the reader alone (openalex_bench
# --no-limit, all cores) runs under /usr/bin/time -v: works per second and peak RSS. The warehouse build
# runs at scales 1 and 10 only (100x would write about 2.3 GB). Needs: a release build (the script runs
# cargo build --release for what it uses), python3 with duckdb, /usr/bin/time, and for the warehouse the
# data folder ($COMPUTE_DIVIDE_DATA) for its part 0 (--no-build: use the release binaries as they are).
# Prints; asserts nothing. Delete SCRATCH_DIR afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
scales=1,10
reps=5
warehouse=1
build=1
pos=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) scales=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --no-warehouse) warehouse=0; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) pos+=("$1"); shift ;;
  esac
done
scratch=${pos[0]:-/work/scratch-bench}
per=${pos[1]:-25000}
parts=${pos[2]:-4}
bin=target/release/compute-divide
bench=target/release/examples/openalex_bench
if [ "$build" = 1 ]; then
  cargo build --release -q -p cd-ingest --example openalex_bench
  if [ "$warehouse" = 1 ]; then cargo build --release -q -p compute-divide; fi
fi
mkdir -p "$scratch/x1"
if [ ! -f "$scratch/x1/part_$(printf %03d $((parts - 1))).gz" ]; then
  python3 tools/gen_openalex.py --works "$per" --files "$parts" --out "$scratch/x1/part_000.gz"
fi
x1=("$scratch"/x1/part_*.gz)
for n in ${scales//,/ }; do
  [ "$n" = 1 ] && continue
  mkdir -p "$scratch/x$n"
  for k in $(seq 0 $((n - 1))); do
    for f in "${x1[@]}"; do
      ln -sf "$(readlink -f "$f")" "$scratch/x$n/r${k}_$(basename "$f")"
    done
  done
done
cores=$(nproc)
echo "== machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
echo "== 1x: ${#x1[@]} parts; the limit, ours and DuckDB at 1 and $cores threads, alternating, $reps repetitions"
python3 tools/bench/openalex_compare.py --reps "$reps" --threads "1,$cores" --bench "$bench" "${x1[@]}"

echo "== the reader alone ($cores threads) as the input grows: works per second and peak RSS"
for n in ${scales//,/ }; do
  files=("$scratch/x$n"/*.gz)
  /usr/bin/time -v "$bench" --no-limit --threads "$cores" "${files[@]}" > "$scratch/bench_$n.txt" 2> "$scratch/time_$n.txt"
  echo "${n}x (${#files[@]} parts): $(grep -h '^extract (' "$scratch/bench_$n.txt" | tr -s ' ')  |  peak RSS $(awk '/Maximum resident/ {printf "%.1f MB", $6/1024}' "$scratch/time_$n.txt")"
done

[ "$warehouse" = 1 ] || exit 0
echo "== warehouse build (part 0 from the data folder first; then the OpenAlex parts, default ML filter)"
for n in ${scales//,/ }; do
  [ "$n" -gt 10 ] && continue
  wh="$scratch/wh_$n"
  rm -rf "$wh"
  "$bin" warehouse build --out "$wh" --quiet > /dev/null
  /usr/bin/time -v "$bin" warehouse build --out "$wh" --openalex "$scratch/x$n" --quiet > "$scratch/wh_$n.txt" 2> "$scratch/wh_time_$n.txt"
  echo "${n}x: $(awk '/Elapsed/ {print $8}' "$scratch/wh_time_$n.txt") wall, $(awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.1f CPU s", u+s}' "$scratch/wh_time_$n.txt"), peak RSS $(awk '/Maximum resident/ {printf "%.0f MB", $6/1024}' "$scratch/wh_time_$n.txt"), output $(du -sh "$wh" | cut -f1)"
  grep -E '^  (papers|authorships|paper_topics|citations) ' "$scratch/wh_$n.txt"
  rm -rf "$wh"
done
