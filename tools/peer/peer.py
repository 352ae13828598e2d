#!/usr/bin/env python3
"""Independent Python peer of compute-divide's sector compute trends (issue 3).

Recomputes, from an Epoch CSV, with numpy / pandas / statsmodels and none of the Rust code:
  1. trends per team group x era (OLS slope, Epoch-style bootstrap with jitter, 95/90% percentile CIs);
  3. team shares of notable / large-scale / frontier models per period and year (full and fractional
     counting, bootstrap CIs);
and, with --all (for the benchmark): 4. industry share of the k largest per year; 5. frontier gap;
  6. open-weights shares and the open-vs-closed lag; 7. lineage.

Only the team classification is taken from compute-divide (`models --format json`): the peer cross-checks
filters, decimal years, rules and statistics, not the institution classifier. Definitions are the
defaults of cd_domain::Definitions (seed aside: the peer uses numpy's own generator, so bootstrap
quantiles agree with the Rust ones only up to Monte-Carlo error).

Usage: peer.py --epoch FILE.csv --teams MODELS.json [--bootstrap 1000] [--seed 1] [--all] > out.json
"""
import argparse
import json
import math
import re
import sys
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint

LOG10_2 = math.log10(2.0)
DL_START = 2010.0
LS_START = 2015.0 + 243.0 / 365.0
ZSCORE, WINDOW = 0.76, 1.0
TOP_N_FRONTIER = 10
TOP_K_LARGEST = 10
GAP_TOP_N = 5
OPEN_TOP_N, OPEN_FIT_START = 5, 2018.0
PERIODS = [("2010-13", 2010, 2013), ("2014-17", 2014, 2017), ("2018-21", 2018, 2021), ("2022+", 2022, None)]
STUDY_CRITERIA = {"sota improvement", "sota", "state of the art improvement", "highly cited",
                  "historical significance", "historically significant"}
OPEN_LABELS = {"permissive license", "fully open-source", "open source", "open weights (unrestricted)",
               "open weights", "weights available", "open access (restricted use)",
               "open weights (restricted use)", "open access (non-commercial)", "open weights (non-commercial)"}
CLOSED_LABELS = {"api accessible", "api access", "hosted access (no api)", "hosted access", "unreleased"}


# ----------------------------------------------------------------------------------------- reading
def decimal_year(text):
    """Decimal year of an Epoch date: day precision at noon, month at mid-month, year at mid-year."""
    if not isinstance(text, str):
        return None
    t = re.split(r"[T ]", text.strip())[0]
    parts = re.split(r"[-/]", t)
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None
    y = nums[0]
    length = 366 if pd.Timestamp(year=y, month=1, day=1).is_leap_year else 365
    if len(nums) == 1:
        return y + 0.5
    if len(nums) == 2:
        start = pd.Timestamp(year=y, month=nums[1], day=1)
        days = start.days_in_month
        return y + (start.day_of_year - 1 + days / 2) / length
    try:
        d = pd.Timestamp(year=y, month=nums[1], day=nums[2])
    except ValueError:
        return None
    return y + (d.day_of_year - 1 + 0.5) / length


def load(epoch_csv, teams_json):
    df = pd.read_csv(epoch_csv, skip_blank_lines=False, dtype=str, keep_default_na=False)
    name_col = "Model" if "Model" in df.columns else "System"
    with open(teams_json) as f:
        teams = json.load(f)
    teams = teams["models"] if isinstance(teams, dict) else teams
    by_row = {}
    for m in teams:
        kind, shares, leaning = m["team"], m.get("team_shares"), m.get("team_leaning")
        by_row[int(m["source_row"])] = (m["name"], kind, shares or {"academia": 0, "industry": 0, "other": 0}, leaning)
    rows = []
    for i, r in df.iterrows():
        row = i + 1
        if row not in by_row:
            continue  # rejected by the reader (blank, bad date, bad compute)
        name, kind, shares, leaning = by_row[row]
        crit = {c.strip().lower() for c in r.get("Notability criteria", "").split(",") if c.strip()}
        acc_col = "Model accessibility" if "Model accessibility" in df.columns else "Open-source"
        acc = r.get(acc_col, "").strip().lower()
        comp = r.get("Training compute (FLOP)", "").strip()
        flop = float(comp.replace(",", "")) if comp else float("nan")
        rows.append(dict(
            row=row, name=r[name_col].strip(), kind=kind, leaning=leaning,
            academia=float(shares.get("academia", 0)), industry=float(shares.get("industry", 0)),
            other=float(shares.get("other", 0)),
            study=bool(crit & STUDY_CRITERIA), year=decimal_year(r.get("Publication date", "")),
            log10=math.log10(flop) if flop > 0 else float("nan"),
            open=1 if acc in OPEN_LABELS else (0 if acc in CLOSED_LABELS else -1),
            base=r.get("Base model", "").strip(),
        ))
    t = pd.DataFrame(rows)
    t["year"] = t["year"].astype(float)
    return t


# ------------------------------------------------------------------------------------- statistics
def boot_slopes(x, y, B, rng, jitter=True):
    n = len(x)
    idx = rng.integers(0, n, size=(B, n))
    xs, ys = x[idx], y[idx]
    if jitter:
        ys = ys + rng.uniform(-LOG10_2, LOG10_2, size=(B, n))
    xm, ym = xs.mean(1, keepdims=True), ys.mean(1, keepdims=True)
    sxx = ((xs - xm) ** 2).sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        b = ((xs - xm) * (ys - ym)).sum(1) / sxx
    return b[np.isfinite(b)]


def quantiles_with_mc_band(d, qs, z=4.0 * math.sqrt(2.0)):
    """numpy-linear quantiles of a bootstrap sample, each with a distribution-free Monte-Carlo band: the order
    statistics at ranks B*q -/+ z*sqrt(B*q*(1-q)). The rank of an empirical quantile has binomial standard
    deviation sqrt(B*q*(1-q)); z = 4*sqrt(2) covers the difference of two independent runs (another program
    with other random numbers) at four standard deviations. Ranks make the band valid for discrete
    bootstrap distributions (shares), where a standard error from a density would be meaningless."""
    s = np.sort(np.asarray(d))
    B = len(s)
    qv = [float(q) for q in np.quantile(s, qs)]
    bands = []
    for q in qs:
        m = z * math.sqrt(B * q * (1 - q))
        lo = s[max(0, int(math.floor(B * q - m)))]
        hi = s[min(B - 1, int(math.ceil(B * q + m)))]
        bands.append([float(lo), float(hi)])
    return qv, bands


def large_scale_flags(years, v):
    out = np.zeros(len(years), bool)
    for i in range(len(years)):
        w = v[(years >= years[i] - WINDOW) & (years <= years[i] + WINDOW)]
        if len(w) >= 3:
            sd = w.std(ddof=1)
            out[i] = sd > 1e-6 and (v[i] - w.mean()) / sd > ZSCORE
    return out


def top_n_at_release(years, v, n):
    out = np.zeros(len(years), bool)
    for i in range(len(years)):
        out[i] = np.sum((years <= years[i]) & (v > v[i])) < n
    return out


# -------------------------------------------------------------------------------------- analyses
def teams_strict(t):
    return t["kind"].to_numpy()


def analysis_trends(t, B, rng):
    p = t[t.study & t.year.notna() & np.isfinite(t.log10)].sort_values(["year", "row"]).reset_index(drop=True)
    years, v = p.year.to_numpy(), p.log10.to_numpy()
    large = large_scale_flags(years, v)
    fits = []
    for team in ["all", "academic_only", "industry_only", "collaboration"]:
        in_team = np.ones(len(p), bool) if team == "all" else (p.kind.to_numpy() == team)
        for era, mask in [("pre_dl", years < DL_START), ("dl", years >= DL_START),
                          ("large_scale", large & (years >= LS_START))]:
            m = in_team & mask
            x, y = years[m], v[m]
            fit = dict(team=team, era=era, n=int(m.sum()))
            if m.sum() >= 3:
                res = sm.OLS(y, sm.add_constant(x)).fit()
                b = boot_slopes(x, y, B, rng)
                q, band = quantiles_with_mc_band(b, [0.025, 0.975, 0.05, 0.95])
                fit.update(slope=float(res.params[1]), slope_se=float(res.bse[1]),
                           intercept=float(res.params[0]), ci95=q[:2], ci90=q[2:], ci95_band=band[:2],
                           ci90_band=band[2:], boot_sd=float(b.std()))
            fits.append(fit)
    return fits, p, large


def analysis_shares(t, p, large, B, rng):
    notable = t[t.study & t.year.notna()].copy()
    notable["cal"] = np.floor(notable.year).astype(int)
    front = top_n_at_release(p.year.to_numpy(), p.log10.to_numpy(), TOP_N_FRONTIER)
    pc = p.assign(cal=np.floor(p.year).astype(int))
    subsets = [("notable", notable), ("large_scale", pc[large]), ("frontier", pc[front])]
    teams = ["academic_only", "industry_only", "collaboration", "other"]
    out = []
    for subset, s in subsets:
        known = s[s.kind != "unknown"]
        bins = [(lab, known[(known.cal >= a) & ((known.cal <= b) if b is not None else True)]) for lab, a, b in PERIODS]
        last = int(s.cal.max()) if len(s) else 2010
        bins += [(str(y), known[known.cal == y]) for y in range(2010, last + 1)]
        for label, cell in bins:
            n = len(cell)
            cols = [(cell.kind.to_numpy() == k).astype(float) for k in teams]
            cols += [cell[c].to_numpy() for c in ["academia", "industry", "other"]]
            idx = rng.integers(0, n, size=(B, n)) if n else None
            for j, col in enumerate(cols):
                row = dict(subset=subset, period=label, counting="full" if j < 4 else "fractional",
                           team=teams[j] if j < 4 else ["academia", "industry", "other"][j - 4],
                           n=n, count=float(col.sum()), share=float(col.mean()) if n else None)
                if n:
                    d = col[idx].mean(1)
                    degenerate = j >= 4 and col.sum() in (0.0, float(n)) and np.isin(col, [0.0, 1.0]).all()
                    if j < 4 or degenerate:
                        # Full counting (and fractional shares no resample can move): Wilson, exactly.
                        lo, hi = proportion_confint(col.sum(), n, alpha=0.05, method="wilson")
                        row["ci95"], row["ci95_band"] = [lo, hi], [[lo - 1e-9, lo + 1e-9], [hi - 1e-9, hi + 1e-9]]
                    else:
                        row["ci95"], row["ci95_band"] = quantiles_with_mc_band(d, [0.025, 0.975])
                    row["boot_sd"] = float(d.std())
                out.append(row)
    return out


def analysis_largest(p):
    out = []
    cal = np.floor(p.year).astype(int)
    for y in range(2010, int(cal.max()) + 1):
        top = p[cal == y].sort_values(["log10", "row"], ascending=[False, True]).head(TOP_K_LARGEST)
        known = top[top.kind != "unknown"]
        out.append(dict(year=y, n=len(top),
                        industry_only=float((known.kind == "industry_only").mean()) if len(known) else None))
    return out


def analysis_gap(p):
    ind = p[(p.kind == "industry_only")]
    x = ind[ind.year >= DL_START]
    slope = sm.OLS(x.log10.to_numpy(), sm.add_constant(x.year.to_numpy())).fit().params[1]
    rows = []
    for y in range(2010, int(np.floor(p.year.max())) + 1):
        # Models from the deep-learning era on only (compute-divide's default `gap_from = dl_era`).
        upto = p[(np.floor(p.year) <= y) & (p.year >= DL_START)]
        i = upto[upto.kind == "industry_only"].log10.sort_values(ascending=False)
        a = upto[upto.kind == "academic_only"].log10.sort_values(ascending=False)
        if len(i) and len(a):
            rows.append(dict(year=y, gap=float(i.iloc[0] - a.iloc[0]),
                             gap_top=float(i.head(GAP_TOP_N).mean() - a.head(GAP_TOP_N).mean()),
                             years=float((i.iloc[0] - a.iloc[0]) / slope)))
    return rows


def analysis_openness(t, p, B, rng):
    notable = t[t.study & t.year.notna()]
    cal = np.floor(notable.year).astype(int)
    shares = notable[notable.open >= 0].groupby([cal[notable.open >= 0], "kind"]).open.mean().reset_index()
    fits = {}
    for cls in (1, 0):
        c = p[t.set_index("row").loc[p.row, "open"].to_numpy() == cls]
        f = top_n_at_release(c.year.to_numpy(), c.log10.to_numpy(), OPEN_TOP_N)
        c = c[f & (c.year.to_numpy() >= OPEN_FIT_START)]
        fits[cls] = c
    if min(len(fits[0]), len(fits[1])) < 3:
        return dict(shares=len(shares), lag=None)
    at = max(fits[0].year.max(), fits[1].year.max())

    def lag(o, c):
        bo = np.polyfit(o.year, o.log10, 1)
        bc = np.polyfit(c.year, c.log10, 1)
        return (np.polyval(bc, at) - np.polyval(bo, at)) / bc[0]
    draws = []
    for _ in range(B):
        o = fits[1].sample(len(fits[1]), replace=True, random_state=rng).copy()
        c = fits[0].sample(len(fits[0]), replace=True, random_state=rng).copy()
        o["log10"] += rng.uniform(-LOG10_2, LOG10_2, len(o))
        c["log10"] += rng.uniform(-LOG10_2, LOG10_2, len(c))
        draws.append(lag(o, c))
    return dict(shares=len(shares), lag=float(lag(fits[1], fits[0])),
                ci95=[float(q) for q in np.nanquantile(draws, [0.025, 0.975])])


def analysis_lineage(t):
    key = lambda s: re.sub(r"[^0-9a-z]", "", s.lower())
    cat = {}
    for _, r in t.iterrows():
        cat.setdefault(key(r["name"]), r["kind"])
    with_base = t[t.base != ""]
    resolved = [cat.get(key(b)) for b in with_base.base]
    return dict(with_base=len(with_base), resolved=sum(r is not None for r in resolved))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epoch", required=True)
    ap.add_argument("--teams", required=True)
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="also analyses 4-7 (for the benchmark)")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    t0 = time.perf_counter()
    t = load(a.epoch, a.teams)
    t1 = time.perf_counter()
    fits, p, large = analysis_trends(t, a.bootstrap, rng)
    out = dict(n_points=len(p), n_large_scale=int(large.sum()), fits=fits,
               shares=analysis_shares(t, p, large, a.bootstrap, rng))
    if a.all:
        out["largest"] = analysis_largest(p)
        out["gap"] = analysis_gap(p)
        out["openness"] = analysis_openness(t, p, a.bootstrap, rng)
        out["lineage"] = analysis_lineage(t)
    out["seconds_load"] = t1 - t0
    out["seconds_analyses"] = time.perf_counter() - t1
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
