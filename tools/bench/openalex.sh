#!/usr/bin/env bash
# The OpenAlex reader and the warehouse as the input grows (issue 13's scale table): the machine's limit,
# our extraction at 1 and N threads, DuckDB's read_json on the same files, peak memory as the input grows,
# and (unless --no-warehouse) `warehouse build` time, and (with --sql BIN) the topic-share query on the
# warehouse, locally and on a loopback Ballista cluster (docs/openalex.md and docs/cluster.md record runs).
#
#   tools/bench/openalex.sh [--reps 5] [--scales 1,10,100] [--no-warehouse] [--no-build] [--no-compare]
#                           [--sql BIN] [--query-reps 3] [--distinct] [--no-reader]
#                           [SCRATCH_DIR] [WORKS_PER_PART] [PARTS]
#
# Generates PARTS parts of WORKS_PER_PART OpenAlex-shaped works (tools/gen_openalex.py, ~6.7 KB each) in
# SCRATCH_DIR/x1 (default /work/scratch-bench, 4 x 25,000 = 100,000 works). On them,
# tools/bench/openalex_compare.py runs the limit and our extraction (openalex_bench) alternating with DuckDB,
# --reps times (default 5), and prints the medians and the ratios (--no-compare: skip). A bigger scale K
# (--scales, default 1,10) is the same parts linked K times under other names (xK/), so it costs no disk;
# the reader reads every link in full (from the page cache). For each scale the reader alone
# (openalex_bench --no-limit, all cores) runs under /usr/bin/time -v: works per second and peak RSS.
# The warehouse build (part 0, the data folder, first; then the OpenAlex parts, default ML filter) runs
# at every scale; it writes about 23 MB per 100,000 works (2.3 GB at 100x), and a scale is skipped when
# the disk has less than twice that free. With --sql BIN (a binary built with `--features distributed`),
# queries/openalex_topic_shares.sql runs --query-reps times (default 3) on each scale's warehouse with
# `sql` in the process, then on a `cluster standalone` (one scheduler and one executor, all cores) with
# `sql --cluster`: wall, CPU and peak RSS of the client, CPU and peak RSS of the cluster process, the rows,
# and whether the cluster's rows equal the local ones (counts exactly, shares to 1e-12). Every scale's
# works are the 1x works repeated; the query counts a work given in several parts once, so every
# scale's rows equal the 1x rows: also checked. With --distinct the warehouse and the query read copies
# whose work ids differ (uK/: copy k of a part has the digits k0 put after the `W` of every work's
# own id; gzip -1; about 37 MB of disk per 25,000 works), so that the query's tables and its hash tables
# grow with the scale as a snapshot's would; its counts are then K times the 1x counts (checked).
# --no-reader: skip the reader-alone runs. Needs: a release build (the script runs cargo build --release
# for what it uses), python3 with duckdb, /usr/bin/time, and for the warehouse the data folder
# ($COMPUTE_DIVIDE_DATA) for its part 0 (--no-build: use the release binaries as they are). Prints;
# asserts nothing. Delete SCRATCH_DIR afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
scales=1,10
reps=5
warehouse=1
build=1
compare=1
distinct=0
readers=1
sqlbin=
qreps=3
pos=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scales) scales=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    --no-warehouse) warehouse=0; shift ;;
    --no-build) build=0; shift ;;
    --no-compare) compare=0; shift ;;
    --sql) sqlbin=$(readlink -f "$2"); shift 2 ;;
    --query-reps) qreps=$2; shift 2 ;;
    --distinct) distinct=1; shift ;;
    --no-reader) readers=0; shift ;;
    -h|--help) sed -n '2,33p' "$0"; exit 0 ;;
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
# Copies with other work ids (--distinct): made once per scale; copy 0 is the part itself.
if [ "$distinct" = 1 ]; then
  for n in ${scales//,/ }; do
    mkdir -p "$scratch/u$n"
    for f in "${x1[@]}"; do ln -sf "$(readlink -f "$f")" "$scratch/u$n/r0_$(basename "$f")"; done
    for k in $(seq 1 $((n - 1))); do
      for f in "${x1[@]}"; do
        out="$scratch/u$n/r${k}_$(basename "$f")"
        [ -s "$out" ] && continue
        gzip -dc "$f" | sed "s|^{\"id\":\"https://openalex.org/W|&${k}0|" | gzip -1 > "$out.tmp"
        mv "$out.tmp" "$out"
      done
    done
  done
fi
cores=$(nproc)
echo "== machine: $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)"
if [ "$compare" = 1 ]; then
  echo "== 1x: ${#x1[@]} parts; the limit, ours and DuckDB at 1 and $cores threads, alternating, $reps repetitions"
  python3 tools/bench/openalex_compare.py --reps "$reps" --threads "1,$cores" --bench "$bench" "${x1[@]}"
fi

echo "== the reader alone ($cores threads) as the input grows: works per second and peak RSS"
for n in ${scales//,/ }; do
  [ "$readers" = 1 ] || break
  files=("$scratch/x$n"/*.gz)
  /usr/bin/time -v "$bench" --no-limit --threads "$cores" "${files[@]}" > "$scratch/bench_$n.txt" 2> "$scratch/time_$n.txt"
  echo "${n}x (${#files[@]} parts): $(grep -h '^extract (' "$scratch/bench_$n.txt" | tr -s ' ')  |  peak RSS $(awk '/Maximum resident/ {printf "%.1f MB", $6/1024}' "$scratch/time_$n.txt")"
done

[ "$warehouse" = 1 ] || exit 0
echo "== warehouse build (part 0 from the data folder first; then the OpenAlex parts, default ML filter)"
# "wall, CPU s, peak RSS MB" of a /usr/bin/time -v output.
figures() {
  awk '/Elapsed/ {w=$8} /User time/ {u=$4} /System time/ {s=$4} /Maximum resident/ {r=$6}
       END {printf "%s wall, %.2f CPU s, peak RSS %.0f MB", w, u+s, r/1024}' "$1"
}
query=queries/openalex_topic_shares.sql
for n in ${scales//,/ }; do
  wh="$scratch/wh_$n"
  rm -rf "$wh"
  need_mb=$((n * 23 * 2 * ${#x1[@]} * per / 100000 + 100))
  free_mb=$(df -Pm "$scratch" | awk 'NR == 2 {print $4}')
  if [ "$free_mb" -lt "$need_mb" ]; then
    echo "${n}x: skipped, $free_mb MB free on $scratch, $need_mb MB wanted"
    continue
  fi
  "$bin" warehouse build --out "$wh" --quiet > /dev/null 2>&1
  input="$scratch/x$n"
  [ "$distinct" = 1 ] && input="$scratch/u$n"
  /usr/bin/time -v "$bin" warehouse build --out "$wh" --openalex "$input" --quiet > "$scratch/wh_$n.txt" 2> "$scratch/wh_time_$n.txt"
  echo "${n}x warehouse build: $(figures "$scratch/wh_time_$n.txt"), output $(du -sh "$wh" | cut -f1)"
  echo "  rows (with part 0's): $(awk '$1 ~ /^(papers|authorships|paper_topics|citations)$/ {printf "%s %s  ", $1, $2}' "$scratch/wh_$n.txt")"
  if [ -n "$sqlbin" ]; then
    for r in $(seq 1 "$qreps"); do
      /usr/bin/time -v "$sqlbin" sql --warehouse "$wh" --file "$query" --format csv > "$scratch/q_local_$n.csv" 2> "$scratch/q_local_time_$n.txt"
      echo "${n}x topic shares, local DataFusion, run $r: $(figures "$scratch/q_local_time_$n.txt"), $(($(wc -l < "$scratch/q_local_$n.csv") - 1)) rows (load $(cut -d' ' -f1 /proc/loadavg))"
    done
    "$sqlbin" cluster standalone --task-slots "$cores" > "$scratch/cluster_url" 2> /dev/null &
    cpid=$!
    for _ in $(seq 1 100); do [ -s "$scratch/cluster_url" ] && break; sleep 0.1; done
    url=$(head -n 1 "$scratch/cluster_url")
    if [ -z "$url" ]; then
      echo "${n}x: no cluster ($sqlbin cluster standalone gave no URL: built without --features distributed?)"
      kill "$cpid" 2> /dev/null || true
      rm -rf "$wh"
      continue
    fi
    ticks() { awk '{print $14 + $15}' "/proc/$cpid/stat"; }
    for r in $(seq 1 "$qreps"); do
      t0=$(ticks)
      /usr/bin/time -v "$sqlbin" sql --warehouse "$wh" --file "$query" --format csv --cluster "$url" > "$scratch/q_cluster_$n.csv" 2> "$scratch/q_cluster_time_$n.txt"
      t1=$(ticks)
      echo "${n}x topic shares, Ballista cluster on loopback, run $r: client $(figures "$scratch/q_cluster_time_$n.txt"); cluster process $(awk -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f CPU s", d / hz}'), peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$cpid/status") (load $(cut -d' ' -f1 /proc/loadavg))"
    done
    kill "$cpid"; wait "$cpid" 2> /dev/null || true
    python3 - "$scratch/q_local_1.csv" "$scratch/q_local_$n.csv" "$scratch/q_cluster_$n.csv" "$n" "$distinct" <<'PY' || true
import csv, sys
one, local, cluster, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
k = n if sys.argv[5] == "1" else 1  # distinct copies: K times the 1x counts
rows = lambda p: {(r["topic"], r["period"]): r for r in csv.DictReader(open(p))}
a, b, c = rows(one), rows(local), rows(cluster)
counts = ("papers", "papers_known_team", "academic_only_papers")
shares = ("academic_only_share", "academic_fractional_share")
num = lambda v: float(v) if v else None
def same(x, y, k=1):
    ok = x.keys() == y.keys()
    for key in x if ok else []:
        ok &= all(int(x[key][f]) * k == int(y[key][f]) for f in counts)
        ok &= all((num(x[key][f]) is None and num(y[key][f]) is None)
                  or abs(num(x[key][f]) - num(y[key][f])) <= 1e-12 for f in shares)
    return ok
print(f"{n}x: {len(b)} topic-periods; cluster rows equal local: {same(b, c)}; "
      f"local counts {k} x the 1x counts, shares equal: {same(a, b, k)}")
PY
  fi
  rm -rf "$wh"
done
