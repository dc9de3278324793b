"""Model datasets bundled for the alias table: Epoch models (the full download),
OWID and OpenAI's "AI and Compute" (no hardware); hardware spellings from the real snapshots."""

from datetime import date

import polars as pl
import pytest

from sources import epoch_models, openai_ai_and_compute, owid_ai
from sources.snapshots import verify

MENTION_COLUMNS = {
    "spelling": pl.String,
    "vendor_hint": pl.String,
    "context": pl.String,
    "occurrences": pl.Int64,
    "first_seen_on": pl.Date,
    "last_seen_on": pl.Date,
}


@pytest.fixture(scope="module")
def models(bundled_store):
    return bundled_store.versions("epoch_models")


@pytest.fixture(scope="module")
def models_mentions(models):
    return epoch_models.hardware_mentions(models)


def test_epoch_models_is_one_version_of_the_four_csvs(models):
    assert [s.version for s in models] == ["2026-03-30-c72c366ce3eb"]
    (snapshot,) = models
    verify(snapshot)
    assert sorted(snapshot.files) == sorted(epoch_models.FILES)
    assert snapshot.url == epoch_models.SOURCE.url == "https://epoch.ai/data/ai_models.zip"
    assert snapshot.licence == "CC BY 4.0"
    assert (snapshot.directory / "README_upstream.md").is_file()
    heights = {name: epoch_models.parse(snapshot.path(name)).height for name in snapshot.files}
    assert heights == {
        "all_ai_models.csv": 3237,
        "notable_ai_models.csv": 981,
        "large_scale_ai_models.csv": 491,
        "frontier_ai_models.csv": 137,
    }


def test_epoch_models_mentions_shape_and_counts(models_mentions):
    assert dict(models_mentions.schema) == MENTION_COLUMNS
    assert models_mentions.height == 110
    assert models_mentions.select(pl.struct("spelling", "vendor_hint", "context")).is_unique().all()
    assert models_mentions["context"].unique().to_list() == ["Training hardware"]
    assert models_mentions["vendor_hint"].null_count() == models_mentions.height
    assert models_mentions["first_seen_on"].unique().to_list() == [date(2026, 3, 30)]
    counts = dict(models_mentions.select("spelling", "occurrences").iter_rows())
    assert counts["NVIDIA A100"] == 235  # the most frequent
    assert counts["Google TPU v4"] == 64
    assert counts["NVIDIA A100 SXM4 40 GB"] == 64
    assert counts["NVIDIA H100 SXM5 80GB"] == 153
    # Exact upstream text, odd spellings included (the normaliser resolves them).
    for spelling in ["Ascend (昇腾) 910B", "Nvidia H100 80G", "NVIDIA B200 GPUs", "Intel A100"]:
        assert spelling in counts, spelling
    # Only in large_scale_ai_models.csv, which all_ai_models.csv does not cover.
    assert counts["NVIDIA B300 (Blackwell Ultra)"] == 1


def test_several_chips_in_one_field_are_separate_spellings(models, models_mentions):
    (snapshot,) = models
    raw = epoch_models.parse(snapshot.path("all_ai_models.csv"))
    row = raw.filter(pl.col("Model").str.strip_chars() == "AlphaZero")
    assert row[epoch_models.HARDWARE].to_list() == ["Google TPU v2,Google TPU v1"]
    # One quantity for the whole field: the total over both chips.
    assert row[epoch_models.QUANTITY].to_list() == ["5064.0"]
    records = epoch_models.hardware_records(row, date(2026, 3, 30))
    assert records["spelling"].to_list() == ["Google TPU v2", "Google TPU v1"]
    assert not models_mentions["spelling"].str.contains(",").any()
    assert not (models_mentions["spelling"] != models_mentions["spelling"].str.strip_chars()).any()


def test_a_model_in_several_files_counts_once(models, models_mentions):
    (snapshot,) = models
    per_file = sum(
        epoch_models.parse(snapshot.path(name))[epoch_models.HARDWARE]
        .str.split(",")
        .explode()
        .eq("NVIDIA H100 SXM5 80GB")
        .sum()
        for name in snapshot.files
    )
    assert per_file == 242  # rows in the four files
    counts = dict(models_mentions.select("spelling", "occurrences").iter_rows())
    assert counts["NVIDIA H100 SXM5 80GB"] == 153


def test_no_snapshot_gives_an_empty_frame_of_the_same_shape():
    assert dict(epoch_models.hardware_mentions([]).schema) == MENTION_COLUMNS


@pytest.mark.parametrize(
    ("module", "files"),
    [(owid_ai, 5), (openai_ai_and_compute, 1)],
)
def test_sources_without_hardware_are_bundled(bundled_store, module, files):
    (snapshot,) = bundled_store.versions(module.SOURCE.name)
    verify(snapshot)
    assert len(snapshot.files) == files
    if module is owid_ai:
        assert sorted(snapshot.files) == sorted(owid_ai.FILES)
    for name in snapshot.files:
        text = snapshot.path(name).read_text()
        header = text.splitlines()[0].lower()
        assert "hardware" not in header and "gpu" not in header, name
        assert not any(word in text for word in ["GPU", "TPU", "NVIDIA", "Nvidia"]), name
