#!/usr/bin/env python3
"""Micro P/R/F1 of the topic rules on a labelled set with a percentile bootstrap interval over papers
(10,000 resamples, random.Random(20261206)), using the independent Python rules of assign_reference.py;
with a second taxonomy.rs (e.g. an older version from `git show`), also that version's F1 and the paired
interval of the difference (the same resampled papers for both).

Usage, from the repository root:
    python3 tools/topics/f1_interval.py papercopilot_holdout2.csv [OLD_TAXONOMY.rs]
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import assign_reference as ar  # noqa: E402

B = 10_000


def per_paper(assigner, rows):
    out = []
    for _id, title, abstract, keywords, gold in rows:
        got = set(assigner.assign(title, abstract, keywords))
        out.append((len(got & gold), len(got - gold), len(gold - got)))
    return out


def prf(c):
    tp, fp, fn = (sum(x[i] for x in c) for i in range(3))
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


def interval(values):
    values = sorted(values)
    return values[int(0.025 * B)], values[int(0.975 * B) - 1]


def main(argv):
    rows = ar.load_fixture(argv[1])
    sets = [("current", per_paper(ar.Assigner(), rows))]
    if len(argv) > 2:
        sets.append(("old", per_paper(ar.Assigner(argv[2]), rows)))
    rng = random.Random(20261206)
    draws = [[rng.randrange(len(rows)) for _ in rows] for _ in range(B)]
    f1s = {}
    for name, c in sets:
        p, r, f = prf(c)
        f1s[name] = [prf([c[i] for i in idx])[2] for idx in draws]
        lo, hi = interval(f1s[name])
        print(f"{name}: {len(rows)} papers, P {p:.3f} R {r:.3f} F1 {f:.3f} (95% bootstrap {lo:.3f}-{hi:.3f})")
    if len(sets) == 2:
        lo, hi = interval([a - b for a, b in zip(f1s["current"], f1s["old"])])
        print(f"current - old F1, paired 95% bootstrap: {lo:+.3f} to {hi:+.3f}")


if __name__ == "__main__":
    main(sys.argv)
