"""Epoch's separately published notable-models file (sources/epoch_notable_models.py), read from
the bundled 2026-07-19 version: its records and its "Training hardware" spellings."""

from datetime import date

import pytest

from sources import epoch_notable_models
from sources.snapshots import verify
from tests.sources._mentions_testkit import MENTION_COLUMNS


@pytest.fixture(scope="module")
def notable_mentions(bundled_store):
    return epoch_notable_models.hardware_mentions(bundled_store.versions("epoch_notable_models"))


def test_epoch_notable_models_mentions(bundled_store, notable_mentions):
    (snapshot,) = bundled_store.versions("epoch_notable_models")
    verify(snapshot)
    assert snapshot.version == "2026-07-19-c5a262f52d61"
    assert snapshot.url == epoch_notable_models.SOURCE.url
    assert epoch_notable_models.parse(snapshot.path()).height == 1036
    assert dict(notable_mentions.schema) == MENTION_COLUMNS
    assert notable_mentions.height == 73
    assert notable_mentions["occurrences"].sum() == 380
    counts = dict(notable_mentions.select("spelling", "occurrences").iter_rows())
    assert counts["Google TPU v4"] == 28
    assert counts["NVIDIA GB300 (Blackwell Ultra)"] == 2  # newer than the 2026-03-30 download
    assert notable_mentions["last_seen_on"].unique().to_list() == [date(2026, 7, 19)]
