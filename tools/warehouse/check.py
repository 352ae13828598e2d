#!/usr/bin/env python3
"""Independent check of a compute-divide Parquet warehouse (docs/warehouse.md).

1. Every table of warehouse.json is read as it is by pandas (pyarrow) and by DuckDB (read_parquet over the
   table's folder): both give warehouse.json's row count and its columns in order.
2. The OpenAlex works given (JSON Lines, plain or gzip; the build must have used --openalex-filter none)
   are read again with the plain json module, following the documented extraction (docs/warehouse.md,
   crates/cd-ingest/src/papers/openalex.rs), and the warehouse's OpenAlex rows must equal them field by
   field: papers (id, year, title, venue, type, doi, cited_by_count), authorships (position, affiliation
   position, institution id, type, ROR, country, raw affiliation), OpenAlex topics (id, name, score,
   primary, subfield, field) and citation edges.
3. With --data, counts of the data folder done here with pandas: GRID institutions (rows of grid.csv),
   conference papers (Conference, Year, Title groups of the author list).
4. Keys: `occurrence` counted again here (in each papers file, the 1-based rank of a row among the rows
   of its (source, paper_id) in file order); (source, paper_id, occurrence) unique within a papers file;
   every row of authorships, paper_topics and model_mentions belongs to a paper row (model_mentions: of
   the same year); a model mention found in a title has its matched text in the paper's title.

Prints one line per check and exits 1 on the first disagreement.
Usage: python3 tools/warehouse/check.py WAREHOUSE [--openalex FILE ...] [--data DIR]
"""
import argparse, gzip, json, math, os, sys

import duckdb
import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("warehouse")
ap.add_argument("--openalex", nargs="*", default=[])
ap.add_argument("--data")
a = ap.parse_args()
wh = a.warehouse
meta = json.load(open(os.path.join(wh, "warehouse.json")))
failed = False


def check(what, ok, detail=""):
    global failed
    print(("ok   " if ok else "FAIL ") + what + (f": {detail}" if detail and not ok else ""))
    failed |= not ok


tables = {}
for t in meta["tables"]:
    name, rows = t["name"], t["rows"]
    cols = [c["name"] for c in t["columns"]]
    if not t["files"]:
        check(f"{name}: no file, 0 rows", rows == 0)
        continue
    df = pd.read_parquet(os.path.join(wh, name))
    tables[name] = df
    check(f"{name}: pandas reads {len(df)} rows, warehouse.json says {rows}", len(df) == rows)
    check(f"{name}: pandas columns", list(df.columns) == cols, f"{list(df.columns)} vs {cols}")
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{os.path.join(wh, name)}/*.parquet')").fetchall()[0][0]
    check(f"{name}: DuckDB reads {n} rows", n == rows)
    dcols = [d[0] for d in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{os.path.join(wh, name)}/*.parquet')").fetchall()]
    check(f"{name}: DuckDB columns", dcols == cols, f"{dcols}")


KEY = ["source", "paper_id", "occurrence"]
if "papers" in tables:
    files = next(t["files"] for t in meta["tables"] if t["name"] == "papers")
    ok, dup = True, False
    for f in files:
        df = pd.read_parquet(os.path.join(wh, f), columns=KEY)
        ok &= bool((df.groupby(["source", "paper_id"], sort=False).cumcount() + 1 == df["occurrence"]).all())
        dup |= bool(df.duplicated(KEY).any())
    check("papers: occurrence is the rank of the row among its (source, paper_id) in each file", ok)
    check("papers: (source, paper_id, occurrence) unique in each file", not dup)
    keys = tables["papers"][KEY + ["year"]].drop_duplicates(KEY)
    for name in ["authorships", "paper_topics", "model_mentions"]:
        if name not in tables:
            continue
        on = KEY + (["year"] if name == "model_mentions" else [])
        m = tables[name][on].merge(keys[on], on=on, how="left", indicator=True)
        orphans = int((m["_merge"] == "left_only").sum())
        check(f"{name}: every row belongs to a paper row", orphans == 0, f"{orphans} rows without one")
    if "model_mentions" in tables:
        # The evidence: a mention found in the title is written in the paper's title.
        mm = tables["model_mentions"].merge(tables["papers"][KEY + ["title"]].drop_duplicates(KEY), on=KEY)
        t = mm[mm["fields"].str.split(";").apply(lambda f: "title" in f)]
        bad = [r.matched_text for r in t.itertuples() if r.matched_text.lower() not in r.title.lower()]
        check(f"model_mentions: the matched text of the {len(t)} title mentions is in the title", not bad, f"{bad[:5]}")


def short(i):
    return i[len("https://openalex.org/"):] if i and i.startswith("https://openalex.org/") else i


def lines(path):
    op = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with op(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


if a.openalex:
    papers, auth, topics, cites = [], [], [], []
    for path in a.openalex:
        for w in lines(path):
            pid = short(w["id"])
            loc = w.get("primary_location") or {}
            src = loc.get("source") or {}
            papers.append((pid, w.get("publication_year"), w.get("title") or w.get("display_name") or "",
                           src.get("display_name") or "", w.get("type"), w.get("doi"), w.get("cited_by_count")))
            for i, au in enumerate(w.get("authorships") or []):
                insts = [x for x in (au.get("institutions") or []) if (x.get("display_name") or "").strip()]
                if insts:
                    for j, x in enumerate(insts):
                        auth.append((pid, i + 1, j + 1, short(x.get("id")), x.get("type") or None, x.get("ror"),
                                     x.get("country_code"), x["display_name"]))
                else:
                    raws = [s.strip() for s in (au.get("raw_affiliation_strings") or []) if s and s.strip()]
                    for j, s in enumerate(raws):
                        auth.append((pid, i + 1, j + 1, None, None, None, None, s))
                    if not raws:
                        auth.append((pid, i + 1, None, None, None, None, None, None))
            prim = w.get("primary_topic")
            ts = ([(prim, True)] if prim else []) + [(t, False) for t in (w.get("topics") or []) if not prim or t.get("id") != prim.get("id")]
            for t, p in ts:
                topics.append((pid, short(t.get("id")) or None, t.get("display_name") or "", t.get("score"), p,
                               (t.get("subfield") or {}).get("display_name"), (t.get("field") or {}).get("display_name")))
            for r in w.get("referenced_works") or []:
                if r:
                    cites.append((pid, short(r)))
    p = tables["papers"]
    p = p[p.source == "openalex"]
    got = [(r.paper_id, none(r.year), r.title, r.venue, none(r.work_type), none(r.doi), none(r.citations))
           for r in p.itertuples()]
    got = [(a_, int(b) if b is not None else None, c, d, e, f, int(g) if g is not None else None) for a_, b, c, d, e, f, g in got]
    check(f"OpenAlex papers: {len(papers)} works, fields equal", got == papers,
          next((f"{x} vs {y}" for x, y in zip(got, papers) if x != y), f"{len(got)} rows"))
    ids = set(r[0] for r in papers)
    au = tables["authorships"]
    au = au[au.source == "openalex"]
    got = [(r.paper_id, int(r.author_position), none(r.affiliation_position), none(r.institution_id), none(r.institution_type),
            none(r.ror), none(r.country_code), none(r.raw_affiliation)) for r in au.itertuples()]
    got = [x[:2] + ((int(x[2]) if x[2] is not None else None),) + x[3:] for x in got]
    check(f"OpenAlex authorships: {len(auth)} rows, fields equal", got == auth,
          next((f"{x} vs {y}" for x, y in zip(got, auth) if x != y), f"{len(got)} vs {len(auth)} rows"))
    tp = tables["paper_topics"]
    tp = tp[(tp.source == "openalex") & (tp.taxonomy == "openalex")]
    got = [(r.paper_id, none(r.topic_id), r.topic, none(r.score), bool(r.is_primary), none(r.subfield), none(r.field)) for r in tp.itertuples()]
    # serde_json's float parsing (without its float_roundtrip feature) may differ from Python's correctly
    # rounded one in the last bit: scores are compared to 1e-15 relative, the rest exactly.
    def same(x, y):
        return x[:3] + x[4:] == y[:3] + y[4:] and (x[3] == y[3] or (x[3] is not None and y[3] is not None and abs(x[3] - y[3]) <= 1e-15 * abs(y[3])))
    eq = len(got) == len(topics) and all(same(x, y) for x, y in zip(got, topics))
    check(f"OpenAlex topics: {len(topics)} rows, fields equal (scores to 1e-15)", eq,
          next((f"{x} vs {y}" for x, y in zip(got, topics) if not same(x, y)), f"{len(got)} vs {len(topics)} rows"))
    c = tables.get("citations", pd.DataFrame(columns=["citing_paper_id", "cited_paper_id"]))
    got = [(r.citing_paper_id, r.cited_paper_id) for r in c.itertuples() if r.citing_paper_id in ids]
    check(f"OpenAlex citation edges: {len(cites)}", got == cites, f"{len(got)} vs {len(cites)}")

if a.data:
    grid = pd.read_csv(os.path.join(a.data, "grid", "grid.csv"), dtype=str, keep_default_na=False)
    n = len(tables["institutions"])
    check(f"institutions: {n} rows, grid.csv has {len(grid)}", n == len(grid))
    conf = pd.read_csv(os.path.join(a.data, "conferences", "icml_neurips_iclr_authors_2006-2019.csv"), dtype=str, keep_default_na=False)
    groups = conf.groupby(["Conference", "Year", "Title"]).ngroups
    n = int((tables["papers"].source == "conference").sum())
    check(f"conference papers: {n}, pandas groups {groups}", n == groups)

sys.exit(1 if failed else 0)
