"""Draw the adoption HELD-OUT set: the same candidate search as the check set (candidates.py), restricted to
papers NOT in tests/fixtures/adoption/checkset.csv, papers (clusters) in a seeded random order (numpy
RandomState(20261130)), all their candidate pairs, until at least 130 candidate pairs. Prints paper text for
hand labelling (the labels are never taken from the rules' output).

    python3 tools/adoption/sample_heldout.py > /tmp/heldout_to_label.txt
"""
import collections
import csv
import os
import numpy as np
from candidates import candidates

SEED = 20261130
TARGET = 130
FIXTURE = os.path.join(os.path.dirname(__file__), "../../crates/cd-analysis/tests/fixtures/adoption/checkset.csv")


def checkset_papers():
    lines = [l for l in open(FIXTURE, encoding="utf-8") if not l.startswith("#")]
    return {r["paper_id"] for r in csv.DictReader(lines)}


def draw():
    df, cands = candidates()
    used = checkset_papers()
    by_paper = collections.defaultdict(list)
    for pid, year, key, surface in cands:
        if pid not in used:
            by_paper[pid].append((key, surface))
    papers = sorted(by_paper, key=lambda p: (p.split(":")[0], int(p.split(":")[1])))
    order = np.random.RandomState(SEED).permutation(len(papers))
    chosen, n = [], 0
    for i in order:
        chosen.append(papers[i])
        n += len(by_paper[papers[i]])
        if n >= TARGET:
            break
    return df, by_paper, chosen, n


if __name__ == "__main__":
    df, by_paper, chosen, n = draw()
    text = df.set_index("paper_id")
    for pid in sorted(chosen, key=lambda p: (p.split(":")[0], int(p.split(":")[1]))):
        r = text.loc[pid]
        print(f"=== {pid} | {r.year}")
        print(f"T: {r.title}")
        print(f"A: {r.abstract}")
        if r.keywords not in ("", "[]"):
            print(f"K: {r.keywords}")
        print("PAIRS:", " ; ".join(f"{k}<{s}>" for k, s in by_paper[pid]))
    print(f"# {len(chosen)} papers, {n} pairs")
