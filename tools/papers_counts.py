#!/usr/bin/env python3
"""Independent counts of the shipped paper data, for the cd-ingest papers tests.

Conference CSV: author rows, papers (Conference, Year, Title groups), empty / 'None' affiliations, and the
share of ICLR 2018 papers with at least one author without affiliation.
AI Index: rows and papers per file (rows merged by link, else title), encoding, papers whose affiliation
list is aligned with the author list.
Usage: python3 tools/papers_counts.py [DATA_DIR]
"""
import ast, csv, glob, io, os, sys
import pandas as pd

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
df = pd.read_csv(f"{data}/conferences/icml_neurips_iclr_authors_2006-2019.csv", keep_default_na=False, dtype=str)
print("conference rows", len(df), "papers", df.groupby(["Conference", "Year", "Title"]).ngroups)
print("empty", (df.Affiliation.str.strip() == "").sum(), "None", (df.Affiliation.str.strip() == "None").sum())
unk = df.assign(u=df.Affiliation.str.strip().isin(["", "None"])).groupby(["Conference", "Year", "Title"]).u.any()
print("ICLR 2018 share with an unaffiliated author", unk.loc["ICLR", "2018"].mean(), unk.loc["ICLR", "2018"].sum(), len(unk.loc["ICLR", "2018"]))

tot_rows = tot_papers = tot_aligned = 0
for f in sorted(glob.glob(f"{data}/ai_index_rai/*.csv")):
    raw = open(f, "rb").read()
    try:
        txt, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        txt, enc = raw.decode("cp1252", errors="replace"), "cp1252"
    rows = list(csv.reader(io.StringIO(txt)))[1:]
    seen, aligned = set(), 0
    for r in rows:
        key = r[0].strip() or "title:" + r[2].strip().lower()
        if key in seen:
            continue
        seen.add(key)
        def lit(s):
            try:
                v = ast.literal_eval(s.strip())
                return v if isinstance(v, list) else []
            except Exception:
                # a list followed by glued text: parse up to the first ']'
                s = s.strip()
                if s.startswith("[") and "]" in s:
                    try:
                        return ast.literal_eval(s[: s.index("]") + 1])
                    except Exception:
                        return []
                return []
        a, b = lit(r[6]), lit(r[7])
        if b and len(a) == len(b) and any(x is not None and str(x).strip() not in ("", "None") for x in b):
            aligned += 1
    tot_rows += len(rows); tot_papers += len(seen); tot_aligned += aligned
    print(os.path.basename(f), enc, "rows", len(rows), "papers", len(seen), "with_affiliations", aligned)
print("ai index rows", tot_rows, "papers", tot_papers, "with_affiliations", tot_aligned)
