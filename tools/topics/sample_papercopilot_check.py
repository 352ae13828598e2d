#!/usr/bin/env python3
"""Draw the Paper Copilot topic check set (220 papers) and hold-out set (150 papers) for taxonomy v1.

Deterministic, no random state. Every record of every DATA_DIR/<venue>/<stem>.json.gz (stem e.g. cvpr2021)
whose `status` is an accepted one (present, non-empty, and not Reject, Desk Reject or Withdraw) and whose
title is non-empty is a candidate. Within each venue the candidates (all years together) are ranked by
sha256("topiccheck:" + stem + ":" + str(index in the JSON array)) hex digest, ascending. Papers are then
picked round-robin over the venues in sorted order (round 1 takes each venue's first-ranked candidate,
round 2 its second, ...), skipping a candidate whose normalised title was already picked, so all picks
are distinct. The first 220 picks are the check set, the next 150 the hold-out set.

Rows: id,source,title,abstract,keywords,topics with id `papercopilot:<stem>:<index>`, source `papercopilot`,
title and abstract with runs of whitespace collapsed to one space, the abstract truncated to 1200
characters, keywords as in the record (';'-separated) plus `area:<primary_area>` when primary_area is
non-empty, joined by ';'. `topics` is left empty here: the labels were assigned by hand and live only in
the fixtures. With --labels, topics are copied by id from the existing fixtures (to check that the
fixtures still match the sample).

Usage: sample_papercopilot_check.py DATA_DIR OUT_DIR [--labels]
  writes OUT_DIR/papercopilot_check.csv and OUT_DIR/papercopilot_holdout.csv (without the '#' header).
"""
import csv, glob, gzip, hashlib, json, os, re, sys

N_CHECK, N_HOLDOUT, ABSTRACT_MAX = 220, 150, 1200
REJECTED = {"Reject", "Desk Reject", "Withdraw"}
FIELDS = ["id", "source", "title", "abstract", "keywords", "topics"]
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
FIXTURES = os.path.join(root, "crates/cd-analysis/tests/fixtures/topics")


def clean(s):
    return re.sub(r"\s+", " ", s or "").strip()


def accepted(rec):
    st = rec.get("status")
    return isinstance(st, str) and st.strip() != "" and st.strip() not in REJECTED


def candidates(data_dir):
    venues = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*", "*.json.gz"))):
        venue = os.path.basename(os.path.dirname(path))
        stem = os.path.basename(path)[: -len(".json.gz")]
        with gzip.open(path, "rt", encoding="utf-8") as f:
            recs = json.load(f)
        for i, rec in enumerate(recs):
            if not accepted(rec) or not clean(rec.get("title")):
                continue
            key = hashlib.sha256(f"topiccheck:{stem}:{i}".encode("utf-8")).hexdigest()
            venues.setdefault(venue, []).append((key, stem, i, rec))
    for v in venues.values():
        v.sort(key=lambda t: t[0])
    return venues


def row(stem, i, rec):
    kws = rec.get("keywords")
    if isinstance(kws, list):
        kws = ";".join(str(k) for k in kws)
    parts = [clean(kws)] if clean(kws) else []
    area = clean(rec.get("primary_area") if isinstance(rec.get("primary_area"), str) else "")
    if area:
        parts.append(f"area:{area}")
    return {"id": f"papercopilot:{stem}:{i}", "source": "papercopilot", "title": clean(rec.get("title")),
            "abstract": clean(rec.get("abstract"))[:ABSTRACT_MAX], "keywords": ";".join(parts), "topics": ""}


def sample(data_dir):
    venues = candidates(data_dir)
    order = sorted(venues)
    picks, seen, pos = [], set(), {v: 0 for v in order}
    while len(picks) < N_CHECK + N_HOLDOUT:
        progressed = False
        for v in order:
            if len(picks) == N_CHECK + N_HOLDOUT:
                break
            q = venues[v]
            while pos[v] < len(q):
                _, stem, i, rec = q[pos[v]]
                pos[v] += 1
                t = clean(rec.get("title")).lower()
                if t in seen:
                    continue
                seen.add(t)
                picks.append(row(stem, i, rec))
                progressed = True
                break
        if not progressed:
            sys.exit("not enough candidates")
    return picks[:N_CHECK], picks[N_CHECK:]


def load_labels(name):
    labels = {}
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            labels[r["id"]] = r["topics"]
    return labels


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    data_dir, out_dir = args
    check, holdout = sample(data_dir)
    os.makedirs(out_dir, exist_ok=True)
    for name, rows in (("papercopilot_check.csv", check), ("papercopilot_holdout.csv", holdout)):
        if "--labels" in sys.argv:
            labels = load_labels(name)
            for r in rows:
                r["topics"] = labels.get(r["id"], "")
        out = os.path.join(out_dir, name)
        with open(out, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        print("wrote", out, len(rows), "rows")


if __name__ == "__main__":
    main()
