"""Load every AI Index responsible-AI CSV (../shared/data/ai_index_rai) into one pandas frame.

Used by the adoption check-set tools (sampling and independent scoring). Decodes UTF-8, falling back to
Windows-1252 as the data README says; `paper_id` is `<file stem>:<1-based data row>`.
"""
import glob, io, os, sys
import pandas as pd

DATA = os.environ.get("COMPUTE_DIVIDE_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))


def load(data=DATA):
    frames = []
    for f in sorted(glob.glob(os.path.join(data, "ai_index_rai", "*.csv"))):
        raw = open(f, "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        stem = os.path.splitext(os.path.basename(f))[0]
        df["file"] = stem
        df["row"] = range(1, len(df) + 1)
        df["paper_id"] = [f"{stem}:{r}" for r in df["row"]]
        df["year"] = int(stem[-4:])
        frames.append(df[["paper_id", "file", "row", "year", "link", "category", "title", "abstract", "keywords"]])
    return pd.concat(frames, ignore_index=True)


if __name__ == "__main__":
    df = load()
    print(len(df))
