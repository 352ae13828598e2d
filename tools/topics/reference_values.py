#!/usr/bin/env python3
"""Independent reference values for crates/cd-analysis/tests/it/topics_analyses.rs (issue 6), computed with
pandas / numpy / statsmodels / scipy from the same inputs the Rust tests build. Run from the repo root:
    python3 tools/topics/reference_values.py
The Rust tests hard-code the printed values."""
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import mannwhitneyu

print("== annotated (tests/fixtures/topics/annotated_example.csv)")
d = pd.read_csv("crates/cd-analysis/tests/fixtures/topics/annotated_example.csv", comment="#", dtype=str)
d = d[pd.to_numeric(d.training_flop, errors="coerce").notna() | d.training_flop.isna()]  # row s24 rejected
d["ind"] = d.industry_coauthor.str.lower().isin(["true", "yes", "1"])
d["flop"] = pd.to_numeric(d.training_flop)
print("papers loaded", len(d))
for topic, g in list(d.groupby("topic")) + [("all", d)]:
    c = g.dropna(subset=["flop"])
    li, la = np.log10(c[c.ind].flop), np.log10(c[~c.ind].flop)
    ratio = 10 ** (li.mean() - la.mean())
    r = mannwhitneyu(li, la, alternative="two-sided")
    print(f"{topic}: papers {len(g)} with_compute {len(c)} ind {len(li)} acad {len(la)} "
          f"ratio {ratio!r} U1 {float(r.statistic)!r} p {float(r.pvalue)!r}")

print("== log-odds (Monroe et al. 2008), prior_scale 10")
acad = {"graph": 30, "theorem": 12, "model": 50, "scaling": 2}
ind = {"graph": 10, "model": 60, "scaling": 25, "gpu": 8}
a0 = 10.0
na, ni = sum(acad.values()), sum(ind.values())
n = na + ni
for w in sorted(set(acad) | set(ind)):
    ya, yi = acad.get(w, 0), ind.get(w, 0)
    al = a0 * (ya + yi) / n
    delta = np.log((ya + al) / (na + a0 - ya - al)) - np.log((yi + al) / (ni + a0 - yi - al))
    z = delta / np.sqrt(1 / (ya + al) + 1 / (yi + al))
    print(f"{w}: delta {delta!r} z {z!r}")

print("== representation (periods 2010-13 and 2022+; the test's papers)")
# (period, topic, n_known, n_academic_only) built by the test; shares, weights and the WLS fit:
cells = {
    "vision": (40, 30, 50, 20),
    "language_models": (30, 24, 60, 12),
    "rl_games": (25, 15, 25, 14),
}
x = {"vision": 21.0, "language_models": 24.0, "rl_games": 19.0}
rows = []
for t, (n1, a1, n2, a2) in cells.items():
    rows.append((x[t], a2 / n2 - a1 / n1, 1 / (1 / n1 + 1 / n2)))
X = np.array([r[0] for r in rows]); Y = np.array([r[1] for r in rows]); W = np.array([r[2] for r in rows])
f = sm.WLS(Y, sm.add_constant(X), weights=W).fit()
print("slope", repr(f.params[1]), "intercept", repr(f.params[0]), "se", repr(f.bse[1]))
