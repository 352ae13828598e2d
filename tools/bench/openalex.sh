#!/usr/bin/env bash
# The OpenAlex reader: the machine's limit, our extraction, DuckDB's read_json on the same files, peak
# memory as the input grows, and `warehouse build` time (docs/openalex.md records a run).
#
#   tools/bench/openalex.sh [SCRATCH_DIR] [WORKS_PER_PART] [PARTS]
#
# Generates PARTS parts of WORKS_PER_PART OpenAlex-shaped works (tools/gen_openalex.py, ~6.7 KB each) in
# SCRATCH_DIR/x1 (default /work/scratch-bench, 4 x 25,000 = 100,000 works). The 10x input is the same parts
# linked 10 times under other names (x10/), so the bigger input costs no disk; the reader reads every link
# in full. Needs: a release build (cargo build --release -p compute-divide -p cd-ingest --example
# openalex_bench), python3 with duckdb, /usr/bin/time, and the data folder ($COMPUTE_DIVIDE_DATA) for the
# warehouse's part 0. Prints; asserts nothing. Delete SCRATCH_DIR afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${1:-/work/scratch-bench}
per=${2:-25000}
parts=${3:-4}
bin=target/release/compute-divide
bench=target/release/examples/openalex_bench
cargo build --release -q -p compute-divide
cargo build --release -q -p cd-ingest --example openalex_bench
mkdir -p "$scratch/x1" "$scratch/x10"
if [ ! -f "$scratch/x1/part_$(printf %03d $((parts - 1))).gz" ]; then
  python3 tools/gen_openalex.py --works "$per" --files "$parts" --out "$scratch/x1/part_000.gz"
fi
for k in $(seq 0 9); do
  for f in "$scratch"/x1/part_*.gz; do
    ln -sf "$(readlink -f "$f")" "$scratch/x10/r${k}_$(basename "$f")"
  done
done
x1=("$scratch"/x1/part_*.gz)
x10=("$scratch"/x10/*.gz)
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1x: ${#x1[@]} parts"
out=$("$bench" "${x1[@]}")
echo "$out"
mb=$(echo "$out" | sed -n 's/.*uncompressed \([0-9]*\) MB.*/\1/p')
ours1=$(echo "$out" | sed -n 's/^extract (1 core) .* \([0-9]*\) works\/s$/\1/p')
oursn=$(echo "$out" | sed -n 's/^extract ([0-9]* threads) .* \([0-9]*\) works\/s$/\1/p')
d1=$(python3 tools/bench/openalex_duckdb.py --threads 1 --mb "$mb" "${x1[@]}")
dn=$(python3 tools/bench/openalex_duckdb.py --threads "$(nproc)" --mb "$mb" "${x1[@]}")
echo "$d1"
echo "$dn"
duck1=$(echo "$d1" | sed -n 's/.* \([0-9]*\) works\/s .*/\1/p')
duckn=$(echo "$dn" | sed -n 's/.* \([0-9]*\) works\/s .*/\1/p')
echo "ratio ours / DuckDB, 1 core: $(python3 -c "print(f'{$ours1/$duck1:.1f}x')")   all cores: $(python3 -c "print(f'{$oursn/$duckn:.1f}x')")"

echo "== peak memory of the reader (all cores)"
for n in 1 10; do
  if [ "$n" = 1 ]; then files=("${x1[@]}"); else files=("${x10[@]}"); fi
  /usr/bin/time -v "$bench" "${files[@]}" > "$scratch/bench_$n.txt" 2> "$scratch/time_$n.txt"
  echo "${n}x: $(grep -h '^extract ([0-9]* threads)' "$scratch/bench_$n.txt")  peak RSS $(awk '/Maximum resident/ {printf "%.0f MB", $6/1024}' "$scratch/time_$n.txt")"
done

echo "== warehouse build (part 0 from the data folder first; then the OpenAlex parts, default ML filter)"
for n in 1 10; do
  if [ "$n" = 1 ]; then files=("$scratch/x1"); else files=("$scratch/x10"); fi
  wh="$scratch/wh_$n"
  rm -rf "$wh"
  "$bin" warehouse build --out "$wh" --quiet > /dev/null
  /usr/bin/time -v "$bin" warehouse build --out "$wh" --openalex "${files[@]}" --quiet > "$scratch/wh_$n.txt" 2> "$scratch/wh_time_$n.txt"
  echo "${n}x: $(awk '/Elapsed/ {print $8}' "$scratch/wh_time_$n.txt") wall, $(awk '/User time/ {u=$4} /System time/ {s=$4} END {printf "%.1f CPU s", u+s}' "$scratch/wh_time_$n.txt"), peak RSS $(awk '/Maximum resident/ {printf "%.0f MB", $6/1024}' "$scratch/wh_time_$n.txt"), output $(du -sh "$wh" | cut -f1)"
  grep -E '^  (papers|authorships|paper_topics|citations) ' "$scratch/wh_$n.txt"
  rm -rf "$wh"
done
