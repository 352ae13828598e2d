#!/usr/bin/env python3
"""Reference values for cd-stats' wls() and mann_whitney_u() tests (issue 6). Prints what statsmodels and
scipy compute on the tests' inputs; the Rust tests hard-code these printed values."""
import numpy as np
import statsmodels.api as sm
from scipy.stats import mannwhitneyu

x = np.array([1.0, 2.0, 3.0, 4.0, 5.0]); y = np.array([1.0, 1.0, 2.0, 3.0, 3.0]); w = np.array([1.0, 2.0, 1.0, 3.0, 1.0])
f = sm.WLS(y, sm.add_constant(x), weights=w).fit()
print("wls params", f.params, "bse", f.bse, "rsquared", f.rsquared)

cases = {
    "exact_small": ([1.1, 2.3, 0.4, 5.5], [3.3, 4.4, 6.6, 7.7, 8.8]),
    "exact_n8_vs_12": ([0.5, 1.5, 2.5, 3.5, 9.0, 10.0, 11.0, 12.0],
                       [4.0, 5.0, 6.0, 7.0, 8.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.5]),
    "asymptotic_ties": ([1, 2, 2, 3, 3, 3, 4, 5, 6, 7], [3, 4, 4, 5, 6, 6, 7, 8, 9, 9, 10]),
    "asymptotic_large": (list(np.arange(20) * 0.7), list(np.arange(15) * 0.9 + 2.1)),
}
for name, (a, b) in cases.items():
    r = mannwhitneyu(a, b, alternative="two-sided")
    print(name, "U1 =", repr(float(r.statistic)), "p =", repr(float(r.pvalue)))
