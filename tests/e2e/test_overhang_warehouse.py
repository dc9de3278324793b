"""Overhang estimates as built into the warehouse with everything else, at the default run
config: every scenario with its inputs, the figures recomputed from the upstream tables, and
cross-checks against published figures (Epoch's cost estimates, OpenAI's PFLOP/s-days)."""

import base64
import json
import re

import polars as pl
import pytest

import warehouse
from schemas.overhang import SCENARIOS
from tests.e2e.conftest import q

PNG = b"\x89PNG\r\n\x1a\n"
UTILISATION = 0.4  # OverhangConfig's default
PFLOP_DAY = 8.64e19  # FLOP in 1 PFLOP/s-day (OpenAI, "AI and Compute", 2018)


@pytest.fixture(scope="module")
def rows(db):
    return q(db, "SELECT * FROM analysis.overhang_estimate")


def value(rows, scenario, subject, quantity):
    return rows.filter(
        (pl.col("scenario") == scenario)
        & (pl.col("subject") == subject)
        & (pl.col("quantity") == quantity)
    )["value"].item()


def by_year(rows, scenario, basis):
    part = rows.filter(
        (pl.col("scenario") == scenario) & pl.col("subject").str.starts_with(f"{basis}/")
    )
    return dict(zip(part["year"], part["value"], strict=True))


def test_every_scenario_is_present_with_json_inputs_and_one_date(rows):
    assert set(rows["scenario"]) == set(SCENARIOS)
    assert rows["as_of"].n_unique() == 1
    for text in rows["inputs"]:
        assert isinstance(json.loads(text), dict)


def test_gpt4s_training_compute_would_generate_710_thousand_tokens_per_second(db, rows):
    # Epoch: GPT-4 (Mar 2023) 2.1e25 FLOP, 1.8e12 parameters, 95 days (8.208e6 s) of training:
    # 2.1e25 / (8.208e6 * 2 * 1.8e12) = 710,689 tokens/s; 23,690 streams at 30 tokens/s.
    scenario = "inference_on_training_compute"
    assert value(rows, scenario, "gpt-4-mar-2023", "tokens_per_s") == pytest.approx(710_688.76)
    assert value(rows, scenario, "gpt-4-mar-2023", "parallel_streams") == pytest.approx(23_689.63)
    usable = q(
        db,
        "SELECT count(*) n FROM core.model WHERE training_compute_flop > 0 AND parameters > 0 "
        "AND training_time_s > 0",
    )["n"].item()
    per_model = rows.filter(pl.col("scenario") == scenario)
    # a usable model gives tokens/s and streams, or one row saying why it is left out
    excluded = per_model.filter(pl.col("quantity") == "excluded_tokens_per_s").height
    assert per_model.height == 2 * (usable - excluded) + excluded and usable > 350
    assert 30 < excluded < 100
    # every row recomputes from the core.model row its inputs name: active parameters where
    # curated (mixture-of-experts), else the total
    models = q(
        db,
        "SELECT model_id, training_compute_flop, coalesce(active_parameters, parameters) AS p, "
        "training_time_s FROM core.model",
    )
    tokens = per_model.filter(pl.col("quantity") == "tokens_per_s").join(
        models, left_on="subject", right_on="model_id"
    )
    expected = tokens["training_compute_flop"] / (tokens["training_time_s"] * 2 * tokens["p"])
    assert (tokens["value"] - expected).abs().max() <= 1e-9 * expected.max()


def test_world_compute_chinchilla_at_the_defaults(rows):
    # p = sqrt(0.25 * 4e21 * 3e7 / (3 * 4 * 20 * 1)) = 1.118e13; 1e21 / (4 p) = 2.236e7 tokens/s
    world = "world_compute_chinchilla"
    assert value(rows, world, "world", "parameters") == pytest.approx(1.118034e13, rel=1e-6)
    assert value(rows, world, "world", "tokens_per_s") == pytest.approx(2.236068e7, rel=1e-6)
    assert value(rows, world, "world", "parallel_streams") == pytest.approx(447_213.6, rel=1e-6)
    inputs = json.loads(
        rows.filter((pl.col("scenario") == world) & (pl.col("quantity") == "parameters"))[
            "inputs"
        ].item()
    )
    assert inputs["world_flop_per_s"] == 4e21 and inputs["share"] == 0.25


def test_amortised_purchase_of_every_priced_chip_and_the_presets(db, rows):
    launch = q(db, "SELECT count(*) n FROM analysis.price_performance WHERE basis = 'launch_price'")
    bought = rows.filter(
        (pl.col("scenario") == "amortised_purchase") & ~pl.col("subject").str.starts_with("preset/")
    )
    assert bought.height == launch["n"].item() > 800
    # H100: $33,600 / (0.9894 PFLOP/s * 0.4 * 365 days) = $232.60 per PFLOP/s-day
    h100 = value(rows, "amortised_purchase", "nvidia-h100-sxm5-80gb/bf16", "usd_per_pflop_day")
    assert h100 == pytest.approx(232.60, abs=0.01)
    # the presets: $10,000 / (0.03 * 0.4 * 365) = $2,283.11; $1,000 / (0.125 * 0.4 * 365) = $54.79
    ten_k = value(
        rows, "amortised_purchase", "preset/usd-10000-at-30-tflops-1y", "usd_per_pflop_day"
    )
    one_k = value(
        rows, "amortised_purchase", "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day"
    )
    assert (ten_k, one_k) == (pytest.approx(2283.105, abs=1e-3), pytest.approx(54.795, abs=1e-3))
    # against the cloud: a $10,000 card at 30 TFLOPS costs more than any year's best cloud
    # price since 2022 (at most $349 per PFLOP/s-day, 2026's on-demand)
    for basis in ("cloud_on_demand", "cloud_spot", "cloud_reserved_3y"):
        recent = [v for y, v in by_year(rows, "best_available", basis).items() if y >= 2022]
        assert recent and max(recent) < ten_k / 5, basis


def test_best_price_of_each_year_recomputed_from_price_performance(db, rows):
    cloud = q(
        db,
        "SELECT basis, year(priced_on) AS year, min(usd_per_pflop_day * utilisation / ?) AS usd "
        "FROM analysis.price_performance WHERE precision = 'bf16' AND basis LIKE 'cloud_%' "
        "GROUP BY ALL",
        [UTILISATION],
    )
    for basis, year, usd in cloud.iter_rows():
        assert by_year(rows, "best_available", basis)[year] == pytest.approx(usd), (basis, year)
    bought = q(
        db,
        "SELECT y.year, min(p.price_usd / (p.peak_flop_per_s / 1e15 * ? * 365)) AS usd "
        "FROM analysis.price_performance p, range(2017, 2027) y(year) "
        "WHERE p.precision = 'bf16' AND p.basis = 'launch_price' "
        "AND year(p.priced_on) <= y.year GROUP BY ALL",
        [UTILISATION],
    )
    purchase = by_year(rows, "best_available", "purchase")
    assert purchase == pytest.approx(dict(bought.iter_rows()))
    # the cheapest BF16 purchase since 2023: the MI300X, $15,000 / (1.3074 * 0.4 * 365) =
    # $78.58. GeForce cards have no BF16 figure (their tensor figure is FP16 with FP16
    # accumulate), so the RTX 4070 Super's $28.89 of the 2026-12-03 build is gone.
    assert purchase[2026] == pytest.approx(78.583, abs=1e-3)
    best = rows.filter(
        (pl.col("scenario") == "best_available") & (pl.col("subject") == "purchase/2026")
    )
    assert json.loads(best["inputs"].item())["price"]["hardware_id"] == "amd-instinct-mi300x"


def test_cloud_prices_trace_to_a_quote(db, rows):
    spot = rows.filter(
        (pl.col("scenario") == "training_cost") & (pl.col("subject") == "cloud_spot/2023")
    )
    price = json.loads(spot["inputs"].item())["price"]
    quote = q(
        db,
        "SELECT usd_per_accelerator_hour FROM core.cloud_price WHERE source = ? AND sha256 = ? "
        "AND row_number = ?",
        [price["source"], price["sha256"], price["row_number"]],
    )
    assert quote["usd_per_accelerator_hour"].item() == price["usd_per_accelerator_hour"]


def test_training_compute_in_pflop_days_matches_openais_ai_and_compute(db, rows):
    """OpenAI's "AI and Compute" (2018) states compute in PFLOP/s-days (8.64e19 FLOP); Epoch's
    counts of the same models, converted here, agree within 30% for most of them."""
    openai = q(
        db,
        "SELECT model_id, value / ? AS pfs_days FROM core.model_estimate "
        "WHERE source = 'openai_ai_and_compute' AND quantity = 'training_compute_flop' "
        "AND model_id IS NOT NULL",
        [PFLOP_DAY],
    )
    ours = rows.filter(pl.col("scenario") == "training_compute").select(
        model_id="subject", ours="value"
    )
    ratios = openai.join(ours, on="model_id").select(pl.col("ours") / pl.col("pfs_days"))
    assert ratios.height >= 15
    assert 0.8 < ratios.to_series().median() < 1.25
    # "Attention is all you need": 0.089 PFLOP/s-days in OpenAI's chart
    assert value(rows, "training_compute", "transformer", "training_compute_pflop_days") == (
        pytest.approx(0.089, rel=0.05)
    )


def test_training_cost_is_within_an_order_of_magnitude_of_epochs(db, rows):
    """Epoch's cost of GPT-4 (Mar 2023) is $37.3M amortised (hardware and energy) and $81.4M
    at cloud rental prices. At frontier scale (datacenter chips in 8+ accelerator nodes, the
    robust price over providers, 40% utilisation), its compute bought in 2023 costs $19.1M
    (about half Epoch's amortised figure, which also counts energy and the cluster) and rented
    on demand $73.6M, within 10% of Epoch's cloud figure. Over the frontier models with an
    Epoch cost, the median ratio at the year's best price stays within an order of magnitude."""
    epoch, cloud = q(
        db,
        "SELECT training_cost_usd, training_cost_cloud_usd FROM core.model "
        "WHERE model_id = 'gpt-4-mar-2023'",
    ).row(0)
    assert epoch == pytest.approx(3.73e7, rel=0.01) and cloud == pytest.approx(8.14e7, rel=0.01)
    bought = value(rows, "training_cost", "purchase/2023", "training_cost_usd")
    assert 1 < epoch / bought < 10
    rented = value(rows, "training_cost", "cloud_on_demand/2023", "training_cost_usd")
    assert 0.5 < cloud / rented < 2
    frontier = q(
        db,
        "SELECT model_id, year(published_on) AS year, training_compute_flop, training_cost_usd "
        "FROM core.model WHERE is_frontier AND training_cost_usd IS NOT NULL "
        "AND training_compute_flop IS NOT NULL",
    )
    for basis in ("purchase", "cloud_on_demand"):
        best = pl.DataFrame(
            list(by_year(rows, "best_available", basis).items()),
            schema={"year": pl.Int64, "usd": pl.Float64},
            orient="row",
        )
        ratio = frontier.join(best, on="year").select(
            pl.col("training_cost_usd")
            / (pl.col("training_compute_flop") / PFLOP_DAY * pl.col("usd"))
        )
        assert ratio.height >= 25  # BF16 prices start in 2020 (the A100): no V100 rows
        assert 0.1 < ratio.to_series().median() < 10, basis


def test_a_billion_dollars_buys_gpt4s_compute_52_times_by_purchase(rows):
    costs = rows.filter(pl.col("scenario") == "training_cost")
    multiples = rows.filter(pl.col("scenario") == "budget")
    assert sorted(costs["subject"]) == sorted(multiples["subject"])
    joined = costs.join(multiples, on="subject", suffix="_budget")
    assert ((joined["value"] * joined["value_budget"]) / 1e9 - 1).abs().max() < 1e-9
    purchase = by_year(rows, "budget", "purchase")
    # 1e9 / (243,055.6 PFLOP/s-days * $78.58, an MI300X bought) = 52.4 since 2023 (142.4 on
    # GeForce cards before issue 19); a running best never falls
    assert purchase[2026] == pytest.approx(52.36, abs=0.01)
    # on demand at frontier scale: 13.6x in 2023 (146.6x on a RunPod A40 at $0.07 before)
    assert by_year(rows, "budget", "cloud_on_demand")[2023] == pytest.approx(13.6, abs=0.1)
    years = sorted(purchase)
    assert all(purchase[a] <= purchase[b] for a, b in zip(years, years[1:], strict=False))


def test_dawnbench_progress_factors_are_linked(db, rows):
    progress = q(db, "SELECT * FROM analysis.dawnbench_progress")
    linked = rows.filter(pl.col("scenario") == "dawnbench_progress")
    assert linked.filter(pl.col("quantity") == "speedup").height == progress.height
    assert linked.filter(pl.col("quantity") == "cost_reduction").height == (
        progress["cost_reduction"].is_not_null().sum()
    )
    entries = set(q(db, "SELECT entry_id FROM core.dawnbench_entry")["entry_id"])
    for text in linked["inputs"]:
        inputs = json.loads(text)
        assert {inputs["baseline_entry_id"], inputs["best_entry_id"]} <= entries
    # ImageNet training, fastest against the first day's fastest
    assert value(rows, "dawnbench_progress", "ImageNet/train/time", "speedup") == pytest.approx(
        progress.filter(
            (pl.col("task") == "ImageNet")
            & (pl.col("kind") == "train")
            & (pl.col("basis") == "time")
        )["speedup"].item()
    )


def test_asset_carries_the_headline_plots_and_config(built):
    _, result = built
    (event,) = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "analysis/overhang_estimate"
    ]
    metadata = event.materialization.metadata
    for name in ("tokens_per_s_plot", "best_price_plot"):
        encoded = re.search(r"base64,([A-Za-z0-9+/=]+)\)", metadata[name].value).group(1)
        assert base64.b64decode(encoded).startswith(PNG), name
    assert "| world_compute_chinchilla | world | parameters | 1.118e+13 |" in (
        metadata["headline"].value
    )
    assert metadata["config"].value["reference_model_id"] == "gpt-4-mar-2023"
    checks = {
        c.check_name: c.passed
        for c in result.get_asset_check_evaluations()
        if c.asset_key.to_user_string() == "analysis/overhang_estimate"
    }
    assert checks == {"matches_schema": True}


def test_no_per_model_rate_beyond_what_its_hardware_allows(db):
    # tokens/s = C / (T k p) <= chips x peak / (k p) exactly when implied utilisation <= 1
    over = warehouse.query(
        "SELECT o.subject FROM analysis.overhang_estimate o JOIN core.model m "
        "ON m.model_id = o.subject WHERE o.scenario = 'inference_on_training_compute' "
        "AND o.quantity = 'tokens_per_s' AND (m.implied_utilisation > 1 "
        "OR m.is_physically_implausible)",
        path=db,
    )
    assert over.height == 0
    rows = warehouse.query(
        "SELECT quantity, count(*) AS n FROM analysis.overhang_estimate "
        "WHERE scenario = 'inference_on_training_compute' GROUP BY ALL ORDER BY quantity",
        path=db,
    )
    # 396 models with compute, parameters and time: 334 estimated, 62 withheld
    assert rows.rows() == [
        ("excluded_tokens_per_s", 62),
        ("parallel_streams", 334),
        ("tokens_per_s", 334),
    ]
    # ReasonModernColBERT's 1.7e9 tokens/s (GTE-ModernColBERT's compute over a 2 h
    # fine-tune) is withheld with the reason
    withheld = warehouse.query(
        "SELECT value, json_extract_string(inputs, '$.excluded_reason') AS reason "
        "FROM analysis.overhang_estimate WHERE subject = 'reason-moderncolbert'",
        path=db,
    ).row(0, named=True)
    assert withheld["value"] == pytest.approx(1.7052e9, rel=1e-4)
    assert withheld["reason"].startswith("fine-tune of GTE-ModernColBERT-v1")


def test_olmoe_rate_uses_its_active_parameters(db):
    # 5.1742e22 FLOP / (1.0332e6 s x 2 x 1.3e9 active) = 1.9261e7 tokens/s (7e9 total: 3.6e6)
    row = warehouse.query(
        "SELECT value, json_extract_string(inputs, '$.parameters_basis') AS basis "
        "FROM analysis.overhang_estimate WHERE scenario = 'inference_on_training_compute' "
        "AND subject = 'olmoe' AND quantity = 'tokens_per_s'",
        path=db,
    ).row(0, named=True)
    assert row == {"value": pytest.approx(1.9261e7, rel=1e-3), "basis": "active"}
