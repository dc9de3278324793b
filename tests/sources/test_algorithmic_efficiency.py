"""The efficiency frontier snapshot (openai/ai-and-efficiency, efficiency_sota.csv) read into
core.algorithmic_efficiency's columns: every record, SI units, US dates, the README's targets."""

from datetime import date

import polars as pl
import pytest

from sources import algorithmic_efficiency as source


@pytest.fixture(scope="module")
def rows(bundled_store):
    return source.to_frontier(source.read(bundled_store.latest(source.SOURCE.name)))


def test_every_record_is_read_without_errors(rows):
    assert rows.height == 12
    assert rows["parse_error"].null_count() == 12
    assert rows["row_number"].to_list() == list(range(1, 13))
    counts = dict(rows.group_by("capability").len().iter_rows())
    assert counts == {"AlexNet": 6, "ResNet-50": 2, "Seq2Seq": 2, "GNMT": 2}


def test_teraflop_s_days_become_flop_and_us_dates_read():
    # README FAQ 4: a tf-s/day is a teraflop/s for a day = 8.64e16 FLOP
    assert source.TFLOP_S_DAY_FLOP == 8.64e16


def test_alexnet_and_efficientnet_as_the_upstream_states_them(rows):
    alexnet = rows.filter(pl.col("publication") == "AlexNet").row(0, named=True)
    assert alexnet["published_on"] == date(2012, 6, 1)
    assert alexnet["compute_to_capability_flop"] == pytest.approx(3.1 * 8.64e16)
    assert alexnet["capability_target"] == "AlexNet-level: 79.1% top-5 accuracy on ImageNet"
    b0 = rows.filter(pl.col("publication") == "EfficientNet (b0)").row(0, named=True)
    assert b0["published_on"] == date(2019, 5, 28)  # written 5/28/2019
    assert b0["compute_to_capability_flop"] == pytest.approx(0.069 * 8.64e16)
    assert b0["stated_reduction_factor"] == 44
    assert b0["analysis_url"] == "https://arxiv.org/abs/1905.11946"


def test_an_unknown_capability_is_a_parse_error_not_a_guess():
    """Synthetic record (fault injection): a capability the README does not define."""
    raw = pl.DataFrame(
        {c: ["x"] for c in source.REQUIRED} | {"row_number": [1]},
    ).with_columns(
        **{
            "Metric": pl.lit("BERT"),
            "Publication Date": pl.lit("1/2/2020"),
            source.COMPUTE: pl.lit("1"),
        }
    )
    row = source.to_frontier(raw).row(0, named=True)
    assert "no capability target known for BERT" in row["parse_error"]
    assert "Reduction Factor" in row["parse_error"]  # 'x' is not a number
    assert row["capability_target"] is None
