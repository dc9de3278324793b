"""OpenAI's "AI and Compute" (2018) data points (sources/openai_ai_and_compute.py), read from the
bundled version: every point read, petaflop/s-days converted to FLOP, and every name mapped by
the curated name map; the one bundled file names no hardware."""

from datetime import date

import polars as pl
import pytest

from sources import curated, openai_ai_and_compute
from sources.snapshots import SnapshotStore, verify


def test_openai_points_convert_petaflop_s_days_to_flop():
    _, rows = openai_ai_and_compute.estimates(SnapshotStore().latest("openai_ai_and_compute"))
    assert rows.height == 20
    alpha_go_zero = rows.filter(pl.col("entity") == "AlphaGoZero").row(0, named=True)
    # OpenAI, "AI and Compute" (2018): AlphaGo Zero at ~1,860 petaflop/s-days
    assert alpha_go_zero["value"] == pytest.approx(1862 * 8.64e19)
    assert alpha_go_zero["published_on"] == date(2017, 10, 19)


def test_every_point_reads_and_has_its_curated_name_map(bundled_store):
    raw, rows = openai_ai_and_compute.estimates(bundled_store.latest("openai_ai_and_compute"))
    assert rows["parse_error"].null_count() == raw.height == 20
    assert rows["row_number"].to_list() == list(range(1, 21))
    assert set(rows["quantity"]) == {"training_compute_flop"} and set(rows["file"]) == {
        "compute.csv"
    }
    assert (rows["published_on"].min(), rows["published_on"].max()) == (
        date(2012, 6, 1),  # AlexNet
        date(2017, 12, 5),
    )
    smallest = rows.sort("value").row(0, named=True)
    assert smallest["entity"] == "VAE"
    assert smallest["value"] == pytest.approx(5.5e-6 * 8.64e19)  # written 5.5e-6 PF/s-days
    # data/curated/openai_2018_models.csv maps every one of the 20 names to Epoch's
    assert set(curated.load("openai_2018_models")["openai_name"]) == set(rows["entity"])


def test_sources_without_hardware_are_bundled(bundled_store):
    (snapshot,) = bundled_store.versions(openai_ai_and_compute.SOURCE.name)
    verify(snapshot)
    assert len(snapshot.files) == 1
    for name in snapshot.files:
        text = snapshot.path(name).read_text()
        header = text.splitlines()[0].lower()
        assert "hardware" not in header and "gpu" not in header, name
        assert not any(word in text for word in ["GPU", "TPU", "NVIDIA", "Nvidia"]), name
