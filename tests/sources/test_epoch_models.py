"""Epoch AI models files: free-text readers, every record conformed, bad input named."""

from datetime import date

import polars as pl
import pytest

from sources import epoch_models, openai_ai_and_compute, owid_ai
from sources.snapshots import SnapshotStore
from sources.upstream import SeveralValues, read_date, read_number, read_number_list


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3.14e+23", 3.14e23),
        ("1,750,000", 1_750_000.0),
        ("175 billion", 175e9),
        ("175B", 175e9),
        ("~2e24", 2e24),
        ("1.2 x 10^24", 1.2e24),
        (" 42 ", 42.0),
        ("NaN", None),
        ("nan", None),
        ("", None),
        ("n/a", None),
    ],
)
def test_read_number_reads_hand_written_numbers(text, value):
    assert read_number(text) == value


@pytest.mark.parametrize("text", ["1,5", "about 3", "1e400", "12 GB", "Infinity", "3.1.4"])
def test_read_number_refuses_what_it_cannot_read_for_sure(text):
    with pytest.raises(ValueError):
        read_number(text)


def test_a_list_of_equal_values_is_one_value_and_differing_ones_are_not_chosen_among():
    assert read_number_list("20,20") == 20.0
    assert read_number_list("1,500") == 1500.0  # a thousands grouping reads first
    with pytest.raises(SeveralValues):
        read_number_list("12000,800")


@pytest.mark.parametrize(
    "text",
    [
        "2020-05-28",
        "2020/05/28",
        "5/28/2020",
        "May 28, 2020",
        "28 May 2020",
        "2020-05-28T00:00:00Z",
    ],
)
def test_read_date_reads_several_formats(text):
    assert read_date(text) == date(2020, 5, 28)


@pytest.mark.parametrize("text", ["2020-05", "2020", "28/5/2020", "last May"])
def test_read_date_does_not_invent_a_day(text):
    with pytest.raises(ValueError):
        read_date(text)


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


def test_openai_points_convert_petaflop_s_days_to_flop():
    _, rows = openai_ai_and_compute.estimates(SnapshotStore().latest("openai_ai_and_compute"))
    assert rows.height == 20
    alpha_go_zero = rows.filter(pl.col("entity") == "AlphaGoZero").row(0, named=True)
    # OpenAI, "AI and Compute" (2018): AlphaGo Zero at ~1,860 petaflop/s-days
    assert alpha_go_zero["value"] == pytest.approx(1862 * 8.64e19)
    assert alpha_go_zero["published_on"] == date(2017, 10, 19)
