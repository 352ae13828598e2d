#!/usr/bin/env python3
"""Join the reproducible sample (sample_check_set.py) with the hand labels (check_set_labels.txt) into the
check-set fixture crates/cd-analysis/tests/fixtures/topics/check_set.csv.

Usage: build_check_set.py DATA_DIR
"""
import csv, io, os, subprocess, sys

CODES = {
    "LM": "language_models", "SSL": "self_supervised", "CV": "vision", "GEN": "image_video_generation",
    "SP": "speech_audio", "RL": "rl_games", "ROB": "robotics", "GR": "graph_learning",
    "OPT": "optimisation_theory", "PROB": "probabilistic_bayesian", "RAI": "responsible_ai",
    "SCI": "science_health",
}
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
sample = subprocess.run([sys.executable, os.path.join(here, "sample_check_set.py"), sys.argv[1]],
                        check=True, capture_output=True, text=True).stdout
labels = {}
for line in open(os.path.join(here, "check_set_labels.txt"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    pid, codes = line.rstrip("\n").split("\t")
    labels[pid] = "" if codes == "none" else ";".join(CODES[c] for c in codes.split(";"))
out_path = os.path.join(root, "crates/cd-analysis/tests/fixtures/topics/check_set.csv")
with open(out_path, "w", encoding="utf-8", newline="") as f:
    f.write(
        "# Topic check set, taxonomy v1 (issue 6). 220 papers labelled by hand, each by reading its title and\n"
        "# (AI Index only) abstract and keywords; labels are the labeller's judgement, not the rules' output.\n"
        "# Sample: tools/topics/sample_check_set.py -- 100 AI Index RAI rows (all ai_index_rai/*.csv in sorted\n"
        "# file order, rows in order, non-UTF-8 files decoded as Windows-1252, untitled rows skipped) drawn with\n"
        "# random.Random(20240105).sample; 120 conference papers (author rows grouped by (Conference, Year,\n"
        "# Title), sorted) drawn with random.Random(20240106).sample. Labels: tools/topics/check_set_labels.txt;\n"
        "# joined by tools/topics/build_check_set.py. `topics` is ';'-separated topic ids, empty = none of v1.\n"
        "# Note: some AI Index rows pair a title with another paper's abstract; they are labelled as given.\n"
    )
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "source", "title", "abstract", "keywords", "topics"])
    n = 0
    for r in csv.DictReader(io.StringIO(sample)):
        w.writerow([r["id"], r["source"], r["title"], r["abstract"], r["keywords"], labels[r["id"]]])
        n += 1
assert n == len(labels), (n, len(labels))
print(f"wrote {n} rows to {out_path}")
