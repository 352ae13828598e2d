#!/usr/bin/env python3
"""Draw the 60-paper hold-out set (issue 6): conference papers grouped and sorted as in sample_check_set.py,
excluding the 120 drawn there (random.Random(20240106)), then random.Random(20240107).sample(rest, 60).
Then join with holdout_labels.txt into crates/cd-analysis/tests/fixtures/topics/holdout.csv.
Usage: sample_holdout.py DATA_DIR"""
import csv, os, random, sys

CODES = {"LM": "language_models", "SSL": "self_supervised", "CV": "vision", "GEN": "image_video_generation",
         "SP": "speech_audio", "RL": "rl_games", "ROB": "robotics", "GR": "graph_learning",
         "OPT": "optimisation_theory", "PROB": "probabilistic_bayesian", "RAI": "responsible_ai",
         "SCI": "science_health"}
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
papers = set()
with open(os.path.join(sys.argv[1], "conferences", "icml_neurips_iclr_authors_2006-2019.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        papers.add((r["Conference"], int(r["Year"]), r["Title"].strip()))
papers = sorted(papers)
used = set(random.Random(20240106).sample(range(len(papers)), 120))
rest = [i for i in range(len(papers)) if i not in used]
labels = {}
for line in open(os.path.join(here, "holdout_labels.txt"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    pid, codes = line.rstrip("\n").split("\t")
    labels[pid] = "" if codes == "none" else ";".join(CODES[c] for c in codes.split(";"))
out = os.path.join(root, "crates/cd-analysis/tests/fixtures/topics/holdout.csv")
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("# Topic hold-out set, taxonomy v1: 60 conference papers (titles only) labelled by hand after the\n"
            "# rules were final; never used to revise them. Sample and join: tools/topics/sample_holdout.py.\n")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "source", "title", "abstract", "keywords", "topics"])
    for i in random.Random(20240107).sample(rest, 60):
        c, y, t = papers[i]
        pid = f"conf:{c}:{y}:{i + 1}"
        w.writerow([pid, "conference", t, "", "", labels[pid]])
print("wrote", out)
