"""Our World in Data's AI grapher exports (sources/owid_ai.py), read from the bundled version:
records split by a newline in a name are joined, every per-model file read into estimates."""

import polars as pl

from sources import owid_ai
from sources.snapshots import SnapshotStore


def test_owid_records_split_by_a_newline_in_the_name_are_joined():
    raw, rows = owid_ai.estimates(SnapshotStore().latest("owid_ai"))
    # PROVENANCE.md: 382 + 532 + 474 + 48 records after re-joining split lines
    assert rows.group_by("quantity").len().sort("quantity").rows() == [
        ("parameters", 532),
        ("training_compute_flop", 382),
        ("training_cost_usd", 48),
        ("training_dataset_size", 474),
    ]
    assert raw.height == rows.height == 1436
    assert rows["parse_error"].null_count() == rows.height
    gpt35 = rows.filter(pl.col("entity") == "GPT-3.5 (davinci-002)").row(0, named=True)
    assert gpt35["value"] == 2578000000 * 1e15  # petaFLOP to FLOP
