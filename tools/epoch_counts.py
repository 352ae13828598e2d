#!/usr/bin/env python3
"""Independent counts of Epoch's model tables, to check the Rust reader against (crates/cd-ingest/tests/it/epoch_real.rs).

For every CSV in DATA/epoch (DATA defaults to ../shared/data seen from the repository root) it prints:
rows (pandas data rows), rows with an empty model name, rows with a parseable training compute > 0, rows
with a publication date (YYYY-MM-DD), rows with a non-empty but unparseable date or compute, and the counts
of Epoch's raw `Organization categorization` labels (cells split on commas, items stripped; `<empty>`
counts rows without a label). A second line counts rows with parameters, citations, compute bounds,
finetune compute (numeric), a base model, an accessibility label, and `Frontier model` = True; then the
rows per notability criterion (items lower-cased, each counted once per row). Counts other than `rows` and `empty_name` are over rows with a name.

It uses pandas only and shares no code with the Rust reader.

    python3 tools/epoch_counts.py [DATA]
"""
import collections
import pathlib
import sys

import pandas as pd


def counts(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    name_col = df.columns[0]
    named = df[df[name_col].str.strip() != ""]
    flop_raw = named["Training compute (FLOP)"].str.strip()
    flop = pd.to_numeric(flop_raw, errors="coerce")
    date_raw = named["Publication date"].str.strip()
    date = pd.to_datetime(date_raw, format="%Y-%m-%d", errors="coerce")
    out = {
        "rows": len(df),
        "empty_name": len(df) - len(named),
        "with_compute": int((flop > 0).sum()),
        "with_date": int(date.notna().sum()),
        "bad_compute": int(((flop_raw != "") & flop.isna()).sum()),
        "bad_date": int(((date_raw != "") & date.isna()).sum()),
        # Names compared with surrounding and repeated whitespace removed.
        "duplicated_names": int(named[name_col].str.split().str.join(" ").duplicated().sum()),
    }
    # Presence of the other typed fields (non-empty, numeric where numeric).
    def numeric(col):
        if col not in named.columns:
            return 0
        return int(pd.to_numeric(named[col].str.strip(), errors="coerce").notna().sum())

    def present(col):
        return int((named[col].str.strip() != "").sum()) if col in named.columns else 0

    acc_col = next((c for c in ("Model accessibility", "Open-source") if c in named.columns), None)
    fields = {
        "with_parameters": numeric("Parameters"),
        "with_citations": numeric("Citations"),
        "with_lower_bound": numeric("Training compute lower bound"),
        "with_upper_bound": numeric("Training compute upper bound"),
        "with_finetune": numeric("Finetune compute (FLOP)"),
        "with_base_model": present("Base model"),
        "with_accessibility": present(acc_col) if acc_col else 0,
        "frontier_true": int((named.get("Frontier model", pd.Series(dtype=str)).str.strip() == "True").sum()),
    }
    # Notability criteria: per row, the set of lower-cased items.
    notability = collections.Counter()
    if "Notability criteria" in named.columns:
        for cell in named["Notability criteria"]:
            notability.update({x.strip().lower() for x in cell.split(",") if x.strip()})
    labels = collections.Counter()
    if "Organization categorization" in df.columns:
        for cell in named["Organization categorization"]:
            items = [x.strip() for x in cell.split(",") if x.strip()]
            if not items:
                labels["<empty>"] += 1
            labels.update(items)
    return out, fields, notability, labels


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / ".." / "shared" / "data"
    for path in sorted((data / "epoch").glob("*.csv")):
        out, fields, notability, labels = counts(path)
        print(path.name)
        print("  " + " ".join(f"{k}={v}" for k, v in out.items()))
        print("  " + " ".join(f"{k}={v}" for k, v in fields.items()))
        for crit, n in sorted(notability.items()):
            print(f"  notability {crit!r}: {n}")
        for label, n in sorted(labels.items()):
            print(f"  label {label!r}: {n}")


if __name__ == "__main__":
    main()
