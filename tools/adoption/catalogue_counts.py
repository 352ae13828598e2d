"""Independent check of the adoption catalogue's deduplication (tests/it/adoption_catalogue_real.rs).

Reads every Epoch CSV of ../shared/data/epoch with pandas, orders them by the date in the file name then the
path, keys rows by the trimmed, space-collapsed, lower-cased model name, and keeps the newest file's row.
Prints row counts, distinct names, duplicates, and the rows behind Llama 2 and GPT-3.5.
"""
import glob, os, re
import pandas as pd

DATA = os.environ.get("COMPUTE_DIVIDE_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
files = sorted(glob.glob(os.path.join(DATA, "epoch", "*.csv")),
               key=lambda f: (re.search(r"\d{4}-\d{2}-\d{2}", f).group(0), f))
rows, total, empty = {}, 0, 0
for f in reversed(files):
    d = pd.read_csv(f, dtype=str, keep_default_na=False)
    col = "System" if "System" in d.columns else "Model"
    for _, r in d.iterrows():
        total += 1
        key = " ".join(r[col].split()).lower()
        if not key:
            empty += 1
        elif key not in rows:
            rows[key] = (os.path.basename(f), r)
print(f"rows {total}, empty names {empty}, distinct {len(rows)}, duplicates {total - empty - len(rows)}")
for name in ["Llama 2-7B", "Llama 2-13B", "Llama 2-34B", "Llama 2-70B", "GPT-3.5 (text-davinci-003)", "GPT-3.5",
             "ChatGPT (gpt-3.5-turbo)", "GPT-3.5 Turbo", "InstructGPT 175B", "InstructGPT 6B", "InstructGPT 1.3B"]:
    f, r = rows[name.lower()]
    print(name, f, r["Publication date"], r.get("Training compute (FLOP)"))
