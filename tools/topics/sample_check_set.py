#!/usr/bin/env python3
"""Draw the topic check set reproducibly (issue 6).

Method (also written into the fixture header):
- AI Index RAI papers: every file ai_index_rai/*.csv in sorted file-name order, rows in file order; files
  that are not UTF-8 are decoded as Windows-1252. Rows without a title are skipped. 100 rows are drawn
  with random.Random(20240105).sample over the row list; id = "aiindex:<file stem>:<1-based data row>".
- Conference papers: conferences/icml_neurips_iclr_authors_2006-2019.csv grouped into papers by
  (Conference, Year, Title), the distinct papers sorted by (Conference, Year, Title); 120 drawn with
  random.Random(20240106).sample; id = "conf:<Conference>:<Year>:<1-based index in the sorted list>".
The labels (column `topics`) are added by hand afterwards, from reading each title/abstract.

Usage: sample_check_set.py DATA_DIR > sample.csv   (columns: id, source, title, abstract, keywords)
"""
import csv, glob, os, random, sys

data = sys.argv[1]
out = csv.writer(sys.stdout)
out.writerow(["id", "source", "title", "abstract", "keywords"])

rows = []
for path in sorted(glob.glob(os.path.join(data, "ai_index_rai", "*.csv"))):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    stem = os.path.splitext(os.path.basename(path))[0]
    for i, r in enumerate(csv.DictReader(text.splitlines(True)), start=1):
        t = (r.get("title") or "").strip()
        if t:
            rows.append((f"aiindex:{stem}:{i}", t, (r.get("abstract") or "").strip(), (r.get("keywords") or "").strip()))
for r in random.Random(20240105).sample(rows, 100):
    out.writerow([r[0], "aiindex", r[1], r[2], r[3]])

papers = set()
with open(os.path.join(data, "conferences", "icml_neurips_iclr_authors_2006-2019.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        papers.add((r["Conference"], int(r["Year"]), r["Title"].strip()))
papers = sorted(papers)
idx = random.Random(20240106).sample(range(len(papers)), 120)
for i in idx:
    c, y, t = papers[i]
    out.writerow([f"conf:{c}:{y}:{i + 1}", "conference", t, "", ""])
