"""DAWNBench test inputs: the curated instance catalogue as the pipeline reads it, and a helper
to read one entry (the fixtures from the bundled snapshot to validated leaderboard entries are
in conftest.py)."""

import polars as pl

from analyses.cloud_prices import instance_catalogue
from sources import curated

# The curated instance catalogue (data/curated/cloud_instances.csv) as the pipeline reads it.
CATALOGUE = instance_catalogue(curated.load("cloud_instances"))


def entry(frame: pl.DataFrame, entry_id: str) -> dict:
    (row,) = frame.filter(pl.col("entry_id") == entry_id).iter_rows(named=True)
    return row
