"""Per-visit peak-end features with pandas, as peakend score computes them.

Usage: /usr/bin/python3 features.py VISITS.csv OUT.csv (scale 1..5, neutral 3).
"""
import sys

import numpy as np
import pandas as pd

columns = ["visit", "purpose", "touchpoint", "t", "duration", "rating", "remembered", "seq"]
df = pd.read_csv(sys.argv[1], usecols=lambda c: c in columns,
                 dtype={"visit": str, "purpose": str, "touchpoint": str}, keep_default_na=False, na_values={"t": [""], "duration": [""], "remembered": [""], "seq": [""]})
if "seq" not in df:
    df["seq"] = np.nan
# A visit's moments in peakend's order (scoring.OrderWith, without a
# blueprint): by t, then seq (none last), touchpoint, rating, duration
# (none last), whatever the order of the rows; visits keep the order
# they first appear in.
df["visit_at"] = pd.factorize(df["visit"])[0]
df = df.sort_values(["visit_at", "t", "seq", "touchpoint", "rating", "duration"], na_position="last").reset_index(drop=True)
df["pos"] = df.groupby("visit", sort=False).cumcount()
df["stop"] = df["t"] + df["duration"]
df["rd"] = df["rating"] * df["duration"]
df["pr"] = df["pos"] * df["rating"]
# the peak: largest |rating - neutral|, then the bad side, then the earliest
df["key"] = (df["rating"] - 3).abs() * 2 + (df["rating"] < 3)
g = df.groupby("visit", sort=False)
n = g.size()
peak_rows = g["key"].idxmax().values
out = pd.DataFrame({
    "purpose": g["purpose"].first(),
    "moments": n,
    "duration": g["stop"].max() - g["t"].min(),
    "first": g["rating"].first(),
    "peak": df["rating"].values[peak_rows],
    "peak_touchpoint": df["touchpoint"].values[peak_rows],
    "best": g["rating"].max(),
    "worst": g["rating"].min(),
    "end": g["rating"].last(),
    "end_touchpoint": g["touchpoint"].last(),
    "mean": g["rating"].mean(),
    "time_mean": g["rd"].sum() / g["duration"].sum(),
})
sumx, sumkx = g["rating"].sum(), g["pr"].sum()
out["trend"] = np.where(n > 1, (sumkx - (n - 1) / 2 * sumx) / (n * (n * n - 1) / 12).where(n > 1, 1), 0)
out["peak_end"] = (out["peak"] + out["end"]) / 2
out["remembered"] = g["remembered"].first()
out.to_csv(sys.argv[2])
