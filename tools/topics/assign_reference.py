#!/usr/bin/env python3
"""Independent re-implementation of the topic rules (crates/cd-analysis/src/topics/), for cross-checks.

The phrase lists and the area table are read from taxonomy.rs (they are data); the matching is written
here from the rules as docs/topics.md states them, with plain byte scanning instead of aho-corasick:
  - a phrase matches ASCII-case-insensitively where the byte before it is not a word byte (ASCII letter or
    digit, or any byte >= 0x80) and, unless the phrase ends in `*`, the byte after it is not one either;
  - every occurrence of every phrase counts (overlapping ones too): 3 in the title or a keyword, 1 in the
    abstract; a topic is assigned from a score of 3;
  - a phrase written `!phrase` is an exception: an occurrence of one of its topic's phrases that lies
    within an occurrence of it does not count (`!pac-bayes` keeps `bayes` from counting in "PAC-Bayes");
  - a finer topic adds the broad topic IMPLIED_TOPICS pairs it with;
  - an `area:<name>` keyword whose name (without a trailing roman numeral) is in AREA_TABLE gives the
    table's topics and is not matched against the phrases; any other area is matched like a keyword.

Usage, from the repository root:
    python3 tools/topics/assign_reference.py eval [FIXTURE.csv ...]   # micro P/R/F1 and per-topic table
    python3 tools/topics/assign_reference.py errors FIXTURE.csv        # misses and false positives
    compute-divide topics --format json > topics.json
    python3 tools/topics/assign_reference.py corpus topics.json [DATA_DIR]
        # every Paper Copilot paper of the topic corpus: the Rust topics against this implementation
        # (records matched by file and title; titles repeated within a file are skipped)
"""
import csv
import glob
import gzip
import json
import os
import re
import sys

TAXONOMY = "crates/cd-analysis/src/topics/taxonomy.rs"
FIXTURES = "crates/cd-analysis/tests/fixtures/topics/"
STRONG, ABSTRACT, MIN_SCORE = 3, 1, 3


def _block(src, start_marker):
    i = src.index(start_marker)
    j = src.index("\n];", i)
    return src[i:j]


def load_taxonomy(path=TAXONOMY):
    """(topic ids in Topic::ALL order, {topic: [phrase]}, {area name lower: [topic]})."""
    src = open(path, encoding="utf-8").read()
    # Topic ids in the order of Topic::ALL, from `Topic::X => "id"` in fn id().
    id_fn = src[src.index("pub fn id(self)"):src.index("pub fn label(self)")]
    variant_id = dict(re.findall(r'Topic::(\w+) => "(\w+)"', id_fn))
    all_block = src[src.index("pub const ALL"):src.index("];", src.index("pub const ALL"))]
    order = [variant_id[v] for v in re.findall(r"Topic::(\w+)", all_block)]
    phrases = {}
    block = re.sub(r"//[^\n]*", "", _block(src, "const PHRASES"))
    block = "\n".join(l for l in block.split("\n") if l.strip())
    # One `&[ ... ]` list per topic, in the order of Topic::ALL (comments stripped above).
    lists = re.findall(r"&\[(.*?)\n    \]", block, re.S)
    assert len(lists) == len(order), (len(lists), len(order))
    for t, body in zip(order, lists):
        phrases[t] = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    implied = []
    if "IMPLIED_TOPICS" in src:
        implied = [(variant_id[a], variant_id[b])
                   for a, b in re.findall(r"\(Topic::(\w+), Topic::(\w+)\)", _block(src, "pub const IMPLIED_TOPICS"))]
    areas = {}
    if "AREA_TABLE" in src:
        for name, variant in re.findall(r'\(\s*"([^"]+)",\s*&\[([^\]]*)\]\s*\)', _block(src, "pub const AREA_TABLE")):
            areas[name.lower()] = [variant_id[v] for v in re.findall(r"Topic::(\w+)", variant)]
    return order, phrases, areas, implied


def _word(b):
    return b >= 0x80 or chr(b).isascii() and chr(b).isalnum()


class Assigner:
    def __init__(self, path=TAXONOMY):
        self.order, self.phrases, self.areas, self.implied = load_taxonomy(path)
        self.pats = []
        for t in self.order:
            for p in self.phrases[t]:
                exception = p.startswith("!")
                p = p.lstrip("!")
                star = p.endswith("*")
                self.pats.append((t, p.rstrip("*").encode().lower(), not star, exception))

    def score_text(self, text, weight, scores):
        b = text.encode("utf-8").lower()  # bytes.lower() changes ASCII letters only
        n = len(b)
        found, exceptions = [], []
        for t, p, end_checked, exception in self.pats:
            start = b.find(p)
            while start != -1:
                end = start + len(p)
                if (start == 0 or not _word(b[start - 1])) and (
                    not end_checked or end == n or not _word(b[end])
                ):
                    (exceptions if exception else found).append((t, start, end))
                start = b.find(p, start + 1)
        for t, start, end in found:
            # A match inside a match of one of its topic's exception phrases does not count.
            if not any(t == u and s0 <= start and end <= e0 for u, s0, e0 in exceptions):
                scores[t] = scores.get(t, 0) + weight

    def area_topics(self, keyword):
        """Topics of an `area:` keyword from the table, or None when it is not an area in the table."""
        if not keyword.startswith("area:"):
            return None
        name = re.sub(r"\s+[IVX]+$", "", keyword[5:].strip()).lower()
        return self.areas.get(name)

    def assign(self, title, abstract, keywords):
        scores, fixed = {}, set()
        self.score_text(title, STRONG, scores)
        for k in keywords:
            a = self.area_topics(k)
            if a is not None:
                fixed.update(a)
            else:
                self.score_text(k, STRONG, scores)
        if abstract:
            self.score_text(abstract, ABSTRACT, scores)
        out = {t for t, s in scores.items() if s >= MIN_SCORE} | fixed
        return out | {broad for fine, broad in self.implied if fine in out}


def load_fixture(name):
    path = name if "/" in name else FIXTURES + name
    lines = [l for l in open(path, encoding="utf-8") if not l.startswith("#")]
    rows = list(csv.DictReader(lines))
    out = []
    for r in rows:
        kw = r["keywords"]
        if name.endswith(("check_set.csv", "/holdout.csv")) or name == "holdout.csv":
            # The older sets: keywords are one Python list literal, passed as one keyword.
            kws = [] if kw.strip() in ("", "[]") else [kw]
        else:
            kws = [k.strip() for k in kw.split(";") if k.strip()]
        gold = {t.strip() for t in re.split("[;,]", r["topics"]) if t.strip()}
        out.append((r["id"], r["title"], r["abstract"], kws, gold))
    return out


def evaluate(a, rows, per_topic=True, label=""):
    tp = {t: 0 for t in a.order}
    fp, fn = dict(tp), dict(tp)
    for _, title, abstract, kws, gold in rows:
        pred = a.assign(title, abstract, kws)
        for t in a.order:
            if t in gold and t in pred:
                tp[t] += 1
            elif t in pred:
                fp[t] += 1
            elif t in gold:
                fn[t] += 1
    if per_topic:
        for t in a.order:
            p = f"{tp[t] / (tp[t] + fp[t]):.2f}" if tp[t] + fp[t] else "-"
            r = f"{tp[t] / (tp[t] + fn[t]):.2f}" if tp[t] + fn[t] else "-"
            print(f"{label} {t:<24} {tp[t] + fn[t]:>5} {p:>6} {r:>6}  tp {tp[t]} fp {fp[t]} fn {fn[t]}")
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r = T / max(T + P, 1), T / max(T + N, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{label}: {len(rows)} papers, micro precision {p:.3f} recall {r:.3f} F1 {f1:.3f} (tp {T} fp {P} fn {N})")
    return p, r, f1


def _text(v):
    """A record field as the reader takes it: a string, trimmed; empty or the literal None is missing."""
    if not isinstance(v, str):
        return None
    v = v.strip()
    return None if v in ("", "None") else v


def compare_corpus(a, topics_json, data_dir):
    rust, repeated = {}, set()
    for p in json.load(open(topics_json, encoding="utf-8"))["papers"]:
        if p["paper_id"].startswith("papercopilot:"):
            key = (p["paper_id"].split(":")[1], p["title"])
            if key in rust:
                repeated.add(key)
            rust[key] = set(p["topics"])
    n = differ = 0
    for f in sorted(glob.glob(os.path.join(data_dir, "papercopilot", "*", "*.json*"))):
        stem = os.path.basename(f).split(".")[0]
        opener = gzip.open if f.endswith(".gz") else open
        with opener(f, "rt", encoding="utf-8") as fh:
            records = json.load(fh)
        for r in records:
            key = (stem, r.get("title") or "")
            if key not in rust or key in repeated:
                continue
            kws = [k.strip() for k in (_text(r.get("keywords")) or "").split(";") if k.strip()]
            area = _text(r.get("primary_area"))
            if area:
                kws.append("area:" + area)
            mine = a.assign(r.get("title") or "", _text(r.get("abstract")), kws)
            n += 1
            if mine != rust[key]:
                differ += 1
                if differ <= 10:
                    print(f"DIFFER {stem} | {key[1][:90]} | rust {sorted(rust[key])} | python {sorted(mine)}")
    print(f"{n} Paper Copilot records compared with {topics_json}: {differ} differ")
    return differ


def main(argv):
    a = Assigner()
    cmd = argv[1] if len(argv) > 1 else "eval"
    names = argv[2:] or ["papercopilot_check.csv", "papercopilot_holdout.csv", "check_set.csv", "holdout.csv"]
    if cmd == "eval":
        for n in names:
            evaluate(a, load_fixture(n), label=n)
    elif cmd == "errors":
        for n in names:
            for id_, title, abstract, kws, gold in load_fixture(n):
                pred = a.assign(title, abstract, kws)
                if pred != gold:
                    miss, extra = sorted(gold - pred), sorted(pred - gold)
                    print(f"{id_} | {title} | kw {'; '.join(kws)[:200]} | MISS {','.join(miss)} | FP {','.join(extra)}")
    elif cmd == "corpus" and len(argv) > 2:
        compare_corpus(a, argv[2], argv[3] if len(argv) > 3 else "../shared/data")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
