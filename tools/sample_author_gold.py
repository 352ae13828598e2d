#!/usr/bin/env python3
"""Draw the author-sector gold-set samples for
crates/cd-classify/tests/fixtures/author_gold.csv and author_gold_heldout.csv.

Pool (python3 standard library only, deterministic, no random state):
  every author of every ALIGNED record of papercopilot/<venue>/<venue><year>.json.gz, read as
  docs/papercopilot.md specifies:
  - authors split on the file's separator (`;`, or `,` and `;` when more records use `,` without `;` than
    use `;`, i.e. CVPR 2020/21/23/24), trimmed, empty and `None` dropped, a list repeated twice cut to one;
  - evidence lists: `aff` split on `;`; domains = the first non-empty of `aff_domain`, `email`, else (when
    `authorids` entries contain `@`, ICLR 2013-2020) the part after the last `@` of each entry; `position`
    split on `;`. Entries trimmed; `""` and `None` are missing but keep their place; a list without any
    non-missing entry is absent; a list longer than the authors whose extra entries are all missing is cut;
  - a record is aligned when at least one list is present and every present list has as many entries as
    there are authors; author i gets entry i of each list;
  - paper-level files (no record with a domain or position list, and more than half of the records with
    >= 2 authors and an `aff` list have an `aff` list of another length) are left out entirely, since
    their `aff` lists name the paper's institutions, not each author's: in the shipped data these are
    CVPR 2020-24 only (ICRA and IROS, once their doubled author lists are cut, are aligned per author);
  - an author whose affiliation, domain and position are all empty is left out.
  Each pool entry: venue (canonical name), year, author, affiliation, domain, position (strings verbatim
  after trimming; the domain as given, not lower-cased).

Draw: each entry is ranked by sha256("authorgold:" + venue + year + title + author) in hex. Picks go
round-robin over the venues (sorted by name; every venue with entries is represented) and, inside a
venue, round-robin over its years (oldest first), each (venue, year) stratum in rank order; the first 450
picks are the gold set. The held-out set re-ranks the pool with sha256("authorheldout:" + venue + year +
title + author), draws in the same way but with the years of a venue taken newest first (so that a venue
with more years than held-out picks still has its newest, OpenReview-profile years represented), and keeps
the first 200 picks not in the gold set. The year in the hash is the four-digit string of the file name.

Usage: python3 tools/sample_author_gold.py [DATA_DIR] [--held-out] > sample.csv
  (DATA_DIR defaults to ../shared/data; prints `venue,year,author,affiliation,domain,position` CSV)
"""
import csv
import glob
import gzip
import hashlib
import json
import os
import re
import sys

CANON = {
    "nips": "NeurIPS", "icml": "ICML", "iclr": "ICLR", "cvpr": "CVPR", "iccv": "ICCV", "wacv": "WACV",
    "acl": "ACL", "naacl": "NAACL", "coling": "COLING", "colm": "COLM", "aaai": "AAAI", "ijcai": "IJCAI",
    "aistats": "AISTATS", "uai": "UAI", "colt": "COLT", "acml": "ACML", "corl": "CoRL", "rss": "RSS",
    "icra": "ICRA", "iros": "IROS", "3dv": "3DV", "automl": "AutoML",
}
GOLD_N = 450
HELDOUT_N = 200


def s(v):
    return v.strip() if isinstance(v, str) else ""


def missing(x):
    return x == "" or x == "None"


def evidence_list(raw, n):
    """Split on ';', trim; None when absent; cut trailing missing entries beyond n."""
    raw = s(raw)
    if missing(raw):
        return None
    parts = [p.strip() for p in raw.split(";")]
    if all(missing(p) for p in parts):
        return None
    if len(parts) > n and all(missing(p) for p in parts[n:]):
        parts = parts[:n]
    return ["" if missing(p) else p for p in parts]


def domain_raw(r):
    for k in ("aff_domain", "email"):
        v = s(r.get(k))
        if not missing(v) and any(not missing(p.strip()) for p in v.split(";")):
            return v
    ids = s(r.get("authorids"))
    if "@" in ids:
        return ";".join(p.strip().rsplit("@", 1)[1] if "@" in p else "" for p in ids.split(";"))
    return ""


def split_authors(raw, sep):
    raw = s(raw)
    if sep == ",":
        raw = raw.replace(";", ",")
    names = [a.strip() for a in raw.split(sep)]
    names = [a for a in names if not missing(a)]
    k = len(names) // 2
    if len(names) % 2 == 0 and k >= 1 and names[:k] == names[k:]:
        names = names[:k]
    return names


def read_file(path):
    m = re.match(r"^(.*?)(\d{4})\.json(\.gz)?$", os.path.basename(path))
    stem, year = m.group(1), m.group(2)
    venue = CANON.get(stem, stem.upper())
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    rows = [r for r in rows if isinstance(r, dict) and not missing(s(r.get("title")))]
    n_semi = sum(1 for r in rows if ";" in s(r.get("author")))
    n_comma = sum(1 for r in rows if "," in s(r.get("author")) and ";" not in s(r.get("author")))
    sep = ";" if n_semi >= n_comma else ","
    recs = []
    any_dom_pos = False
    multi_aff = mismatched = 0
    for r in rows:
        authors = split_authors(r.get("author"), sep)
        n = len(authors)
        aff = evidence_list(r.get("aff"), n)
        dom = evidence_list(domain_raw(r), n)
        pos = evidence_list(r.get("position"), n)
        if dom is not None or pos is not None:
            any_dom_pos = True
        if n >= 2 and aff is not None:
            multi_aff += 1
            if len(aff) != n:
                mismatched += 1
        recs.append((s(r.get("title")), authors, aff, dom, pos))
    if not any_dom_pos and multi_aff and mismatched * 2 > multi_aff:
        return venue, year, []  # paper-level file
    pool = []
    for title, authors, aff, dom, pos in recs:
        n = len(authors)
        present = [x for x in (aff, dom, pos) if x is not None]
        if n == 0 or not present or any(len(x) != n for x in present):
            continue
        for i, a in enumerate(authors):
            e = (aff[i] if aff else "", dom[i] if dom else "", pos[i] if pos else "")
            if not any(e):
                continue
            pool.append((venue, year, title, a) + e)
    return venue, year, pool


def draw(pool, prefix, n, exclude=frozenset(), newest_first=False):
    strata = {}
    for e in pool:
        strata.setdefault(e[0], {}).setdefault(e[1], []).append(e)
    for years in strata.values():
        for lst in years.values():
            lst.sort(key=lambda e: hashlib.sha256((prefix + e[0] + e[1] + e[2] + e[3]).encode("utf-8")).hexdigest())
    # per venue: round-robin over years, giving the venue's own pick order
    venue_order = {}
    for v, years in strata.items():
        order, idx, ys = [], {y: 0 for y in years}, sorted(years, reverse=newest_first)
        while True:
            moved = False
            for y in ys:
                if idx[y] < len(years[y]):
                    order.append(years[y][idx[y]])
                    idx[y] += 1
                    moved = True
            if not moved:
                break
        venue_order[v] = order
    picks, seen, idx = [], set(exclude), {v: 0 for v in venue_order}
    vs = sorted(venue_order)
    while len(picks) < n:
        moved = False
        for v in vs:
            lst = venue_order[v]
            while idx[v] < len(lst) and lst[idx[v]][:4] in seen:
                idx[v] += 1
            if idx[v] < len(lst):
                e = lst[idx[v]]
                idx[v] += 1
                seen.add(e[:4])
                picks.append(e)
                moved = True
                if len(picks) == n:
                    break
        if not moved:
            break
    return picks


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = args[0] if args else "../shared/data"
    pool = []
    for path in sorted(glob.glob(os.path.join(data, "papercopilot", "**", "*.json*"), recursive=True)):
        if re.search(r"\d{4}\.json(\.gz)?$", path):
            pool.extend(read_file(path)[2])
    # one entry per (venue, year, title, author)
    uniq = {}
    for e in pool:
        uniq.setdefault(e[:4], e)
    pool = list(uniq.values())
    gold = draw(pool, "authorgold:", GOLD_N)
    out = gold
    if "--held-out" in sys.argv:
        out = draw(pool, "authorheldout:", HELDOUT_N, exclude=frozenset(e[:4] for e in gold),
                   newest_first=True)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["venue", "year", "author", "affiliation", "domain", "position"])
    for venue, year, _title, author, aff, dom, pos in out:
        w.writerow([venue, year, author, aff, dom, pos])


if __name__ == "__main__":
    main()
