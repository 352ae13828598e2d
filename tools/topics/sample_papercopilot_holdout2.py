#!/usr/bin/env python3
"""Draw the second Paper Copilot topic hold-out set (180 papers): picks 371-550 of the ranking of
sample_papercopilot_check.py.

Same candidates, ranking and round-robin as that script (its functions are imported, nothing is copied):
the round-robin simply runs on to 550 picks, so picks 1-370 are unchanged and picks 371-550 are distinct
(by normalised title) from them. Before writing, the script checks that picks 1-220 and 221-370 equal, id by
id and in order, the ids of papercopilot_check.csv and papercopilot_holdout.csv, and stops if not.
`topics` is left empty; with --labels it is copied by id from papercopilot_holdout2.csv.

Usage: sample_papercopilot_holdout2.py DATA_DIR OUT_DIR [--labels]
  writes OUT_DIR/papercopilot_holdout2.csv (without the '#' header).
"""
import csv, os, sys

import sample_papercopilot_check as base

FIRST, LAST = 371, 550


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    data_dir, out_dir = args
    # base.sample draws N_CHECK + N_HOLDOUT picks; extend its hold-out so the round-robin runs on to LAST.
    base.N_HOLDOUT = LAST - base.N_CHECK
    check, rest = base.sample(data_dir)
    picks = check + rest
    for name, lo, hi in (("papercopilot_check.csv", 0, 220), ("papercopilot_holdout.csv", 220, 370)):
        want = list(base.load_labels(name))
        got = [r["id"] for r in picks[lo:hi]]
        if got != want:
            sys.exit(f"picks {lo + 1}-{hi} differ from {name}: the ranking no longer reproduces the fixtures")
        print(f"picks {lo + 1}-{hi}: {len(got)} ids equal {name}, in order")
    rows = picks[FIRST - 1 : LAST]
    assert len(rows) == LAST - FIRST + 1
    if "--labels" in sys.argv:
        labels = base.load_labels("papercopilot_holdout2.csv")
        for r in rows:
            r["topics"] = labels.get(r["id"], "")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "papercopilot_holdout2.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, base.FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote", out, len(rows), "rows (picks", FIRST, "to", LAST, ")")


if __name__ == "__main__":
    main()
