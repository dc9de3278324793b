"""Trend estimates as built with everything else, against the published figures they should
reproduce; where our data disagrees the test says so, by how much and why, rather than widening
a band until it passes. Then a second materialisation on a later day appends to the history.

Doubling times in months are 12 x doubling_time_years; growth per year is 10 ** slope.
Measured on the 2026-11-23 build (bundled snapshots; 90% bootstrap intervals, seed 0) in [];
figures marked (12-04) on the 2026-12-04 build, after issue 19 (one id per chip, vector and
tensor FP16 apart, cloud prices within offers). The published counterparts are stored beside
ours (data/curated/published_trends.csv, analysis.trend_vs_published); docs/published_record.md
explains each difference.
"""

import base64
import re
import shutil
from datetime import UTC, date, datetime, timedelta

import dagster as dg
import polars as pl
import pytest

import warehouse
from analyses.trend_fit import fit_trend
from analyses.trend_inputs_cloud import monthly_cloud_prices
from analyses.trend_inputs_hardware import EPOCH_2022_GPU_SUBSET
from analyses.trend_inputs_models import OPENAI_2018_SUBSET
from analyses.trend_significance import EXTRAPOLATED, NOT_SIGNIFICANT
from pipelines import automation, trends
from pipelines.resources import WarehouseResource
from schemas.trends import TREND_ESTIMATE
from tests.e2e.conftest import q

PNG = b"\x89PNG\r\n\x1a\n"
STEP = "analysis__trend_estimate"


def estimate(db, metric, subset) -> dict:
    rows = q(
        db,
        "SELECT * FROM analysis.trend_latest WHERE metric = ? AND subset = ? AND method = 'ols'",
        [metric, subset],
    )
    assert rows.height == 1, f"no estimate of {metric} [{subset}]"
    return rows.row(0, named=True)


def months(row) -> tuple[float, float, float]:
    return tuple(12 * row[c] for c in ("doubling_time_years", "ci_low_years", "ci_high_years"))


def test_one_estimate_per_trend_dated_the_run_day_and_valid(built, db):
    table = q(db, "SELECT * FROM analysis.trend_estimate")
    TREND_ESTIMATE.pandera.validate(table)
    build = table.filter(pl.col("basis") == "build")
    ran_on = date.fromisoformat(metadata(built)["as_of"].value)
    assert build["as_of"].unique().to_list() == [ran_on]
    assert abs(ran_on - datetime.now(UTC).date()) <= timedelta(days=1)
    latest = q(db, "SELECT * FROM analysis.trend_latest")
    assert latest.height == build.height and latest["basis"].unique().to_list() == ["build"]
    # every fit rests on 2,000 resamples, less the few whose points all share one date; the
    # fits as of past versions (analysis.trend_history's) on 1,000 likewise
    assert build["resamples"].min() > 1_900 and build["resamples"].max() == 2_000
    versions = table.filter(pl.col("basis") == "versions")
    assert versions["resamples"].min() > 950 and versions["resamples"].max() == 1_000
    assert set(table["basis"]) == {"build", "versions"}
    assert (table["ci_level"] == 0.9).all() and (table["seed"] == 0).all()
    # issue 19: no infinite bound anywhere; a doubling time exactly where a reason is absent
    for column in ("doubling_time_years", "ci_low_years", "ci_high_years", "pct_per_year"):
        assert table[column].drop_nulls().is_finite().all(), column
    for column in ("pct_per_year_ci_low", "pct_per_year_ci_high", "log10_slope_ci_low"):
        assert table[column].null_count() == 0 and table[column].is_finite().all(), column
    stated = table["doubling_time_years"].is_not_null()
    assert (stated == table["no_doubling_reason"].is_null()).all()
    assert (table.filter(stated)["is_significant"]).all()
    # every row states its coverage
    assert table["sources"].null_count() == 0 and table["first_on"].null_count() == 0
    assert (table["first_on"] <= table["last_on"]).all()
    _, result = built
    checks = [
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key.path[0] == "analysis" and e.asset_key.path[1].startswith("trend")
    ]
    assert {c.check_name for c in checks} == {"matches_schema"}
    assert all(c.passed for c in checks)


def test_deep_learning_era_doubles_every_six_months(db):
    """Sevilla et al. (2022), "Compute Trends Across Three Eras of Machine Learning"
    (arXiv:2202.05924): 5.7 months in the deep-learning era (2010-2022); Epoch AI (2024),
    "Training compute of frontier AI models grows by 4-5x per year": 4-5x per year for notable
    models 2010-2024, i.e. 5.2-6.0 months. Band: 5.2-6.0 months widened by 0.3 month each side,
    since our data runs to 2026 and is plain OLS over every notable model. [5.66, 5.38-5.95]"""
    row = estimate(db, "training_compute_flop", "notable 2010-01-01..")
    mid, low, high = months(row)
    assert 4.9 <= mid <= 6.3
    assert low <= 6.0 and high >= 5.2  # our interval overlaps Epoch's band
    assert row["n"] > 400


def test_before_deep_learning_compute_doubled_every_twenty_months(db):
    """Sevilla et al. (2022): 21.3 months before 2010 (their range 17-29 months across
    choices of era boundary and data). Band: that range; our interval must contain 21.3.
    [20.5, 17.4-24.5; n = 62 from 1950]"""
    mid, low, high = months(estimate(db, "training_compute_flop", "notable ..2009-12-31"))
    assert 17 <= mid <= 29
    assert low <= 21.3 <= high


def test_frontier_compute_grows_four_to_five_times_a_year(db):
    """Epoch AI (2024), "Training compute of frontier AI models grows by 4-5x per year":
    frontier (running top-10) models since 2010 at 4-5x per year, 5.2-6.0 months. Band: the
    4-5x headline, and the months band widened by 0.3 month as for all notable models.
    [4.81x per year, 5.29 months, 5.14-5.47]"""
    row = estimate(db, "training_compute_flop", "notable top10 2010-01-01..")
    assert 4.0 <= 10 ** row["log10_slope_per_year"] <= 5.0
    mid, _, _ = months(row)
    assert 4.9 <= mid <= 6.3
    assert row["r2"] > 0.9  # the frontier is a tight line


def test_notable_large_scale_models_double_every_ten_months(db):
    """Sevilla et al. (2022): large-scale models (late 2015-2022) double every 9.9 months.
    Ours: the notable models of Epoch's large-scale list (over 1e23 FLOP), 2019-2026 — their
    population was notable systems too. Band: our interval must contain 9.9 months and the
    estimate lie within 8-14 months (their era is shorter and earlier). [11.1, 9.3-13.4]"""
    mid, low, high = months(estimate(db, "training_compute_flop", "large-scale notable"))
    assert 8 <= mid <= 14
    assert low <= 9.9 <= high


def test_the_whole_large_scale_list_grows_slower_than_sevillas_large_scale_era(db):
    """DISAGREES with Sevilla et al.'s 9.9 months, on purpose of reporting it: Epoch's whole
    large-scale list is every model over a fixed 1e23 FLOP, so it is cut from below and fills
    with recent mid-size models (2024-2026) near the threshold, which flattens the line (r2
    0.12). The notable ones among them agree (test above). [17.6 months, 14.4-22.7]"""
    row = estimate(db, "training_compute_flop", "large-scale")
    mid, low, _ = months(row)
    assert low > 9.9 and 12 < mid < 24
    assert row["r2"] < 0.3


def test_gpu_price_performance_is_slower_than_hobbhahn_and_besiroglu(db):
    """DISAGREES: Hobbhahn & Besiroglu (2022), "Trends in GPU price-performance" (Epoch AI):
    FP32 FLOP/s per dollar of 470 GPUs (2006-2021) doubles every 2.46 years [95% CI 2.24, 2.72].
    Ours over 399 GPUs with a launch price (2003-2025) is slower and the intervals do not
    overlap. The cause is AMD: 181 of the points, 103 of them Wikipedia rows whose code-name ids
    duplicate chips Epoch lists under other ids (docs/ARCHITECTURE.md, identity of a chip), and
    AMD's peak FP32 per dollar was already high around 2010 (6.8-year doubling on its own).
    NVIDIA's GPUs alone agree with the published figure (test below). [3.32, 2.97-3.79;
    (12-04) 3.32, 2.97-3.79, n = 401: merging duplicate ids moved little]"""
    row = estimate(db, "fp32_flop_per_s_per_usd", "gpu")
    assert row["ci_low_years"] > 2.72
    assert 2.9 < row["doubling_time_years"] < 4.0


def test_nvidia_gpu_price_performance_agrees_with_hobbhahn_and_besiroglu(db):
    """The same data as the stored 'gpu' estimate, NVIDIA's GPUs only: within the published
    95% interval [2.24, 2.72] widened by our own half-width (~0.3 years). [2.60, 2.34-2.96]"""
    rows = q(
        db,
        "SELECT p.priced_on, p.flop_per_s_per_usd FROM analysis.price_performance p "
        "JOIN core.hardware h USING (hardware_id) WHERE p.basis = 'launch_price' "
        "AND p.precision = 'fp32' AND h.kind = 'gpu' AND h.vendor = 'NVIDIA'",
    )
    e = fit_trend(rows["priced_on"], rows["flop_per_s_per_usd"], metric="x").estimate
    assert 2.0 <= e.doubling_time_years <= 3.0
    assert e.ci_low_years <= 2.46 <= e.ci_high_years


def test_ml_gpu_price_performance_is_consistent_with_epoch(db):
    """Hobbhahn & Besiroglu (2022): ML GPUs 2.07 years [95% CI 1.54, 3.13] (n = 26); Epoch's
    "Trends in Machine Learning Hardware" (2023): 2.1 years; Epoch's ML hardware data page
    (2024): ~30% cheaper per year at fixed performance, 2.6 years. Ours, the GPUs of Epoch's ML
    hardware database with a launch price, is slower at face value but the intervals overlap
    and ours contains the 2024 figure. Band: overlap with [1.54, 3.13]. [3.34, 2.57-4.77]"""
    row = estimate(db, "fp32_flop_per_s_per_usd", "ml gpu")
    assert row["ci_low_years"] <= 3.13
    assert row["ci_low_years"] <= 2.64 <= row["ci_high_years"]


def published(db, metric, subset) -> dict:
    rows = q(
        db,
        "SELECT * FROM analysis.trend_vs_published WHERE metric = ? AND subset = ? "
        "AND method = 'ols'",
        [metric, subset],
    )
    assert rows.height == 1, f"no published counterpart of {metric} [{subset}]"
    return rows.row(0, named=True)


def test_epoch_2022_gpu_rule_reproduced_misses_by_two_thirds(db):
    """Hobbhahn & Besiroglu (2022), Epoch AI, Table 1: FP32 FLOP/s per release dollar of 470
    GPUs released 2006-2021 doubles every 2.46 years [95% CI 2.24, 2.72] (the issue's "90%"
    is the post's 95%). Their window and population rule (every GPU with a price, by release
    date) on our data: 271 GPUs once Wikipedia's code-name spellings of cards other sources
    list are merged (321 before). MISSES: ours is ~1.6x theirs and the intervals do not
    overlap. Why (docs/published_record.md): our population is not their dataset (AMD and ATI
    cards of Wikipedia and Epoch's chip list with nominal launch prices; NVIDIA's GPUs alone
    give ~3.3 years), and our prices are nominal. Tolerance: ours within 3.6-4.7 years, the
    ratio within 1.5-1.9 (stated, not widened to pass). (12-04) [4.02, n = 271; ratio 1.63]"""
    row = published(db, "fp32_flop_per_s_per_usd", EPOCH_2022_GPU_SUBSET)
    assert (row["window_start_on"], row["window_end_on"]) >= (date(2006, 1, 1), date(2006, 1, 1))
    assert row["window_end_on"] <= date(2021, 12, 31)
    assert (row["published_doubling_years"], row["published_ci_level"]) == (2.46, 0.95)
    assert 3.6 <= row["doubling_time_years"] <= 4.7 and row["n"] > 250
    assert 1.5 <= row["ours_over_published"] <= 1.9
    assert not row["is_published_within_ci"]
    assert row["ci_low_years"] > row["published_ci_high_years"]  # no overlap: a real miss
    assert row["published_url"] == "https://epoch.ai/blog/trends-in-gpu-price-performance"


def test_openai_2018_points_reproduce_the_published_doubling(db):
    """Amodei & Hernandez (2018), "AI and Compute": 3.4-month doubling since 2012, from the
    post's own 20 data points (core.model_estimate). Ours, OLS on those points: the published
    value lies inside our interval. (12-04) [3.31 months, 2.46-4.72]"""
    row = published(db, "training_compute_flop", OPENAI_2018_SUBSET)
    mid = 12 * row["doubling_time_years"]
    assert row["n"] == 20 and 3.0 <= mid <= 3.7
    assert row["is_published_within_ci"]
    assert abs(row["ours_over_published"] - 1) < 0.1


def test_sevilla_2022_eras_beside_ours(db):
    """Sevilla et al. (2022) state 21.3 months before 2010, 5.7 in the deep-learning era and
    9.9 for large-scale models, without intervals in the stored record. Inside our interval:
    before 2010 [20.5 months], 2010 to the newest model [5.66], notable large-scale [11.1].
    MISSES on their own window, 2010 to 2022-02: ours 6.4 months [5.9, 7.0], 12% slower —
    Epoch's notable list of today (256 models with compute in that window) is not their 2022
    dataset of 123 milestone systems; over 2010 to the newest model theirs is inside ours.
    (12-04)"""
    inside = ("notable ..2009-12-31", "notable 2010-01-01..", "large-scale notable")
    for subset in inside:
        assert published(db, "training_compute_flop", subset)["is_published_within_ci"], subset
    window = published(db, "training_compute_flop", "notable 2010-01-01..2022-02-28")
    assert not window["is_published_within_ci"]
    assert 1.05 <= window["ours_over_published"] <= 1.2
    assert 12 * window["ci_low_years"] > 5.7


def test_every_published_counterpart_is_matched_to_a_row(db):
    from analyses.trend_estimates import published_trends
    from sources import curated

    curated = published_trends(curated.load("published_trends")).select("metric", "subset").rows()
    view = q(db, "SELECT metric, subset FROM analysis.trend_vs_published WHERE method = 'ols'")
    assert sorted(view.rows()) == sorted(curated)


def test_peak_fp32_of_ml_hardware_doubles_every_two_to_three_years(db):
    """Epoch AI, "Trends in Machine Learning Hardware" (2023): FP32 performance doubles every
    2.3 years; Epoch's ML hardware data page (2024, the database we load, newer): 2.8 years at
    16 bits, "a similar trend" at 32. Band: 2.3-2.8 widened by our half-width (0.3) each side.
    [2.79, 2.52-3.16]"""
    row = estimate(db, "fp32_flop_per_s", "ml hardware")
    assert 2.0 <= row["doubling_time_years"] <= 3.1
    assert row["n"] > 100


def test_ml_memory_grows_faster_than_epoch_2023_reported(db):
    """DISAGREES: Epoch AI (2023): memory capacity doubles every ~4 years, bandwidth every
    ~4.1, slower than compute (the "memory wall"). Ours, the ML hardware database to 2025, is
    faster — its data-centre chips went from 16 GB of HBM (V100, 2017) to 192-288 GB (B200,
    MI355X), and 2023's figure drew on a wider set of GPUs from 2006-2021. What holds is the
    wall against 16-bit tensor compute: memory and bandwidth double more slowly than it.
    [memory 3.10, 2.68-3.83; bandwidth 2.86, 2.53-3.27; bf16 tensor 2.28, 1.97-2.73]"""
    memory = estimate(db, "memory_bytes", "ml hardware")
    bandwidth = estimate(db, "memory_bandwidth_bytes_per_s", "ml hardware")
    tensor = estimate(db, "bf16_flop_per_s", "ml hardware")
    for row in (memory, bandwidth):
        assert row["ci_high_years"] < 4.0  # the published ~4 years is outside our interval
        assert 2.5 <= row["doubling_time_years"] <= 3.5
        assert row["doubling_time_years"] > tensor["doubling_time_years"]


def test_cloud_series_follow_the_twelve_month_rule(db):
    cloud = q(
        db,
        "SELECT subset, n, unit, estimator, offer_count, providers, provider_count, gap_months "
        "FROM analysis.trend_latest WHERE metric = 'usd_per_accelerator_hour'",
    )
    assert cloud.height > 20
    assert (cloud["n"] >= 12).all()  # offer-months, over at least 12 distinct months
    assert (cloud["unit"] == "USD/(accelerator*h)").all()
    assert (cloud["estimator"] == "within offer").all() and (cloud["offer_count"] >= 1).all()
    assert cloud["provider_count"].min() >= 1 and cloud["gap_months"].null_count() == 0
    known = set(q(db, "SELECT hardware_id FROM core.hardware")["hardware_id"])
    for subset in cloud["subset"]:
        hardware_id, pricing = subset.rsplit(" ", 1)
        assert hardware_id in known and pricing in {
            "on_demand",
            "spot",
            "reserved_1y",
            "reserved_3y",
        }


def test_a100_on_demand_has_no_doubling_time_and_finite_bounds(db):
    """Before: 'doubles every 26.12 years' with the interval -inf to +inf (pooled monthly
    medians of the A100 family id). Now, within offers: -0.7 %/yr [-5.3, +4.4], no doubling
    time. (12-04)"""
    row = estimate(db, "usd_per_accelerator_hour", "nvidia-a100 on_demand")
    assert row["doubling_time_years"] is None and row["ci_low_years"] is None
    assert not row["is_significant"] and row["no_doubling_reason"] == NOT_SIGNIFICANT
    assert -10 < row["pct_per_year_ci_low"] < row["pct_per_year"] < row["pct_per_year_ci_high"] < 10
    assert row["provider_count"] >= 10  # 20 providers, FSDL's small clouds and Azure


def test_l4_on_demand_has_no_halving_time(db):
    """Before: 'halves every 196 years' [-358, -139]. Now, within offers: -0.5 %/yr
    [-0.6, -0.4] over 323 GCP and OVHcloud offers: significant, but a halving time of 134
    years from 3 years of data is an extrapolation, withheld; the percent says it. (12-04)"""
    row = estimate(db, "usd_per_accelerator_hour", "nvidia-l4 on_demand")
    assert row["doubling_time_years"] is None and row["no_doubling_reason"] == EXTRAPOLATED
    assert -1.0 < row["pct_per_year_ci_low"] <= row["pct_per_year_ci_high"] < 0
    assert row["providers"] == "gcp,ovhcloud" and row["gap_months"] == 0


def test_h100_on_demand_is_no_longer_read_as_doubling(db):
    """Before: 'doubles every 2.0 years' [1.55, 3.05]: GCP's dearer offers entering the
    monthly median in 2024-05. Within offers: -0.2 %/yr, no doubling time. The pooled monthly
    median of the same quotes still rises, which is what the old row measured. (12-04)"""
    row = estimate(db, "usd_per_accelerator_hour", "nvidia-h100-sxm5-80gb on_demand")
    assert row["doubling_time_years"] is None and abs(row["pct_per_year"]) < 1
    assert row["estimator"] == "within offer" and row["offer_count"] > 100
    assert "gcp 2024-05..2026-07" in row["provider_coverage"]
    quotes = q(
        db,
        "SELECT observed_at, provider, region, hardware_id, pricing, usd_per_accelerator_hour "
        "FROM core.cloud_price WHERE hardware_id = 'nvidia-h100-sxm5-80gb' "
        "AND pricing = 'on_demand' AND usd_per_accelerator_hour IS NOT NULL",
    )
    pooled = monthly_cloud_prices(quotes)
    old = fit_trend(pooled["month"], pooled["usd_per_accelerator_hour"], metric="x").estimate
    assert old.is_significant and 0 < old.doubling_time_years < 4  # the artefact


def test_coverage_names_where_a_history_stops(db):
    """The A100 40 GB on-demand offers: AWS's history stops in 2025 while GCP's runs on."""
    row = estimate(db, "usd_per_accelerator_hour", "nvidia-a100-sxm4-40gb on_demand")
    spans = dict(part.split(" ") for part in row["provider_coverage"].split("; "))
    assert spans["aws"].split("..")[1] <= "2025-04" and spans["gcp"].endswith("2026-07")
    assert "aws_instance_pages" in row["sources"] and "gcp_pricing" in row["sources"]


def test_the_cheapest_on_demand_compute_gets_cheaper(db):
    """The month's cheapest on-demand 16-bit PFLOP/s-day halves within a few years (a halving
    is a negative doubling time), the whole interval below zero. [-2.58, -3.36 to -2.08;
    (12-04) -3.22, -4.16 to -2.54 with suspect quotes kept out of the cheapest]"""
    row = estimate(db, "usd_per_pflop_day", "bf16 cloud_on_demand")
    assert row["ci_low_years"] <= row["doubling_time_years"] <= row["ci_high_years"] < 0
    assert -5 < row["doubling_time_years"] < -1


def test_dawnbench_time_and_cost_to_target_fell(db):
    """Coleman et al. (2019), "Analysis of DAWNBench": ImageNet training time and cost fell by
    orders of magnitude within the benchmark's two years: both trends are halvings."""
    if not q(db, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'dawnbench_entry'").height:
        pytest.skip("core.dawnbench_entry is not part of this build")
    for metric in ("time_to_target_s", "cost_usd"):
        row = estimate(db, metric, "dawnbench ImageNet train")
        assert row["ci_high_years"] < 0, metric


def metadata(built) -> dict:
    _, result = built
    (materialization,) = result.asset_materializations_for_node(STEP)
    return materialization.metadata


def test_metadata_has_headlines_skips_and_plots(built):
    md = metadata(built)
    headline = md["headline"].value
    assert "| training_compute_flop | notable 2010-01-01.. |" in headline
    # the marketplace tracker covers two months: too few points, said so
    skipped = md["skipped_reasons"].value
    assert "usd_per_pflop_day [bf16 cloud_marketplace]: 2 usable points on 2 dates" in skipped
    assert md["skipped"].value >= 2
    assert (md["ci_level"].value, md["resamples"].value, md["method"].value) == (0.9, 2000, "ols")
    plots = {k: v.value for k, v in md.items() if k.startswith("plot_")}
    assert {"plot_training_compute_flop", "plot_usd_per_pflop_day_bf16"} <= set(plots)
    for key, text in plots.items():
        encoded = re.search(r"base64,([^)]+)\)", text).group(1)
        assert base64.b64decode(encoded).startswith(PNG), key


def test_a_later_run_appends_and_the_view_shows_the_newest(built, tmp_path, monkeypatch):
    """Copy the built warehouse, materialise the trend assets as if a week later, then again
    the same day: the history keeps the first date, the view shows the newest build only."""
    source, _ = built
    copy = tmp_path / "flopbase.duckdb"
    shutil.copy(source, copy)
    monkeypatch.setenv("FLOPBASE_DB", str(copy))  # a safety net: every write goes to the copy
    stored = q(copy, "SELECT * FROM analysis.trend_estimate")
    first = stored.filter(pl.col("basis") == "build")
    later = first["as_of"].max() + timedelta(days=7)
    monkeypatch.setattr(trends, "today", lambda: later)

    def run():
        result = dg.materialize(
            [trends.analysis_trend_estimate, trends.analysis_trend_latest],
            resources={"warehouse": WarehouseResource(path=str(copy))},
        )
        assert result.success

    run()
    run()  # the same day again: replaces that day's rows
    table = q(copy, "SELECT * FROM analysis.trend_estimate")
    builds = table.filter(pl.col("basis") == "build")
    counts = builds.group_by("as_of").len().sort("as_of")
    assert counts.rows() == [(first["as_of"].max(), first.height), (later, first.height)]
    # the earlier rows are kept exactly; the fits as of versions are replaced by the same
    kept = builds.filter(pl.col("as_of") < later).sort("metric", "subset")
    assert kept.equals(first.sort("metric", "subset"))
    assert table.filter(pl.col("basis") == "versions").equals(
        stored.filter(pl.col("basis") == "versions")
    )
    latest = q(copy, "SELECT * FROM analysis.trend_latest")
    assert latest.height == first.height and latest["as_of"].unique().to_list() == [later]
    # same data, same seed: the same estimates
    again = latest.sort("metric", "subset").drop("as_of")
    assert again.equals(first.sort("metric", "subset").drop("as_of"))


def test_the_daily_price_refresh_runs_one_month_offline(built, tmp_path, monkeypatch):
    """refresh_prices as its schedule requests it (the current month's partition), offline on a
    copy of the built warehouse: nothing new is stored, so the price tables keep their rows."""
    from pipelines.definitions import defs

    source, _ = built
    copy = tmp_path / "flopbase.duckdb"
    shutil.copy(source, copy)
    monkeypatch.setenv("FLOPBASE_DB", str(copy))  # a safety net: every write goes to the copy
    before = warehouse.row_counts(path=copy)
    context = dg.build_schedule_context(scheduled_execution_time=datetime.now(UTC))
    request = automation.refresh_prices_daily(context)
    result = defs.resolve_job_def("refresh_prices").execute_in_process(
        partition_key=request.partition_key,
        resources={"warehouse": WarehouseResource(path=str(copy))},
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
    )
    assert result.success
    assert all(e.passed for e in result.get_asset_check_evaluations())
    after = warehouse.row_counts(path=copy)
    tables = ["core.cloud_price", "core.hardware_price", "analysis.price_performance"]
    assert after.filter(pl.col("table_name").is_in(tables)).equals(
        before.filter(pl.col("table_name").is_in(tables))
    )
