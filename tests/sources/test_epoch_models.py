"""Epoch AI models files: every record conformed, bad input named; the full download is one
version of the four CSVs, and its "Training hardware" spellings from the real snapshot."""

from datetime import date

import polars as pl
import pytest

from sources import epoch_models
from sources.snapshots import SnapshotStore, verify
from tests.sources._mentions_testkit import MENTION_COLUMNS


@pytest.fixture(scope="module")
def full_download():
    snapshot = SnapshotStore().versions("epoch_models")[0]
    raw = epoch_models.read_version(snapshot)
    return raw, epoch_models.model_records(raw)


def test_every_record_of_every_file_is_read_once(full_download):
    raw, records = full_download
    # PROVENANCE.md: all 3,237, notable 981, large-scale 491, frontier 137
    assert raw.group_by("file").len().sort("file").rows() == [
        ("all_ai_models.csv", 3237),
        ("frontier_ai_models.csv", 137),
        ("large_scale_ai_models.csv", 491),
        ("notable_ai_models.csv", 981),
    ]
    assert records["row_number"].to_list() == list(range(1, 4847))
    assert records["parse_error"].null_count() == records.height


def test_records_are_in_si_units_with_placeholders_read_as_missing(full_download):
    _, records = full_download
    gpt3 = records.filter(
        (pl.col("name") == "GPT-3 175B (davinci)") & (pl.col("file") == "all_ai_models.csv")
    ).row(0, named=True)
    assert gpt3["training_compute_flop"] == 3.14e23
    assert gpt3["published_on"] == date(2020, 5, 28)
    assert gpt3["hardware_text"] == "NVIDIA Tesla V100 DGXS 32 GB"
    # Epoch states hours; 355.2 h of training
    assert gpt3["training_time_s"] == pytest.approx(355.2 * 3600)
    assert records.filter(pl.col("hardware_acquisition_cost_usd") == 0).height == 0
    # the frontier list says "True" for every record; files without the column say nothing
    frontier = records.filter(pl.col("file") == "frontier_ai_models.csv")
    assert frontier["is_frontier_epoch"].all()
    assert (
        records.filter(pl.col("file") == "large_scale_ai_models.csv")["is_frontier_epoch"]
        .is_null()
        .all()
    )


def test_dataset_sizes_listing_several_values_are_named_not_guessed(full_download):
    _, records = full_download
    unread = records.filter(pl.col("unread_values").is_not_null())
    assert unread.height == 7
    assert unread["training_dataset_size"].is_null().all()
    assert "'12000,800'" in " ".join(unread["unread_values"])


def test_bad_cells_name_their_column_and_text(tmp_path):
    """Fault injection: a copy of the 2026-07-19 notable file with hand-broken cells."""
    source = SnapshotStore().latest("epoch_notable_models").path("notable_ai_models.csv")
    frame = pl.read_csv(source, infer_schema=False)
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("lots"))
        .when(pl.int_range(pl.len()) == 1)
        .then(pl.lit("1,500,000,000"))
        .otherwise(pl.col("Parameters"))
        .alias("Parameters"),
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("2024"))
        .when(pl.int_range(pl.len()) == 3)
        .then(pl.lit("March 4, 2024"))
        .otherwise(pl.col("Publication date"))
        .alias("Publication date"),
        pl.when(pl.int_range(pl.len()) == 4)
        .then(pl.lit(""))
        .otherwise(pl.col("Model"))
        .alias("Model"),
    )
    broken = tmp_path / "notable_ai_models.csv"
    frame.write_csv(broken)
    records = epoch_models.model_records(
        epoch_models.parse(broken).with_columns(file=pl.lit(broken.name))
    )
    errors = dict(zip(records["row_number"], records["parse_error"], strict=True))
    assert errors[1] == "unreadable Parameters: not a number: 'lots'"
    assert errors[2] is None and records["parameters"][1] == 1.5e9
    assert errors[3] == "unreadable Publication date: not a full date: '2024'"
    assert errors[4] is None and records["published_on"][3] == date(2024, 3, 4)
    assert errors[5] == "no model name"
    assert sum(e is not None for e in errors.values()) == 3


def test_a_renamed_column_is_a_clear_error(tmp_path):
    source = SnapshotStore().latest("epoch_notable_models").path("notable_ai_models.csv")
    broken = tmp_path / "notable_ai_models.csv"
    pl.read_csv(source, infer_schema=False).rename({"Training hardware": "Hardware"}).write_csv(
        broken
    )
    with pytest.raises(ValueError, match="Training hardware"):
        epoch_models.parse(broken)


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
