#!/usr/bin/env python3
"""Independent check of `compute-divide provision` (docs/provision.md): capacity sums per sector and
year, and the price-performance fit, recomputed with pandas/numpy/statsmodels from the CSVs.

Usage: provision_check.py --clusters gpu_clusters.csv --hardware ml_hardware.csv
       [--precision tensor|tensor_then_fp16|fp16|fp32] [--public-private-as separate|public|private|half]
Prints JSON: {"capacity": [{year, sector, clusters, h100_equivalents, ops_16bit}], "price_performance":
{n, slope_oom_per_year, intercept, doubling_years}}. Default definitions only for the flags
(drop_excluded, drop_possible_duplicates, drop_superseded true; standard_analysis_only false).
"""
import argparse
import json
import math
import re

import numpy as np
import pandas as pd
import statsmodels.api as sm


def norm(h):
    return " ".join(h.replace("\ufeff", "").split()).lower()


def col(df, *names):
    cols = {norm(c): c for c in reversed(df.columns)}
    for n in names:
        if norm(n) in cols:
            return df[cols[norm(n)]]
    return pd.Series([""] * len(df), index=df.index)


def number(s):
    s = str(s).strip().lstrip("$").replace(",", "").replace(" ", "")
    if s == "":
        return None
    v = float(s)
    assert math.isfinite(v) and v >= 0, s
    return v


def val(v):
    """A parsed value, None for an empty cell (pandas turns None into NaN)."""
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def year_of(s):
    """Year of a m/d/yyyy, yyyy-mm-dd, yyyy-mm or yyyy date; None when empty."""
    s = str(s).strip().split(" ")[0]
    if s == "":
        return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", s)
    if m:
        return int(m.group(3))
    m = re.fullmatch(r"(\d{4})(-\d{1,2}(-\d{1,2})?)?", s)
    assert m, s
    return int(m.group(1))


def decimal_year(s):
    t = pd.Timestamp(str(s).strip()[:10])
    length = 366 if t.is_leap_year else 365
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", str(s).strip()):
        return t.year + (t.day_of_year - 1 + 0.5) / length
    raise ValueError(f"day-precision release dates expected, got {s!r}")


def flag(s):
    return str(s).strip().lower() in ("true", "yes", "1", "checked", "x")


def capacity(path, pp_as):
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    c = pd.DataFrame({
        "name": col(d, "Name").str.strip(),
        "status": col(d, "Status").str.strip().str.lower(),
        "sector": col(d, "Sector").str.strip(),
        "h100": col(d, "H100 equivalents").map(number),
        "ops": col(d, "16-bit OP/s").map(number),
        "first": col(d, "First Operational Date").map(year_of),
        "decom": col(d, "Decommissioned Date (if applicable)").map(year_of),
        "succ": col(d, "Superseded by").str.strip(),
        "exclude": col(d, "Exclude").map(flag),
        "dup": col(d, "Possible Duplicate").map(flag),
    })
    sector_name = {"private": "private", "public": "public", "public/private": "public_private", "": "unknown"}
    c["sector"] = c["sector"].str.lower().map(sector_name)
    ok = (~c.exclude) & (~c.dup) & (c.status != "planned") & c["first"].notna()
    ok &= ~((c.status == "decommissioned") & c["decom"].isna())
    e = c[ok].copy()
    first_by_name = {}
    for i, n in zip(e.index, e.name):
        first_by_name.setdefault(n, i)

    def operational(i, y):
        r = e.loc[i]
        return r["first"] <= y and (val(r["decom"]) is None or r["decom"] > y)

    years = range(int(e["first"].min()), int(e["first"].max()) + 1)
    sectors = ["private", "public", "public_private", "unknown"] if pp_as == "separate" else ["private", "public", "unknown"]
    rows = []
    for y in years:
        live = []
        for i in e.index:
            if not operational(i, y):
                continue
            j = first_by_name.get(e.at[i, "succ"])
            if e.at[i, "succ"] and j is not None and j != i and operational(j, y):
                continue
            live.append(i)
        acc = {s: [0, 0.0, 0.0] for s in sectors}
        for i in live:
            s = e.at[i, "sector"]
            parts = [(s, 1.0)]
            if s == "public_private" and pp_as != "separate":
                parts = {"public": [("public", 1.0)], "private": [("private", 1.0)],
                         "half": [("private", 0.5), ("public", 0.5)]}[pp_as]
            for t, w in parts:
                acc[t][0] += 1
                acc[t][1] += w * (val(e.at[i, "h100"]) or 0.0)
                acc[t][2] += w * (val(e.at[i, "ops"]) or 0.0)
        for s in sectors:
            rows.append({"year": y, "sector": s, "clusters": acc[s][0],
                         "h100_equivalents": acc[s][1], "ops_16bit": acc[s][2]})
    return rows


def price_performance(path, precision):
    h = pd.read_csv(path, dtype=str, keep_default_na=False)
    price = col(h, "Release price (USD)").map(number)
    date = col(h, "Release date").str.strip()
    tensor = col(h, "Tensor-FP16/BF16 performance (FLOP/s)").map(number)
    fp16 = col(h, "FP16 (half precision) performance (FLOP/s)").map(number)
    fp32 = col(h, "FP32 (single precision) performance (FLOP/s)").map(number)
    xs, ys = [], []
    for k in h.index:
        if date[k] == "" or val(price[k]) is None or price[k] <= 0:
            continue
        pos = lambda v: v if val(v) is not None and v > 0 else None
        f = {"tensor": pos(tensor[k]), "fp16": pos(fp16[k]), "fp32": pos(fp32[k]),
             "tensor_then_fp16": pos(tensor[k]) or pos(fp16[k])}[precision]
        if f is None:
            continue
        xs.append(decimal_year(date[k]))
        ys.append(np.log10(f / price[k]))
    fit = sm.OLS(np.array(ys), sm.add_constant(np.array(xs))).fit()
    slope = float(fit.params[1])
    return {"n": len(xs), "slope_oom_per_year": slope, "intercept": float(fit.params[0]),
            "doubling_years": float(np.log10(2) / slope) if slope > 0 else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", required=True)
    ap.add_argument("--hardware", required=True)
    ap.add_argument("--precision", default="tensor")
    ap.add_argument("--public-private-as", default="separate")
    a = ap.parse_args()
    print(json.dumps({"capacity": capacity(a.clusters, a.public_private_as),
                      "price_performance": price_performance(a.hardware, a.precision)}))


if __name__ == "__main__":
    main()
