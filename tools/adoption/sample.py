"""Draw the adoption check set: papers (clusters) in a seeded random order, all their candidate pairs, until
at least 220 pairs. Seed 20240105 (Definitions::default().seed). Prints paper text for hand labelling.

    python3 tools/adoption/sample.py > /tmp/checkset_to_label.txt
"""
import collections
import numpy as np
from candidates import candidates

TARGET = 220
df, cands = candidates()
by_paper = collections.defaultdict(list)
for pid, year, key, surface in cands:
    by_paper[pid].append((key, surface))
papers = sorted(by_paper)
order = np.random.RandomState(20240105).permutation(len(papers))
chosen, n = [], 0
for i in order:
    chosen.append(papers[i])
    n += len(by_paper[papers[i]])
    if n >= TARGET:
        break
text = df.set_index("paper_id")
for pid in sorted(chosen, key=lambda p: (p.split(":")[0], int(p.split(":")[1]))):
    r = text.loc[pid]
    print(f"=== {pid} | {r.link} | {r.year}")
    print(f"T: {r.title}")
    print(f"A: {r.abstract}")
    if r.keywords not in ("", "[]"):
        print(f"K: {r.keywords}")
    print("PAIRS:", " ; ".join(f"{k}<{s}>" for k, s in by_paper[pid]))
print(f"# {len(chosen)} papers, {n} pairs")
