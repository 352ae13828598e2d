#!/usr/bin/env python3
"""Independent counts of the Paper Copilot lists, to check the Rust reader against
(crates/cd-ingest/src/papers/papercopilot.rs). It follows docs/papercopilot.md and shares no code with the
Rust reader; standard library only.

    python3 tools/papercopilot_counts.py [DATA_DIR] [--json OUT]

DATA_DIR defaults to ../shared/data seen from the repository root; the files read are
DATA_DIR/papercopilot/**/<venue><year>.json[.gz] in sorted path order. For every file it prints one line
and (with --json) writes a dict keyed by the path relative to the papercopilot folder
(e.g. "cvpr/cvpr2021.json.gz") with:

  venue (canonical), year, rows_read, rows_loaded, rows_rejected,
  status {accepted, rejected, withdrawn, unknown}        (loaded rows),
  separator (";" or ","), paper_level_file (bool),
  alignment {aligned, paper_level, partial, none}        (loaded rows),
  authors         authors after splitting and de-duplication of repeated lists,
  dedup_records   records whose author list was de-duplicated,
  authors_with_aff / authors_with_domain / authors_with_position
                  authors that got >= 1 non-missing aff entry / a non-missing domain / position,
  with_citation   loaded papers whose gs_citation is a non-negative integer, citations_sum their sum,
  mojibake_fixed  strings changed by the mojibake rule (kept author names and non-missing aff entries,
                  one per string occurrence).

"_total" sums the numeric fields (status and alignment too) over all files and adds "files".

Readings chosen where docs/papercopilot.md is open (see also the report that came with this file):
  * Domains: "the first non-empty of aff_domain, email" is taken as the first whose LIST is present
    (has a non-missing entry); a string of bare separators such as ";;;" (ICLR 2013-2018) counts as empty,
    so those records fall through to `authorids`.
  * Alignment order: none (no present list) -> paper_level (paper-level file) -> aligned -> paper_level
    (no domain/position list, aff length != n) -> partial (paper_level when the longest list > n).
  * Mojibake: the accent is composed only when Unicode has a precomposed letter for it (NFC gives one
    character); otherwise the text is left as is and not counted (e.g. "´ı", "¨f"). Applied to author
    names after splitting/de-duplication and to every non-missing aff entry.
  * Separator counts, status and alignment are over loaded rows only.
  * Domain entries: lower-cased, then a leading "@" and then a leading "www." are stripped; an entry that is
    empty, "None" or "none" afterwards is missing.
"""
import collections
import gzip
import json
import pathlib
import re
import sys
import unicodedata

CANON = {
    "nips": "NeurIPS", "icml": "ICML", "iclr": "ICLR", "cvpr": "CVPR", "iccv": "ICCV", "wacv": "WACV",
    "acl": "ACL", "naacl": "NAACL", "coling": "COLING", "colm": "COLM", "aaai": "AAAI", "ijcai": "IJCAI",
    "aistats": "AISTATS", "uai": "UAI", "colt": "COLT", "acml": "ACML", "corl": "CoRL", "rss": "RSS",
    "icra": "ICRA", "iros": "IROS", "3dv": "3DV", "automl": "AutoML", "emnlp": "EMNLP", "eccv": "ECCV",
    "kdd": "KDD", "www": "WWW", "siggraph": "SIGGRAPH",
}

ACCEPTED = {"poster", "oral", "spotlight", "highlight", "long", "short", "main", "findings", "technical",
            "industry", "workshop", "system demonstrations", "demo", "demonstration", "talk",
            "poster workshop", "oral workshop", "award", "best paper", "accept"}
REJECTED = {"reject", "rejected", "desk reject", "desk rejected"}
WITHDRAWN = {"withdraw", "withdrawn"}

# spacing accent -> combining mark
ACCENTS = {"\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303",
           "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02da": "\u030a"}
MOJI = re.compile(" ?([" + "".join(ACCENTS) + "]) ?([^\\W\\d_])")

FILE_RE = re.compile(r"^(.*?)(\d{4})\.json(\.gz)?$")
NAME_RE = re.compile(r"\.json(\.gz)?$")


def fix_mojibake(s):
    def repl(m):
        letter = m.group(2)
        if not letter.isalpha():
            return m.group(0)
        comp = unicodedata.normalize("NFC", letter + ACCENTS[m.group(1)])
        return comp if len(comp) == 1 else m.group(0)
    return MOJI.sub(repl, s)


def missing(s):
    return s is None or not isinstance(s, str) or s.strip() in ("", "None")


def status_of(v):
    if not isinstance(v, str):
        return "unknown"
    v = v.strip().lower()
    if v in ACCEPTED:
        return "accepted"
    if v in REJECTED:
        return "rejected"
    if v in WITHDRAWN:
        return "withdrawn"
    return "unknown"


def split_list(s):
    """Split on ';' and trim; None for a missing entry. Returns None when the list is absent."""
    if not isinstance(s, str):
        return None
    out = [x.strip() for x in s.split(";")]
    out = [None if x in ("", "None") else x for x in out]
    return out if any(x is not None for x in out) else None


def cut(lst, n):
    if lst is not None and len(lst) > n and all(x is None for x in lst[n:]):
        lst = lst[:n]
    return lst


def norm_domain(x):
    if x is None:
        return None
    x = x.strip().lower()
    if x.startswith("@"):
        x = x[1:]
    if x.startswith("www."):
        x = x[4:]
    return None if x in ("", "none") else x


def domain_list(rec):
    for key in ("aff_domain", "email"):
        lst = split_list(rec.get(key))
        if lst is not None:
            lst = [norm_domain(x) for x in lst]
            return lst if any(x is not None for x in lst) else None
    ids = rec.get("authorids")
    if isinstance(ids, str):
        entries = ids.split(";")
        if any("@" in e for e in entries):
            lst = [norm_domain(e.rsplit("@", 1)[1]) if "@" in e else None for e in entries]
            return lst if any(x is not None for x in lst) else None
    return None


def citation(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v if v >= 0 else None
    if isinstance(v, float):
        return int(v) if v >= 0 and v.is_integer() else None
    if isinstance(v, str) and re.fullmatch(r"[0-9]+", v.strip()):
        return int(v.strip())
    return None


def read_file(path):
    m = FILE_RE.match(path.name)
    if not m or not m.group(1):
        raise SystemExit(f"{path}: file name does not end in a four-digit year")
    stem, year = m.group(1), int(m.group(2))
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, list):
        raise SystemExit(f"{path}: top-level value is not a JSON array")

    loaded = []
    for row in data:
        if not isinstance(row, dict):
            continue
        t = row.get("title")
        if not isinstance(t, str) or t.strip() in ("", "None"):
            continue
        if "year" in row and row["year"] is not None:
            y = row["year"]
            ok = (isinstance(y, int) and not isinstance(y, bool) and y == year) or \
                 (isinstance(y, str) and y.strip().isdigit() and int(y.strip()) == year)
            if not ok:
                continue
        loaded.append(row)

    res = {"venue": CANON.get(stem.lower(), stem.upper()), "year": year, "rows_read": len(data),
           "rows_loaded": len(loaded), "rows_rejected": len(data) - len(loaded),
           "status": dict.fromkeys(("accepted", "rejected", "withdrawn", "unknown"), 0)}

    s = c = 0
    for r in loaded:
        a = r.get("author")
        if isinstance(a, str):
            if ";" in a:
                s += 1
            elif "," in a:
                c += 1
    sep = ";" if s >= c else ","
    res["separator"] = sep

    moj = 0
    dedup = 0
    recs = []
    for r in loaded:
        res["status"][status_of(r.get("status"))] += 1
        a = r.get("author")
        names = []
        if isinstance(a, str):
            parts = a.split(";") if sep == ";" else re.split("[;,]", a)
            names = [p.strip() for p in parts]
            names = [p for p in names if p not in ("", "None")]
        k = len(names) // 2
        if len(names) >= 2 and len(names) % 2 == 0 and names[:k] == names[k:]:
            names = names[:k]
            dedup += 1
        fixed = []
        for nm in names:
            f = fix_mojibake(nm)
            moj += f != nm
            fixed.append(f)
        n = len(fixed)
        aff = split_list(r.get("aff"))
        if aff is not None:
            out = []
            for x in aff:
                if x is not None:
                    f = fix_mojibake(x)
                    moj += f != x
                    x = f
                out.append(x)
            aff = out
        aff = cut(aff, n)
        dom = cut(domain_list(r), n)
        pos = cut(split_list(r.get("position")), n)
        recs.append((n, aff, dom, pos))

    res["dedup_records"] = dedup
    res["mojibake_fixed"] = moj

    # paper-level file
    any_dp = any(d is not None or p is not None for _, _, d, p in recs)
    cand = [(n, a) for n, a, _, _ in recs if n >= 2 and a is not None]
    bad = sum(1 for n, a in cand if len(a) != n)
    plf = (not any_dp) and bad * 2 > len(cand)
    res["paper_level_file"] = plf

    al = dict.fromkeys(("aligned", "paper_level", "partial", "none"), 0)
    authors = w_aff = w_dom = w_pos = 0
    for n, aff, dom, pos in recs:
        authors += n
        present = [x for x in (aff, dom, pos) if x is not None]
        if not present:
            cls = "none"
        elif plf:
            cls = "paper_level"
        elif all(len(x) == n for x in present):
            cls = "aligned"
        elif dom is None and pos is None:
            cls = "paper_level"
        elif max(len(x) for x in present) > n:
            cls = "paper_level"
        else:
            cls = "partial"
        al[cls] += 1
        if cls == "paper_level":
            if aff is not None and any(x is not None for x in aff):
                w_aff += n
        elif cls in ("aligned", "partial"):
            m = max(len(x) for x in present)  # == n when aligned, <= n when partial
            for i in range(min(m, n)):
                if aff is not None and i < len(aff) and aff[i] is not None:
                    w_aff += 1
                if dom is not None and i < len(dom) and dom[i] is not None:
                    w_dom += 1
                if pos is not None and i < len(pos) and pos[i] is not None:
                    w_pos += 1
    res["alignment"] = al
    res["authors"] = authors
    res["authors_with_aff"] = w_aff
    res["authors_with_domain"] = w_dom
    res["authors_with_position"] = w_pos

    cits = [citation(r.get("gs_citation")) for r in loaded]
    cits = [x for x in cits if x is not None]
    res["with_citation"] = len(cits)
    res["citations_sum"] = sum(cits)
    return res


ORDER = ["venue", "year", "rows_read", "rows_loaded", "rows_rejected", "status", "separator",
         "paper_level_file", "alignment", "authors", "dedup_records", "authors_with_aff",
         "authors_with_domain", "authors_with_position", "with_citation", "citations_sum", "mojibake_fixed"]
NUMERIC = ["rows_read", "rows_loaded", "rows_rejected", "authors", "dedup_records", "authors_with_aff",
           "authors_with_domain", "authors_with_position", "with_citation", "citations_sum", "mojibake_fixed"]


def line(key, r):
    st, al = r["status"], r["alignment"]
    head = f"{key}: {r['venue']} {r['year']} " if "venue" in r else f"{key}: files={r['files']} "
    tail = f" sep={r['separator']} plf={r['paper_level_file']}" if "separator" in r else ""
    return (head + f"read={r['rows_read']} loaded={r['rows_loaded']} rejected={r['rows_rejected']} "
            f"acc={st['accepted']} rej={st['rejected']} wd={st['withdrawn']} unk={st['unknown']}{tail} "
            f"al={al['aligned']}/{al['paper_level']}/{al['partial']}/{al['none']} authors={r['authors']} "
            f"dedup={r['dedup_records']} aff={r['authors_with_aff']} dom={r['authors_with_domain']} "
            f"pos={r['authors_with_position']} cit={r['with_citation']} citsum={r['citations_sum']} "
            f"moji={r['mojibake_fixed']}")


def main(argv):
    out = None
    args = []
    it = iter(argv)
    for a in it:
        if a == "--json":
            out = next(it, None)
            if out is None:
                raise SystemExit("--json needs a file name")
        else:
            args.append(a)
    repo = pathlib.Path(__file__).resolve().parent.parent
    data = pathlib.Path(args[0]) if args else repo / ".." / "shared" / "data"
    root = data / "papercopilot"
    if not root.is_dir():
        root = data  # also accept the papercopilot folder itself
    files = sorted(p for p in root.rglob("*") if p.is_file() and NAME_RE.search(p.name))
    result = {}
    total = {k: 0 for k in NUMERIC}
    total["status"] = dict.fromkeys(("accepted", "rejected", "withdrawn", "unknown"), 0)
    total["alignment"] = dict.fromkeys(("aligned", "paper_level", "partial", "none"), 0)
    for p in files:
        key = p.relative_to(root).as_posix()
        r = read_file(p)
        r = {k: r[k] for k in ORDER}
        result[key] = r
        for k in NUMERIC:
            total[k] += r[k]
        for k in ("status", "alignment"):
            for kk, v in r[k].items():
                total[k][kk] += v
        print(line(key, r))
    total["files"] = len(files)
    result["_total"] = total
    print(line("_total", total))
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1, ensure_ascii=False)
            fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
