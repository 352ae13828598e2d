#!/usr/bin/env python3
"""Independent counts of `compute-divide diff OLD NEW`, written from docs/diff.md (not from the Rust code).

Reads two Epoch model tables with pandas, keeps the rows the reader keeps (a name; a publication date that
is empty or YYYY-MM-DD; a training compute that is empty or a positive number), matches them by the rule
of docs/diff.md (stage 1: equal normalised names, unique = high, duplicates paired in date order = low;
stage 2: renames by date, organisation and name similarity = medium) and prints one JSON object of counts:
old/new models, matched per confidence, added, removed, renamed, and changed per field for the fields that
need no classifier (name, publication_date, training_compute, organizations, accessibility, notability).

    python3 tools/diff_counts.py OLD.csv NEW.csv [--max-days 31] [--min-similarity 0.5]
"""
import argparse
import collections
import datetime
import json
import re

import pandas as pd

NAME_COLS = ("System", "Model")
ACCESS_COLS = ("Model accessibility", "Open-source")
ACCESS = {
    "": "unknown",
    "unknown": "unknown",
    "permissive license": "open_unrestricted",
    "fully open-source": "open_unrestricted",
    "open source": "open_unrestricted",
    "open weights (unrestricted)": "open_unrestricted",
    "open weights": "open_unrestricted",
    "weights available": "open_restricted",
    "open access (restricted use)": "open_restricted",
    "open weights (restricted use)": "open_restricted",
    "open access (non-commercial)": "open_noncommercial",
    "open weights (non-commercial)": "open_noncommercial",
    "api accessible": "api",
    "api access": "api",
    "hosted access (no api)": "hosted",
    "hosted access": "hosted",
    "unreleased": "unreleased",
}
NOTABILITY = {
    "sota improvement": "sota",
    "sota": "sota",
    "state of the art improvement": "sota",
    "highly cited": "highly_cited",
    "historical significance": "historical",
    "historically significant": "historical",
    "significant use": "significant_use",
    "training cost": "training_cost",
    "discretionary": "discretionary",
}
LEGAL = {"inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "llc", "l.l.c.", "co.", "co", "corp",
         "corp.", "gmbh", "ag", "s.a.", "sa", "s.p.a.", "b.v.", "n.v.", "plc", "llp", "pte."}


def norm(s):
    return "".join(c for c in s if c.isascii() and c.isalnum()).lower()


def clean(s):
    return " ".join(s.split())


def split_orgs(cell):
    """Commas outside double quotes and parentheses separate items; an item after ', ' joins the previous
    one when the cell also uses bare commas; an item starting with a legal suffix always does."""
    items, cur, quoted, in_q, depth, spaced = [], [], False, False, 0, False
    any_bare = False
    i = 0
    while i < len(cell):
        c = cell[i]
        if c == '"':
            in_q = not in_q
            quoted = True
        elif in_q:
            cur.append(c)
        elif c == "(":
            depth += 1
            cur.append(c)
        elif c == ")":
            depth = max(0, depth - 1)
            cur.append(c)
        elif c == "," and depth == 0:
            items.append(("".join(cur), quoted, spaced))
            nxt = cell[i + 1] if i + 1 < len(cell) else ""
            spaced = nxt.isspace()
            if nxt and not nxt.isspace():
                any_bare = True
            cur, quoted = [], False
        else:
            cur.append(c)
        i += 1
    items.append(("".join(cur), quoted, spaced))
    out = []
    for text, q, sp in items:
        t = clean(text)
        if not t:
            continue
        first = t.split()[0].lower()
        if out and not q and ((any_bare and sp) or first in LEGAL):
            out[-1] = out[-1] + ", " + t
        else:
            out.append(t)
    return out


def load(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    name_col = next(c for c in NAME_COLS if c in df.columns)
    acc_col = next((c for c in ACCESS_COLS if c in df.columns), None)
    rows = []
    for i, r in enumerate(df.to_dict("records"), start=1):
        name = clean(r[name_col])
        if not name:
            continue
        d = r.get("Publication date", "").strip()
        date = None
        if d:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
                continue
            try:
                date = datetime.date.fromisoformat(d)
            except ValueError:
                continue
        c = r.get("Training compute (FLOP)", "").strip()
        flop = None
        if c:
            try:
                flop = float(c)
            except ValueError:
                continue
            if not flop > 0:
                continue
        orgs = split_orgs(r.get("Organization", ""))
        acc = ACCESS.get(r.get(acc_col, "").strip().lower(), "unknown") if acc_col else "unknown"
        nota = set()
        for x in r.get("Notability criteria", "").split(","):
            x = x.strip()
            if x:
                nota.add(NOTABILITY.get(x.lower(), "other:" + x))
        rows.append(dict(row=i, name=name, key=norm(name), date=date, flop=flop,
                         orgs={norm(o) for o in orgs} - {""}, acc=acc, nota=nota))
    return rows


def bigrams(s):
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def similarity(a, b):
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 3 and short in long_:
        return 1.0
    ba, bb = bigrams(a), bigrams(b)
    na, nb = sum(ba.values()), sum(bb.values())
    if na == 0 or nb == 0:
        return 0.0
    return 2.0 * sum((ba & bb).values()) / (na + nb)


def digit_runs(key):
    return set(re.findall(r"[0-9]+", key))


def numbers_conflict(a, b):
    da, db = digit_runs(a), digit_runs(b)
    return not (da <= db) and not (db <= da)


def match(old, new, max_days, min_sim):
    go, gn = collections.defaultdict(list), collections.defaultdict(list)
    for i, m in enumerate(old):
        if m["key"]:
            go[m["key"]].append(i)
    for j, m in enumerate(new):
        if m["key"]:
            gn[m["key"]].append(j)
    done_o, done_n, matches = set(), set(), []

    def order(models, idx):
        return sorted(idx, key=lambda k: (models[k]["date"] is None, models[k]["date"] or datetime.date.min, k))

    for key, oi in go.items():
        if key not in gn:
            continue
        ni = gn[key]
        conf = "high" if len(oi) == 1 and len(ni) == 1 else "low"
        for o, n in zip(order(old, oi), order(new, ni)):
            done_o.add(o)
            done_n.add(n)
            matches.append((o, n, conf))
    left_o = [i for i in range(len(old)) if i not in done_o and old[i]["key"]]
    left_n = [j for j in range(len(new)) if j not in done_n and new[j]["key"]]
    cands = []
    for i in left_o:
        a = old[i]
        if not a["orgs"] or a["date"] is None:
            continue
        for j in left_n:
            b = new[j]
            if b["date"] is None:
                continue
            days = abs((a["date"] - b["date"]).days)
            if days > max_days or not (a["orgs"] & b["orgs"]) or numbers_conflict(a["key"], b["key"]):
                continue
            s = similarity(a["key"], b["key"])
            if s >= min_sim:
                cands.append((-s, days, i, j))
    cands.sort()
    for _, _, i, j in cands:
        if i not in done_o and j not in done_n:
            done_o.add(i)
            done_n.add(j)
            matches.append((i, j, "medium"))
    return matches, len(old) - len(done_o), len(new) - len(done_n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--max-days", type=int, default=31)
    ap.add_argument("--min-similarity", type=float, default=0.5)
    a = ap.parse_args()
    old, new = load(a.old), load(a.new)
    matches, removed, added = match(old, new, a.max_days, a.min_similarity)
    conf = collections.Counter(c for _, _, c in matches)
    fields = collections.Counter()
    changed = 0
    for o, n, _ in matches:
        x, y = old[o], new[n]
        f = set()
        if x["name"] != y["name"]:
            f.add("name")
        if x["date"] != y["date"]:
            f.add("publication_date")
        if (x["flop"] is None) != (y["flop"] is None) or (
                x["flop"] is not None and abs(y["flop"] / x["flop"] - 1) > 1e-9):
            f.add("training_compute")
        if x["orgs"] != y["orgs"]:
            f.add("organizations")
        if x["acc"] != y["acc"]:
            f.add("accessibility")
        if x["nota"] != y["nota"]:
            f.add("notability")
        fields.update(f)
        changed += bool(f)
    out = {
        "old_models": len(old),
        "new_models": len(new),
        "matched": len(matches),
        "matched_high": conf["high"],
        "matched_medium": conf["medium"],
        "matched_low": conf["low"],
        "added": added,
        "removed": removed,
        "renamed": fields["name"],
        "changed_by_field": {k: fields[k] for k in
                             ("name", "publication_date", "training_compute", "organizations",
                              "accessibility", "notability")},
    }
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
