#!/usr/bin/env python3
"""Our OpenAlex reader against the machine's limit and against DuckDB, in one run: repetitions of
openalex_bench (inflate; inflate + minimal parse, the limit; inflate + typed parse; our extraction at each
thread count) alternating with tools/bench/openalex_duckdb.py (DuckDB's read_json, same fields, same files,
at each thread count), the order swapped every other repetition. Per core everything is per CPU-second
(user + system time of the process), since the machine is shared; wall figures are printed beside.

Prints every repetition (with the load average before it) and the medians: MB of uncompressed JSON and works
per CPU-second of each stage, extraction as a share of the limit, ours over DuckDB per CPU-second at one
thread, and in wall time at the last thread count; and, from the bench's `serde-extract` stage (the reader
with serde_json's derived visitors in place of its scanner), the same share and ratio for that reader and
how much faster the scanner's is. Ratios are medians of the per-repetition ratios (each taken within one
repetition, under the same load). Asserts nothing.

Usage: python3 tools/bench/openalex_compare.py [--reps 5] [--threads 1,2] [--bench target/release/examples/openalex_bench]
                                             [--extra-args "--inbuf 64"] FILE.gz ...
"""
import argparse, os, re, statistics, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--reps", type=int, default=5)
ap.add_argument("--threads", default="1,%d" % (os.cpu_count() or 1))
ap.add_argument("--bench", default="target/release/examples/openalex_bench")
ap.add_argument("--extra-args", default="", help="more arguments for openalex_bench")
ap.add_argument("files", nargs="+")
a = ap.parse_args()
threads = [int(t) for t in a.threads.split(",")]
here = os.path.dirname(os.path.abspath(__file__))

STAGE = re.compile(r"^(\S+ \(\d+ threads?\))\s+(\S+)\s+([\d.]+)\s+([\d.]+)\s+\S+\s+\d+\s+\d+\s+[\d.]+$")
DUCK = re.compile(r"^duckdb read_json \((\d+) threads?\)\s+wall ([\d.]+) s\s+CPU ([\d.]+) s.*\((\d+) works; duckdb (\S+)\)")


SERDE = "serde-extract (1 thread)"


def load():
    return open("/proc/loadavg").read().split()[0]


def ours():
    cmd = [a.bench, "--threads", a.threads, *a.extra_args.split(), *a.files]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    mb = float(re.search(r"uncompressed (\d+) MB", out).group(1))
    works = int(re.search(r"works (\d+)", out).group(1))
    alloc = re.search(r"allocator: ([^;]+);", out).group(1)
    stages = {m.group(1): (float(m.group(3)), float(m.group(4)), m.group(2))
              for m in map(STAGE.match, out.splitlines()) if m}
    return mb, works, alloc, stages


def duck(t, mb):
    cmd = [sys.executable, os.path.join(here, "openalex_duckdb.py"), "--threads", str(t), "--mb", str(mb), *a.files]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    m = DUCK.search(out)
    return float(m.group(2)), float(m.group(3)), int(m.group(4)), m.group(5)


def name(t):
    return f"({t} thread{'s' if t > 1 else ''})"


rows = []
mb = works = None
print(f"# {len(a.files)} files, {a.reps} repetitions, threads {threads}, {os.cpu_count()} cores, load {load()} at start")
for r in range(a.reps):
    rep = {"load": load()}

    def run_ours():
        global mb, works
        mb, works, rep["alloc"], rep["stages"] = ours()

    def run_duck():
        rep["duck"] = {t: duck(t, mb) for t in threads}

    if mb is None:  # the first repetition needs the size from ours
        run_ours(); run_duck()
    elif r % 2:
        run_duck(); run_ours()
    else:
        run_ours(); run_duck()
    s, d = rep["stages"], rep["duck"]
    assert all(d[t][2] == works for t in threads), "DuckDB saw every work"
    rep["share"] = s["inflate+parse (1 thread)"][1] / s["extract " + name(threads[0])][1]
    rep["x_cpu"] = d[threads[0]][1] / s["extract " + name(threads[0])][1]
    rep["x_wall"] = d[threads[-1]][0] / s["extract " + name(threads[-1])][0]
    if SERDE in s:  # the reader with serde_json's derived visitors (before the scanner), same run
        rep["share_serde"] = s["inflate+parse (1 thread)"][1] / s[SERDE][1]
        rep["x_cpu_serde"] = d[1][1] / s[SERDE][1] if 1 in d else None
        rep["scan_speedup"] = s[SERDE][1] / s["extract (1 thread)"][1]
    rows.append(rep)
    cells = "  ".join(f"{k} {v[1]:.2f}" for k, v in s.items())
    ducks = "  ".join(f"duckdb({t}t) {d[t][1]:.2f}" for t in threads)
    print(f"rep {r + 1} (load {rep['load']}) CPU s: {cells}  {ducks}  -> {100 * rep['share']:.0f}% of limit, "
          f"{rep['x_cpu']:.2f}x DuckDB per CPU-s, {rep['x_wall']:.2f}x wall at {threads[-1]} threads")

med = statistics.median
print(f"\n== medians of {a.reps} repetitions: {works} works, {mb:.0f} MB of JSON; allocator {rows[0]['alloc']}; "
      f"duckdb {rows[0]['duck'][threads[0]][3]}; load {min(r['load'] for r in rows)}-{max(r['load'] for r in rows)}")
print(f"{'stage':<28} {'CPU s':>7} {'wall s':>7} {'MB/CPU-s':>9} {'works/CPU-s':>12} {'works/s wall':>13}")
for k in rows[0]["stages"]:
    cpu, wall = med(r["stages"][k][1] for r in rows), med(r["stages"][k][0] for r in rows)
    print(f"{k:<28} {cpu:>7.2f} {wall:>7.2f} {mb / cpu:>9.0f} {works / cpu:>12.0f} {works / wall:>13.0f}")
for t in threads:
    cpu, wall = med(r["duck"][t][1] for r in rows), med(r["duck"][t][0] for r in rows)
    k = f"duckdb read_json {name(t)}"
    print(f"{k:<28} {cpu:>7.2f} {wall:>7.2f} {mb / cpu:>9.0f} {works / cpu:>12.0f} {works / wall:>13.0f}")
shares = sorted(100 * r["share"] for r in rows)
xs = sorted(r["x_cpu"] for r in rows)
xw = sorted(r["x_wall"] for r in rows)
print(f"extraction {name(threads[0])} / limit (inflate+parse), per CPU-second: median {med(shares):.0f}% "
      f"(range {shares[0]:.0f}-{shares[-1]:.0f}%)")
print(f"ours / DuckDB {name(threads[0])}, per CPU-second: median {med(xs):.2f}x (range {xs[0]:.2f}-{xs[-1]:.2f}x)")
print(f"ours / DuckDB {name(threads[-1])}, wall: median {med(xw):.2f}x (range {xw[0]:.2f}-{xw[-1]:.2f}x)")
if all("share_serde" in r for r in rows):
    ss = sorted(100 * r["share_serde"] for r in rows)
    print(f"serde_json reader (1 thread) / limit, per CPU-second: median {med(ss):.0f}% (range {ss[0]:.0f}-{ss[-1]:.0f}%)")
    if all(r["x_cpu_serde"] is not None for r in rows):
        xs2 = sorted(r["x_cpu_serde"] for r in rows)
        print(f"serde_json reader / DuckDB (1 thread), per CPU-second: median {med(xs2):.2f}x "
              f"(range {xs2[0]:.2f}-{xs2[-1]:.2f}x)")
    sp = sorted(r["scan_speedup"] for r in rows)
    print(f"scanner reader over serde_json reader (1 thread), CPU: median {med(sp):.2f}x (range {sp[0]:.2f}-{sp[-1]:.2f}x)")
