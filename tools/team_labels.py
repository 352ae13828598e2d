#!/usr/bin/env python3
"""Independent counts behind cd-classify's Epoch-label tests (crates/cd-classify/tests/it/epoch_agreement.rs).

For each all-models vintage: data rows, rows with a non-empty model name (the reader rejects the others),
rows with a non-empty `Organization categorization` among those, rows with a label or an `Organization`,
and rows with an `Organization` but no label (the ones derivation must fill).
Usage: python3 tools/team_labels.py [DATA_DIR]   (default ../shared/data)
"""
import sys
import pandas as pd

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
for f in ["all_ml_systems_2023-12-14", "all_ml_systems_2024-02-05", "all_ml_systems_2025-08-07"]:
    d = pd.read_csv(f"{data}/epoch/{f}.csv", keep_default_na=False, dtype=str)
    named = d[d.iloc[:, 0].str.strip() != ""]
    has_label = named["Organization categorization"].str.strip() != ""
    has_org = named["Organization"].str.strip() != ""
    print(
        f"{f}: rows {len(d)}, named {len(named)}, labelled {has_label.sum()}, "
        f"label or organisation {(has_label | has_org).sum()}, organisation but no label {(has_org & ~has_label).sum()}"
    )
