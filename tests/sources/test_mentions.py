"""Hardware spellings in one shape (sources/mentions.py): mention records of a real version are
seen on its retrieved date; folding strips spellings, counts blanks apart and keeps vendor hints
apart; a record seen in several files of the Epoch download counts once; records without a
date or context are refused."""

from datetime import date

import polars as pl
import pytest

from sources import fsdl_cloud_gpus, registry
from sources.mentions import (
    MENTION_SCHEMA,
    RECORD_SCHEMA,
    blanks,
    concat_records,
    mentions,
    records,
)


def test_records_of_a_version_are_seen_on_its_retrieved_date(bundled_store):
    snapshot = bundled_store.latest("epoch_notable_models")  # retrieved 2026-07-19
    raw = pl.read_csv(snapshot.path(), infer_schema=False)
    found = records(
        raw, snapshot, spelling=pl.col("Training hardware"), context="Training hardware"
    )
    assert found.schema == RECORD_SCHEMA
    assert found.height == raw.height == 1036  # one per record, blanks included
    assert found["seen_on"].unique().to_list() == [date(2026, 7, 19)]
    assert concat_records([]).schema == RECORD_SCHEMA


def test_a_record_in_several_files_counts_once(bundled_store):
    """The 2026-03-30 Epoch download: 242 rows over its four files name the NVIDIA H100 SXM5
    80GB, 153 distinct models."""
    parsed = registry.BY_NAME["epoch_models"].parse(bundled_store.latest("epoch_models"))
    h100 = parsed.mentions.filter(pl.col("spelling").str.strip_chars() == "NVIDIA H100 SXM5 80GB")
    assert h100.height == 242
    assert mentions(h100)["occurrences"].to_list() == [153]
    assert mentions(h100.drop("record"))["occurrences"].to_list() == [242]


def test_records_without_a_date_or_context_are_refused():
    """Synthetic fault inputs: a frame without `seen_on`, and a record without its context."""
    one = pl.DataFrame(
        {
            "spelling": ["H100"],
            "vendor_hint": [None],
            "context": [None],
            "seen_on": [date(2024, 1, 1)],
        }
    )
    with pytest.raises(ValueError, match=r"lack columns \['seen_on'\]"):
        mentions(one.drop("seen_on"))
    with pytest.raises(ValueError, match="1 mention records have no context or no date"):
        blanks(one)


def test_mentions_strip_count_blanks_and_keep_vendor_hints_apart():
    day = date(2024, 1, 1)
    records = pl.DataFrame(
        {
            "spelling": [" H100 ", "H100", "", None, "   ", "H100"],
            "vendor_hint": ["NVIDIA", "NVIDIA ", None, None, None, ""],
            "context": ["GPU Type"] * 6,
            "seen_on": [day, date(2024, 2, 1), day, day, day, day],
        }
    )
    assert mentions(records).to_dicts() == [
        {
            "spelling": "H100",
            "vendor_hint": "NVIDIA",
            "context": "GPU Type",
            "occurrences": 2,
            "first_seen_on": day,
            "last_seen_on": date(2024, 2, 1),
        },
        {
            "spelling": "H100",
            "vendor_hint": None,
            "context": "GPU Type",
            "occurrences": 1,
            "first_seen_on": day,
            "last_seen_on": day,
        },
    ]
    assert blanks(records).to_dicts() == [{"context": "GPU Type", "records": 3}]
    assert mentions(records.clear()).schema == MENTION_SCHEMA
    assert fsdl_cloud_gpus.hardware_mentions([]).schema == MENTION_SCHEMA
