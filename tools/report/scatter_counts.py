#!/usr/bin/env python3
"""Independent count of the dots in the report's compute scatters (pandas, not the Rust code).

A dot is a model of the Epoch table that passes the study's notability filter (at least one of SOTA
improvement, highly cited, historical significance, in any case), has a publication date and a positive
training-compute estimate. `compute_divide.svg` shows those published from 2010 on, `compute_history.svg`
all of them. crates/compute-divide/tests/it/report_browser.rs pins the numbers this prints.

Usage: python3 tools/report/scatter_counts.py [../shared/data/epoch/all_ml_systems_2025-08-07.csv]
"""
import sys

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/epoch/all_ml_systems_2025-08-07.csv"
df = pd.read_csv(path)
criteria = df["Notability criteria"].fillna("").str.lower()
keep = criteria.apply(
    lambda s: any(c.strip() in ("sota improvement", "highly cited", "historical significance") for c in s.split(","))
)
date = pd.to_datetime(df["Publication date"], errors="coerce")
flop = pd.to_numeric(df["Training compute (FLOP)"], errors="coerce")
dots = keep & date.notna() & (flop > 0)
print(f"compute_history: {int(dots.sum())}")
print(f"compute_divide (2010 on): {int((dots & (date >= pd.Timestamp('2010-01-01'))).sum())}")
