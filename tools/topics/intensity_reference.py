#!/usr/bin/env python3
"""Independent check of the compute-intensity table (issue 6) with pandas: notable models (the study's filter:
SOTA improvement, historical significance or highly cited) of an Epoch table with a publication date from
2010 on and positive training compute, mapped to topics by Domain (only the Domain rules needed for the topics
printed). Prints models, median and quartiles of log10 FLOP per topic, pooled and for 2022+.
Usage: intensity_reference.py EPOCH_CSV"""
import sys
import numpy as np
import pandas as pd

d = pd.read_csv(sys.argv[1])
crit = d["Notability criteria"].fillna("").str.lower()
keep = crit.str.contains("sota improvement|historical significance|highly cited")
date = pd.to_datetime(d["Publication date"], errors="coerce")
flop = pd.to_numeric(d["Training compute (FLOP)"], errors="coerce")
d = d[keep & date.notna() & (flop > 0) & (date.dt.year >= 2010)].assign(
    year=date.dt.year, lf=np.log10(flop))
dom = d["Domain"].fillna("").str.lower().str.split(",").apply(lambda v: {x.strip() for x in v})
rules = {"language_models": {"language", "multimodal"}, "vision": {"vision", "video", "3d modeling", "3d reconstruction"},
         "rl_games": {"games"}}
for topic, names in rules.items():
    m = d[dom.apply(lambda s: bool(s & names))]
    for label, sel in [("all", m), ("2022+", m[m.year >= 2022])]:
        q = np.percentile(sel.lf, [25, 50, 75]) if len(sel) else [np.nan] * 3
        print(f"{topic} {label}: models {len(sel)} median {q[1]!r} q25 {q[0]!r} q75 {q[2]!r}")
