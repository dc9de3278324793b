"""Every query in docs/queries.md runs on a fresh build and answers its question with real,
plausible values (the numbers checked are the bundled snapshots')."""

import re

import polars as pl
import pytest

import warehouse
from tests.conftest import REPO

QUERIES_MD = REPO / "docs" / "queries.md"
H100 = "nvidia-h100-sxm5-80gb"
H100_BF16_PFLOP_PER_S = 0.9894  # dense BF16 peak in core.hardware (989.4 TFLOP/s)


def documented() -> dict[str, str]:
    """{section heading: its SQL} of every ```sql block, under the nearest ## heading."""
    sections = re.split(r"^## (.+)$", QUERIES_MD.read_text(), flags=re.MULTILINE)
    found = {}
    for heading, body in zip(sections[1::2], sections[2::2], strict=True):
        blocks = re.findall(r"```sql\n(.*?)```", body, flags=re.DOTALL)
        assert len(blocks) == 1, f"section {heading!r} should hold one query"
        found[heading.strip()] = blocks[0]
    return found


QUERIES = documented()


def section(start: str) -> str:
    [sql] = [q for h, q in QUERIES.items() if h.startswith(start)]
    return sql


def run(db, sql: str) -> pl.DataFrame:
    return warehouse.query(sql, path=db)


@pytest.mark.parametrize("heading", list(QUERIES))
def test_every_documented_query_runs_and_answers(db, heading):
    result = run(db, QUERIES[heading])
    assert result.height > 0, f"{heading}: no rows"


def readme_statements() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)
    return [part.strip() for block in blocks for part in block.split(";") if part.strip()]


def test_every_sql_example_of_the_readme_runs(db):
    statements = readme_statements()
    assert len(statements) >= 7
    for sql in statements:
        assert run(db, sql).height > 0, sql


def test_every_new_view_is_documented():
    from schemas.views import VIEWS

    text = QUERIES_MD.read_text()
    for view in VIEWS:
        assert f"FROM {view.qualified_name}" in text, f"{view.qualified_name} has no example"


def test_h100_hour_on_each_cloud_over_time_and_per_pflop_day(db):
    """The issue's question in one query: price per provider and month, and per PFLOP/s-day."""
    result = run(db, section("What did an H100-hour cost"))
    assert result.columns == [
        "provider",
        "pricing",
        "month_on",
        "quotes",
        "cheapest_usd_per_accelerator_hour",
        "median_usd_per_accelerator_hour",
        "median_usd_per_pflop_day",
    ]
    providers = set(result["provider"])
    assert {"aws", "gcp", "lambda", "runpod"} <= providers
    assert result.select("provider", "pricing", "month_on").is_unique().all()
    # an H100 hour has cost between ~$1 (marketplace) and ~$15 (on demand at a big cloud)
    assert result["median_usd_per_accelerator_hour"].is_between(0.5, 20).all()
    gcp = result.filter(provider="gcp", pricing="on_demand")
    assert gcp.height >= 24  # monthly machine-type snapshots from 2024-05 to 2026-07
    assert gcp["median_usd_per_accelerator_hour"].is_between(10, 15).all()
    # the PFLOP/s-day figure is the hourly price x 24 at the chip's peak
    implied = result["median_usd_per_accelerator_hour"] * 24 / H100_BF16_PFLOP_PER_S
    assert (result["median_usd_per_pflop_day"] - implied).abs().max() < 0.5
    assert result["median_usd_per_pflop_day"].is_between(10, 500).all()


def test_latest_h100_prices_by_provider(db):
    result = run(db, section("`core.latest_cloud_price`"))
    on_demand = dict(
        result.filter(pricing="on_demand")
        .select("provider", "cheapest_usd_per_accelerator_hour")
        .iter_rows()
    )
    assert 10 < on_demand["gcp"] < 12  # a3-highgpu on-demand, cheapest region: $11.06
    assert 2 < on_demand["lambda"] < 4
    gcp = result.filter(provider="gcp").select("pricing", "cheapest_usd_per_accelerator_hour")
    price = dict(gcp.iter_rows())
    # committing or accepting pre-emption is cheaper than on demand
    assert price["spot"] < price["reserved_3y"] < price["reserved_1y"] < price["on_demand"]


def test_latest_cloud_price_is_the_newest_quote_of_each_offer(db):
    offer = ["hardware_id", "pricing", "provider", "region", "instance_type"]
    latest = run(db, "SELECT * FROM core.latest_cloud_price")
    assert latest.select(offer).is_unique().all()
    newest = run(
        db,
        "SELECT hardware_id, pricing, provider, region, instance_type, "
        "max(observed_at) AS newest FROM core.cloud_price WHERE hardware_id IS NOT NULL "
        "AND usd_per_accelerator_hour IS NOT NULL GROUP BY ALL",
    )
    assert newest.height == latest.height
    joined = latest.join(newest, on=offer, nulls_equal=True)
    assert (joined["observed_at"] == joined["newest"]).all()
    # traced: each row is one quote of core.cloud_price with that price
    traced = run(
        db,
        "SELECT count(*) AS n FROM core.latest_cloud_price l JOIN core.cloud_price c "
        "USING (source, sha256, row_number) WHERE c.usd_per_accelerator_hour = "
        "l.usd_per_accelerator_hour AND c.observed_at = l.observed_at",
    )
    assert traced["n"][0] == latest.height


def test_cheapest_pflop_day_by_month_falls_and_traces(db):
    result = run(db, section("`analysis.cheapest_pflop_day_by_month`"))
    assert result["month_on"].is_unique().all()
    # BF16 only on chips that compute it: the series starts with the A100 (no V100 since issue 19)
    assert result["month_on"].min().isoformat() == "2020-12-01"
    assert (result["robust_usd_per_pflop_day"] >= result["usd_per_pflop_day"]).all()
    assert result["n_providers"].min() >= 1
    # PFLOP/s-day = hourly price x 24 / peak PFLOP/s (utilisation 1 in a default build)
    full = run(
        db,
        "SELECT * FROM analysis.cheapest_pflop_day_by_month WHERE precision = 'bf16' "
        "AND pricing = 'on_demand'",
    )
    implied = full["usd_per_accelerator_hour"] * 24 / (full["peak_flop_per_s"] / 1e15)
    assert ((full["usd_per_pflop_day"] - implied).abs() / implied).max() < 1e-9
    early = result.filter(pl.col("month_on").dt.year() == 2020)["usd_per_pflop_day"].min()
    late = result.filter(pl.col("month_on").dt.year() >= 2025)["usd_per_pflop_day"].min()
    assert late < early / 5  # an A100 at ~$390 in 2020; under $100 since 2025
    # no cheaper price of that month and pricing in price_performance than the one shown
    cheaper = run(
        db,
        "SELECT count(*) AS n FROM analysis.price_performance p "
        "JOIN analysis.cheapest_pflop_day_by_month m ON p.precision = m.precision "
        "AND p.basis = 'cloud_' || m.pricing "
        "AND date_trunc('month', p.priced_on) = m.month_on "
        "WHERE p.usd_per_pflop_day < m.usd_per_pflop_day",
    )
    assert cheaper["n"][0] == 0


def test_frontier_models_with_hardware_and_cost(db):
    result = run(db, section("`core.frontier_model`"))
    assert result.height == 10
    assert result["training_compute_flop"].is_sorted(descending=True)
    assert result["training_compute_flop"].min() > 1e25
    grok3 = result.filter(name="Grok 3").row(0, named=True)
    assert grok3["hardware_name"] == "NVIDIA H100 SXM5 80GB"
    assert grok3["hardware_quantity"] == 80_000
    assert 1e8 < grok3["training_cost_musd"] * 1e6 < 1e9
    flags = run(db, "SELECT count(*) AS n, count(*) FILTER (is_frontier) AS f FROM core.model")
    frontier = run(db, "SELECT count(*) AS n FROM core.frontier_model")
    assert frontier["n"][0] == flags["f"][0] > 100


def test_trend_summary_says_what_the_numbers_say(db):
    result = run(db, section("`analysis.trend_summary`"))
    compute = result.filter(metric="training_compute_flop", subset="notable 2010-01-01..")
    [summary] = compute["summary"]
    assert summary.startswith("doubles every 0.")  # ~6 months (Epoch: 4-5x a year)
    assert 3 < compute["growth_factor_per_year"][0] < 6
    full = run(db, "SELECT * FROM analysis.trend_summary")
    latest = run(db, "SELECT * FROM analysis.trend_latest")
    assert full.height == latest.height
    for row in full.iter_rows(named=True):
        text = row["summary"]
        if text.startswith("no clear trend"):
            continue
        word = "doubles" if row["doubling_time_years"] > 0 else "halves"
        assert text.startswith(f"{word} every {abs(row['doubling_time_years']):.2f} years")
        assert (row["growth_factor_per_year"] > 1) == (row["doubling_time_years"] > 0)


def test_spec_sheet_of_nvidia_data_centre_chips(db):
    result = run(db, section("`core.accelerator_spec_sheet`"))
    assert result["name"].to_list() == [
        "NVIDIA Tesla V100 SXM2 32 GB",  # FP16 tensor cores, no BF16
        "NVIDIA A100 SXM4 80 GB",
        "NVIDIA H100 SXM5 80GB",
        "NVIDIA B200",
        "NVIDIA H200 SXM",
    ]
    h100 = result.filter(name="NVIDIA H100 SXM5 80GB").row(0, named=True)
    assert h100["memory_gb"] == 80
    assert h100["bf16_tflop_per_s"] == pytest.approx(989.4, rel=1e-3)
    assert 8 < h100["on_demand_usd_per_accelerator_hour"] < 15
    assert "gcp" in h100["cloud_providers"]
    # only chips with a tensor throughput, one row each
    sheet = run(db, "SELECT * FROM core.accelerator_spec_sheet")
    assert sheet["hardware_id"].is_unique().all()
    v100 = result.filter(name="NVIDIA Tesla V100 SXM2 32 GB").row(0, named=True)
    assert v100["bf16_tflop_per_s"] is None and v100["fp16_tensor_tflop_per_s"] == 125
    tensor = [
        "tf32_flop_per_s",
        "fp16_tensor_flop_per_s",
        "bf16_flop_per_s",
        "fp8_flop_per_s",
        "int8_op_per_s",
    ]
    assert sheet.select(pl.any_horizontal(pl.col(tensor).is_not_null())).to_series().all()


def test_price_quality_counts_the_suspect_quotes_of_each_source(db):
    result = run(db, section("`meta.price_quality`"))
    by_source = {r["source"]: r for r in result.iter_rows(named=True)}
    gcp = by_source["gcp_pricing"]
    # GCP's northamerica-northeast2 A2 prices lack the GPU charge until 2024-07
    assert gcp["accelerator_charge_missing"] > 500 and gcp["suspect_quotes"] >= 537
    assert by_source["fsdl_cloud_gpus"]["below_other_providers"] > 0
    suspect = run(db, section("Which quotes were judged suspect"))
    assert suspect.height == 5 and (suspect["region"] == "northamerica-northeast2").all()
    assert suspect["suspect_reason"].str.contains("charge").all()
    # the $0.605 A100-hour of the issue is flagged, and no month's cheapest figure rests on it
    cheapest = run(
        db,
        "SELECT count(*) AS n FROM analysis.cheapest_pflop_day_by_month m JOIN core.cloud_price c "
        "USING (source, sha256, row_number) WHERE c.is_suspect",
    )
    assert cheapest["n"][0] == 0


def test_data_dictionary_query_describes_the_view(db):
    from schemas.views import LATEST_CLOUD_PRICE

    result = run(db, section("What do the columns mean"))
    assert result["column_name"].to_list() == LATEST_CLOUD_PRICE.column_names
    assert result.filter(column_name="usd_per_accelerator_hour")["unit"][0] == (
        "USD/(accelerator*h)"
    )


def test_mlperf_benchmark_progress_names_its_factors(db):
    result = run(db, section("`analysis.mlperf_benchmark_progress`"))
    assert result.height == 20 and result["benchmark"].is_unique().all()
    resnet = result.filter(benchmark="resnet").row(0, named=True)
    # 6.24 min (v0.5, 80 DGX-1) -> 0.18 min (v3.0, 3,584 H100): tests/e2e/test_mlperf_progress_*
    assert (resnet["first_best_minutes"], resnet["best_minutes"]) == (6.24, 0.18)
    assert (resnet["times_faster"], resnet["times_cheaper"]) == (34.1, 5.0)
    assert resnet["time_trend"].startswith("halves every")


def test_resnet_round_by_round(db):
    result = run(db, section("How much faster and cheaper did training ResNet-50"))
    assert result["round"].to_list() == [
        "v0.5", "v0.6", "v0.7", "v1.0", "v1.1", "v2.0", "v2.1", "v3.0", "v3.1", "v4.0"
    ]  # fmt: skip
    # a frontier never gets worse, and the last row is the view's factor
    assert result["best_minutes"].is_sorted(descending=True)
    assert result["cheapest_usd"].is_sorted(descending=True)
    last = result.row(-1, named=True)
    assert (last["speedup_since_v05"], last["cost_reduction_since_v05"]) == (34.1, 5.0)
    # v1.1: NVIDIA's 4,320 A100s in 0.347 min (NVIDIA's v1.1 summarizer.csv: 0.3470333)
    v11 = result.filter(round="v1.1").row(0, named=True)
    assert v11["fastest_chips"] == 4320 and v11["best_minutes"] == 0.35


def test_imagenet_series_records(db):
    result = run(db, section("The ImageNet series from DAWNBench into MLPerf"))
    assert result["reported_on"].is_sorted()
    first = result.row(0, named=True)
    # DAWNBench's first ImageNet entry, ResNet-152 on 8 K80s: 244 h and $1,112.64 as submitted
    assert (first["series_source"], first["hours"], first["cost_usd"]) == (
        "dawnbench",
        243.999,
        1112.64,
    )
    assert set(result["series_source"]) == {"dawnbench", "mlperf"}
    assert result.filter(series_source="mlperf")["target_value"].is_in([0.749, 0.759]).all()
