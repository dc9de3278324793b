"""Fitting the trend inputs and keeping analysis.trend_estimate, on excerpts of the real
warehouse tables (2026-11-23 build)."""

import math
from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from analyses.trend_estimates import (
    Fitted,
    append_history,
    conform,
    estimate_rows,
    fit_all,
    headline_table,
    published_trends,
    with_versions,
)
from schemas.trends import TREND_ESTIMATE
from sources import curated
from tests.analyses._trend_estimates_testkit import INPUTS

PUBLISHED = published_trends(curated.load("published_trends"))


@pytest.fixture(scope="module")
def fits():
    return fit_all(INPUTS)


def test_inputs_with_too_few_points_are_skipped_with_the_reason(fits):
    fitted, skipped = fits
    assert [f.input.subset for f in fitted] == [
        "notable 2010-01-01..",
        "notable top2 2010-01-01..",
        "nvidia-quadro-rtx-5000 spot",
    ]
    assert [(s.metric, s.subset) for s in skipped] == [
        ("training_compute_flop", "notable 2030-01-01..")
    ]
    assert skipped[0].reason.startswith("0 usable points on 0 dates, need 3")


def test_rows_match_the_table_and_store_undefined_values_as_such(fits):
    fitted, _ = fits
    rows = estimate_rows(fitted, date(2026, 11, 23), PUBLISHED)
    TREND_ESTIMATE.pandera.validate(rows)
    assert rows.columns == TREND_ESTIMATE.column_names
    flat = rows.row(2, named=True)
    # a price that never moves: no doubling time (null, never infinite), 0 %/yr, r2 undefined
    assert flat["log10_slope_per_year"] == 0 and flat["pct_per_year"] == 0
    assert not flat["is_significant"]
    assert flat["no_doubling_reason"] == "slope interval includes zero"
    assert (flat["doubling_time_years"], flat["ci_low_years"], flat["ci_high_years"]) == (
        None,
        None,
        None,
    )
    assert flat["r2"] is None
    for column in ("doubling_time_years", "ci_low_years", "ci_high_years", "pct_per_year"):
        assert rows[column].drop_nulls().is_finite().all()
    first = rows.row(0, named=True)
    assert first["as_of"] == date(2026, 11, 23)
    assert (first["unit"], first["points"], first["resamples"], first["seed"]) == (
        "FLOP",
        "a notable model",
        2000,
        0,
    )
    assert first["ci_low_years"] < first["doubling_time_years"] < first["ci_high_years"]
    assert first["is_significant"] and first["no_doubling_reason"] is None
    assert first["estimator"] == "pooled" and first["offer_count"] is None
    # the published counterpart joins on (metric, subset): Sevilla et al.'s 5.7 months
    assert first["published_doubling_years"] == 0.475
    assert first["published_as_stated"] == "5.7 months"
    assert flat["published_doubling_years"] is None and flat["is_published_within_ci"] is None


def test_published_within_ci_compares_slopes_by_hand(fits):
    """Our notable-models fit on the excerpt, against made-up published values placed inside
    and outside its slope interval (the comparison, not the curated file, is tested here)."""
    fitted, _ = fits
    e = fitted[0].fit.estimate
    inside = math.log10(2) / ((e.log10_slope_ci_low + e.log10_slope_ci_high) / 2)
    published = pl.DataFrame(
        {
            "metric": ["training_compute_flop", "training_compute_flop"],
            "subset": ["notable 2010-01-01..", "notable top2 2010-01-01.."],
            "published_doubling_years": [inside, 100.0],
        }
    ).join(PUBLISHED.drop("published_doubling_years"), on=["metric", "subset"], how="left")
    rows = estimate_rows(fitted, date(2026, 11, 23), published=published.select(PUBLISHED.columns))
    assert rows["is_published_within_ci"].to_list() == [True, False, None]


def test_the_published_record_is_curated_with_citations():
    published = PUBLISHED
    assert published.select("metric", "subset").is_duplicated().sum() == 0
    assert published["published_citation"].null_count() == 0
    assert published["published_url"].str.starts_with("https://").all()
    assert published["published_as_stated"].null_count() == 0
    epoch = published.filter(subset="gpu 2006-2021 (Epoch 2022 rule)").row(0, named=True)
    assert (
        epoch["published_doubling_years"],
        epoch["published_ci_low_years"],
        epoch["published_ci_high_years"],
        epoch["published_ci_level"],
        epoch["published_n"],
    ) == (2.46, 2.24, 2.72, 0.95, 470)


def history_of(fits, as_of, method="ols"):
    fitted, _ = fits
    return estimate_rows(fitted, as_of, PUBLISHED).with_columns(method=pl.lit(method))


def test_a_later_run_appends_and_a_same_day_run_replaces(fits):
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    table = append_history(TREND_ESTIMATE.empty(), history_of(fits, monday))
    table = append_history(table, history_of(fits, tuesday))
    assert table.group_by("as_of").len().sort("as_of").rows() == [(monday, 3), (tuesday, 3)]
    # Tuesday again, now without the flat series: Tuesday's rows are replaced, Monday's kept
    again = history_of(fits, tuesday).head(2)
    table = append_history(table, again)
    assert table.group_by("as_of").len().sort("as_of").rows() == [(monday, 3), (tuesday, 2)]
    TREND_ESTIMATE.pandera.validate(table)
    # sorted by trend, then date: each trend's history reads in order
    assert table.head(2)["as_of"].to_list() == [monday, tuesday]


def test_a_same_day_run_with_another_method_is_kept_beside(fits):
    monday = date(2026, 11, 23)
    table = append_history(history_of(fits, monday), history_of(fits, monday, "theil_sen"))
    assert table.group_by("method").len().sort("method").rows() == [("ols", 3), ("theil_sen", 3)]


def test_fits_as_of_versions_are_replaced_and_builds_kept(fits):
    monday, march, july = date(2026, 11, 23), date(2026, 3, 30), date(2026, 7, 19)
    fitted, _ = fits
    build = history_of(fits, monday)
    assert build["basis"].unique().to_list() == ["build"]
    old = estimate_rows(fitted, march, PUBLISHED, basis="versions")
    table = with_versions(build, old)
    # a build the same day as a version's date does not replace the version's fit
    table = append_history(table, history_of(fits, march))
    assert table.group_by("basis", "as_of").len().sort("basis", "as_of").rows() == [
        ("build", march, 3),
        ("build", monday, 3),
        ("versions", march, 3),
    ]
    # the next build's versions replace every stored one
    new = estimate_rows(fitted, july, PUBLISHED, basis="versions")
    table = with_versions(table, new)
    assert table.filter(basis="versions")["as_of"].unique().to_list() == [july]
    assert table.filter(basis="build").height == 6
    TREND_ESTIMATE.pandera.validate(table)


def test_stored_rows_of_an_older_shape_are_conformed(fits):
    stored = history_of(fits, date(2026, 11, 23)).drop("points", "seed").select(pl.all().reverse())
    conformed = conform(stored.drop("basis"))
    assert conformed.columns == TREND_ESTIMATE.column_names
    assert conformed["points"].null_count() == 3  # the schema check then refuses the nulls
    assert conformed["basis"].to_list() == ["build"] * 3  # stored before basis: a build's


def test_rows_stored_with_infinite_bounds_are_conformed_without_them():
    """A row as the table stored it before issue 19: the A100 on-demand price 'doubling every
    26.12 years' with the interval -inf to +inf (2026-11-23 build)."""
    old = pl.DataFrame(
        {
            "metric": ["usd_per_accelerator_hour", "training_compute_flop"],
            "subset": ["nvidia-a100 on_demand", "notable 2010-01-01.."],
            "log10_slope_per_year": [math.log10(2) / 26.12, 0.6386],
            "doubling_time_years": [26.12, 0.4714],
            "ci_low_years": [-math.inf, 0.448],
            "ci_high_years": [math.inf, 0.495],
        }
    )
    rows = conform(old)
    a100, compute_row = rows.row(0, named=True), rows.row(1, named=True)
    assert not a100["is_significant"]
    assert a100["no_doubling_reason"] == "slope interval includes zero"
    assert (a100["doubling_time_years"], a100["ci_low_years"], a100["ci_high_years"]) == (
        None,
        None,
        None,
    )
    assert a100["pct_per_year"] == pytest.approx(100 * (2 ** (1 / 26.12) - 1))  # +2.7 %/yr
    assert a100["pct_per_year_ci_low"] is None  # the stored row kept no finite slope bound
    assert compute_row["is_significant"] and compute_row["doubling_time_years"] == 0.4714
    # the slope interval back from the doubling-time interval: log10(2) / years
    assert compute_row["log10_slope_ci_low"] == pytest.approx(math.log10(2) / 0.495)
    assert compute_row["log10_slope_ci_high"] == pytest.approx(math.log10(2) / 0.448)


def test_headline_table_lists_headline_estimates_readably(fits):
    fitted, _ = fits
    table = headline_table(fitted)
    assert table["subset"].to_list() == ["notable 2010-01-01.."]
    row = table.row(0, named=True)
    e = fitted[0].fit.estimate
    assert row["doubling_years"] == (
        f"{e.doubling_time_years:.2f} ({12 * e.doubling_time_years:.1f} mo)"
    )
    assert row["ci_90%"] == f"{e.ci_low_years:.2f} .. {e.ci_high_years:.2f}"
    assert headline_table([f for f in fitted if not f.input.headline]).height == 0


def test_trends_without_a_doubling_time_read_as_such():
    flat = fit_all([INPUTS[-1]])[0]
    flagged = [Fitted(replace(flat[0].input, headline=True), flat[0].fit)]
    row = headline_table(flagged).row(0, named=True)
    assert (row["doubling_years"], row["ci_90%"], row["r2"]) == (
        "none: slope interval includes zero",
        "",
        "",
    )
    assert row["pct_per_year"] == "+0% (+0 .. +0)"
