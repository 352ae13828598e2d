#!/usr/bin/env python3
"""Draw the affiliation gold-set sample for crates/cd-classify/tests/fixtures/affiliation_gold.csv.

Sampling (reproducible, no random state): take every distinct, non-empty affiliation string
(after trimming; `None`, `nan`, `N/A`, `-` left out) of
  A. conferences/icml_neurips_iclr_authors_2006-2019.csv (column `Affiliation`), and
  B. ai_index_rai/*.csv (the Python-list column `author_affiliations` / `affiliations`; files that are not
     UTF-8 decoded as Windows-1252, its undefined bytes as Latin-1);
rank each pool by sha256(utf-8 string) in hex and keep the first 200 of A and the first 150 of B that are
not already taken (a string in both pools is counted once, in A). Prints `source,affiliation` CSV.
The labels in the fixture were then written by hand, one string at a time.
With --held-out: the next 70 of A and the next 50 of B not in the first sample (the held-out set,
labelled after the classifier had been tuned on the first set).
With --held-out2: a second held-out set drawn with a new seed: both pools re-ranked by
sha256("heldout2:" + string), every string of the first two samples (gold and held-out) left out, then the
first 90 of A and the first 60 of B not already taken (labelled by hand before the classifier was run on them
and never used to tune it).
Usage: python3 tools/sample_affiliations.py [DATA_DIR] [--held-out | --held-out2] > sample.csv
"""
import ast
import csv
import glob
import hashlib
import io
import sys

import pandas as pd

args = [a for a in sys.argv[1:] if not a.startswith("--")]
data = args[0] if args else "../shared/data"
SKIP = {"", "none", "nan", "n/a", "-", "null"}


def keep(s):
    return isinstance(s, str) and s.strip().lower() not in SKIP


conf = pd.read_csv(f"{data}/conferences/icml_neurips_iclr_authors_2006-2019.csv", dtype=str, keep_default_na=False)
pool_a = {a.strip() for a in conf["Affiliation"] if keep(a)}

pool_b = set()
for path in sorted(glob.glob(f"{data}/ai_index_rai/*.csv")):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252; its five undefined bytes (0x81, 0x8d, 0x8f, 0x90, 0x9d) as Latin-1.
        text = "".join(b.to_bytes(1, "big").decode("cp1252", errors="ignore") or chr(b) for b in raw)
    d = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    col = "author_affiliations" if "author_affiliations" in d.columns else "affiliations"
    for cell in d[col]:
        try:
            items = ast.literal_eval(cell) if cell.strip() else []
        except (ValueError, SyntaxError):
            continue
        for a in items if isinstance(items, list) else []:
            if keep(a):
                pool_b.add(a.strip())


def ranked(pool, salt=""):
    return sorted(pool, key=lambda s: hashlib.sha256((salt + s).encode("utf-8")).hexdigest())


held_out = "--held-out" in sys.argv
sample_a = ranked(pool_a)[:200]
taken = set(sample_a)
sample_b = [s for s in ranked(pool_b) if s not in taken][:150]
if held_out:
    # The held-out set: the next 70 of A and the next 50 of B, labelled after the classifier was tuned on
    # the first set, to measure how it does on strings nobody tuned it on.
    first = taken | set(sample_b)
    sample_a = ranked(pool_a)[200:270]
    sample_b = [s for s in ranked(pool_b) if s not in first and s not in set(sample_a)][:50]
if "--held-out2" in sys.argv:
    first = taken | set(sample_b)
    ho_a = ranked(pool_a)[200:270]
    ho_b = [s for s in ranked(pool_b) if s not in first and s not in set(ho_a)][:50]
    excluded = first | set(ho_a) | set(ho_b)
    sample_a = [s for s in ranked(pool_a, "heldout2:") if s not in excluded][:90]
    taken2 = excluded | set(sample_a)
    sample_b = [s for s in ranked(pool_b, "heldout2:") if s not in taken2][:60]
w = csv.writer(sys.stdout)
w.writerow(["source", "affiliation"])
for s in sample_a:
    w.writerow(["conference", s])
for s in sample_b:
    w.writerow(["aiindex", s])
print(f"pool sizes: conference {len(pool_a)}, aiindex {len(pool_b)}", file=sys.stderr)
