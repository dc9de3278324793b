"""Overhang estimates from warehouse frames: rows of `analysis.overhang_estimate`.

Every function takes its assumptions as keyword arguments (no defaults here: the defaults are
the Dagster run config's, documented in `pipelines/overhang.py`) and writes them, with the ids
and values of the upstream rows used, into each row's `inputs` JSON.
"""

from __future__ import annotations

import math

import polars as pl

from analyses.price_performance import PFLOP, SECONDS_PER_DAY

# 1 PFLOP/s sustained for a day, as OpenAI's "AI and Compute" (2018) defines a petaflop/s-day.
PFLOP_DAY_FLOP = PFLOP * SECONDS_PER_DAY
PURCHASE = "purchase"  # the basis of an amortised launch price, beside cloud_<pricing>
USD_PER_PFLOP_DAY = "USD/(PFLOP/s*day)"
PFLOP_DAYS = "PFLOP/s*day"
# Training FLOP per token are 3 forward passes' worth: the forward pass and a backward pass of
# twice its cost (Kaplan et al. 2020: C ~ 6ND = 3 x 2ND).
TRAINING_PASSES_PER_TOKEN = 3

ROW_SCHEMA = pl.Schema(
    {
        "scenario": pl.String,
        "subject": pl.String,
        "quantity": pl.String,
        "value": pl.Float64,
        "unit": pl.String,
        "inputs": pl.String,
        "year": pl.Int64,
        "dated_on": pl.Date,
    }
)
# What a chosen price is traced by: chip, date, price and the quote behind a cloud price.
PRICE_NAMED = ("hardware_id", "priced_on", "source")  # how the headline names a price
PRICE_TRACE = (
    "basis",
    "hardware_id",
    "precision",
    "priced_on",
    "peak_flop_per_s",
    "price_usd",
    "usd_per_accelerator_hour",
    "price_performance_utilisation",
    "provider",
    "region",
    "instance_type",
    "source",
    "sha256",
    "row_number",
)


def _rows(
    frame: pl.DataFrame,
    *,
    scenario: str,
    quantity: str,
    unit: str | None,
    subject: pl.Expr,
    value: pl.Expr,
    inputs: dict[str, pl.Expr],
    year: pl.Expr | None = None,
    dated_on: pl.Expr | None = None,
) -> pl.DataFrame:
    """`frame` as estimate rows: one per row of `frame`, `inputs` encoded as a JSON object."""
    return frame.select(
        scenario=pl.lit(scenario, pl.String),
        subject=subject.cast(pl.String),
        quantity=pl.lit(quantity, pl.String),
        value=value.cast(pl.Float64),
        unit=pl.lit(unit, pl.String),
        inputs=pl.struct(**inputs).struct.json_encode(),
        year=pl.lit(None) if year is None else year,
        dated_on=pl.lit(None) if dated_on is None else dated_on,
    ).cast(dict(ROW_SCHEMA))


def _assumptions(**values: float | str) -> dict[str, pl.Expr]:
    return {name: pl.lit(value) for name, value in values.items()}


def _fine_tune_includes_base() -> pl.Expr:
    """A fine-tune whose stated compute includes its base model's training (Epoch's
    convention: the compute exceeds the fine-tune's own, or that is not stated) while its
    training time is shorter than the base model's, i.e. the fine-tune's (GPT-4 (Jun 2023)
    repeats GPT-4's compute and time: one run, kept)."""
    base_run = pl.col("training_time_s") >= pl.col("base_training_time_s")
    return (
        pl.col("base_model").is_not_null()
        & (
            pl.col("finetune_compute_flop").is_null()
            | (pl.col("training_compute_flop") > pl.col("finetune_compute_flop") * (1 + 1e-9))
        )
        & ~base_run.fill_null(False)
    )


def inference_on_training_compute(
    models: pl.DataFrame, *, flop_per_parameter_per_token: float, tokens_per_s_per_stream: float
) -> pl.DataFrame:
    """Per model with training compute C, parameters p and training time T (`core.model`): the
    tokens per second its training cluster could generate, C / (T * k * p) with k FLOP per
    parameter per generated token, and how many streams of `tokens_per_s_per_stream` that is.

    p is `active_parameters` where curated (a mixture-of-experts model computes with its
    active experts only), else `parameters`; `parameters_basis` says which. Compute and time
    must describe one run: a model whose compute its stated hardware could not do in the
    stated time (`is_physically_implausible`) or a fine-tune whose compute includes its base
    model's (the time is the fine-tune's) gets no tokens_per_s row but one
    `excluded_tokens_per_s` row: the figure withheld, with `excluded_reason` in its inputs."""
    k = flop_per_parameter_per_token
    base = models.select(base_model="name", base_training_time_s="training_time_s")
    usable = (
        models.join(base, on="base_model", how="left")
        .filter(
            (pl.col("training_compute_flop") > 0)
            & (pl.col("parameters") > 0)
            & (pl.col("training_time_s") > 0)
        )
        .with_columns(
            parameters_used=pl.coalesce("active_parameters", "parameters"),
            parameters_basis=pl.when(pl.col("active_parameters").is_not_null())
            .then(pl.lit("active"))
            .otherwise(pl.lit("total")),
            excluded_reason=pl.when(pl.col("is_physically_implausible"))
            .then("physically implausible: " + pl.col("implausible_reason"))
            .when(_fine_tune_includes_base())
            .then(
                pl.format(
                    "fine-tune of {}: the compute ({} FLOP) includes the base model's training, "
                    "the training time is the fine-tune's",
                    pl.col("base_model"),
                    pl.col("training_compute_flop"),
                )
            ),
        )
    )
    usable = usable.with_columns(
        tokens_per_s=pl.col("training_compute_flop")
        / (pl.col("training_time_s") * k * pl.col("parameters_used"))
    )
    model = {
        c: pl.col(c)
        for c in (
            "model_id",
            "training_compute_flop",
            "parameters",
            "active_parameters",
            "parameters_basis",
            "parameters_used",
            "training_time_s",
            "implied_utilisation",
            "published_on",
            "versions",
        )
    }
    assumptions = {
        **_assumptions(flop_per_parameter_per_token=k),
        "formula": pl.lit(
            "training_compute_flop / (training_time_s * flop_per_parameter_per_token * "
            "parameters_used)"
        ),
    }
    common = {
        "scenario": "inference_on_training_compute",
        "subject": pl.col("model_id"),
        "dated_on": pl.col("published_on"),
    }
    kept = usable.filter(pl.col("excluded_reason").is_null())
    excluded = usable.filter(pl.col("excluded_reason").is_not_null())
    return pl.concat(
        [
            _rows(
                kept,
                **common,
                quantity="tokens_per_s",
                unit="token/s",
                value=pl.col("tokens_per_s"),
                inputs={**model, **assumptions},
            ),
            _rows(
                kept,
                **common,
                quantity="parallel_streams",
                unit=None,
                value=pl.col("tokens_per_s") / tokens_per_s_per_stream,
                inputs={
                    **model,
                    **assumptions,
                    "tokens_per_s": pl.col("tokens_per_s"),
                    **_assumptions(tokens_per_s_per_stream=tokens_per_s_per_stream),
                },
            ),
            _rows(
                excluded,
                **common,
                quantity="excluded_tokens_per_s",
                unit="token/s",
                value=pl.col("tokens_per_s"),
                inputs={**model, **assumptions, "excluded_reason": pl.col("excluded_reason")},
            ),
        ]
    )


def world_compute_chinchilla(
    *,
    world_flop_per_s: float,
    share: float,
    duration_s: float,
    tokens_per_parameter: float,
    token_equivalents_per_data_point: float,
    flop_per_parameter_per_token: float,
    tokens_per_s_per_stream: float,
) -> pl.DataFrame:
    """A Chinchilla-trained model on a share f of the world's accelerators W for N seconds:
    training costs 3*k*m*H*p**2 FLOP (m tokens per parameter, H token-equivalents per data
    point, k FLOP per parameter per token, 3 passes per training token: forward and a backward
    of twice its cost), so p = sqrt(f*W*N / (3*k*m*H)); run for inference on the same compute
    it generates f*W / (k*p) tokens per second."""
    flop_per_s = share * world_flop_per_s
    total_flop = flop_per_s * duration_s
    divisor = TRAINING_PASSES_PER_TOKEN * flop_per_parameter_per_token * tokens_per_parameter
    parameters = math.sqrt(total_flop / (divisor * token_equivalents_per_data_point))
    tokens_per_s = flop_per_s / (flop_per_parameter_per_token * parameters)
    inputs = _assumptions(
        world_flop_per_s=world_flop_per_s,
        share=share,
        duration_s=duration_s,
        tokens_per_parameter=tokens_per_parameter,
        token_equivalents_per_data_point=token_equivalents_per_data_point,
        flop_per_parameter_per_token=flop_per_parameter_per_token,
        training_passes_per_token=TRAINING_PASSES_PER_TOKEN,
    )
    streams = _assumptions(
        tokens_per_s=tokens_per_s, tokens_per_s_per_stream=tokens_per_s_per_stream
    )
    formula = {
        "parameters": "sqrt(share * world_flop_per_s * duration_s / (training_passes_per_token"
        " * flop_per_parameter_per_token * tokens_per_parameter"
        " * token_equivalents_per_data_point))",
        "tokens_per_s": "share * world_flop_per_s / (flop_per_parameter_per_token * parameters)",
        "parallel_streams": "tokens_per_s / tokens_per_s_per_stream",
        "training_compute_pflop_days": "share * world_flop_per_s * duration_s / "
        "(flop_per_pflop_s * seconds_per_day)",
    }
    one = pl.DataFrame({"subject": ["world"]})
    return pl.concat(
        _rows(
            one,
            scenario="world_compute_chinchilla",
            subject=pl.col("subject"),
            **{**row, "inputs": {**row["inputs"], "formula": pl.lit(formula[row["quantity"]])}},
        )
        for row in (
            dict(quantity="parameters", unit=None, value=pl.lit(parameters), inputs=inputs),
            dict(
                quantity="tokens_per_s",
                unit="token/s",
                value=pl.lit(tokens_per_s),
                inputs={**inputs, "parameters": pl.lit(parameters)},
            ),
            dict(
                quantity="parallel_streams",
                unit=None,
                value=pl.lit(tokens_per_s / tokens_per_s_per_stream),
                inputs={**inputs, **streams},
            ),
            dict(
                quantity="training_compute_pflop_days",
                unit=PFLOP_DAYS,
                value=pl.lit(total_flop / PFLOP_DAY_FLOP),
                inputs={
                    **inputs,
                    **_assumptions(
                        flop_per_pflop_s=PFLOP,
                        seconds_per_day=SECONDS_PER_DAY,
                        flop_per_pflop_day=PFLOP_DAY_FLOP,
                    ),
                },
            ),
        )
    )


def bought_usd_per_pflop_day(
    price_usd: pl.Expr, peak_flop_per_s: pl.Expr, utilisation: float, amortisation_days: float
) -> pl.Expr:
    """Dollars per PFLOP/s-day of a purchase: price / (peak PFLOP/s * utilisation * days)."""
    return price_usd / (peak_flop_per_s / PFLOP * utilisation * amortisation_days)


def amortised_purchase(
    launch_prices: pl.DataFrame, *, utilisation: float, amortisation_days: float
) -> pl.DataFrame:
    """Dollars per PFLOP/s-day of every accelerator and precision with a launch price
    (`analysis.price_performance` rows of basis launch_price), bought and used for
    `amortisation_days` at `utilisation` of peak."""
    priced = launch_prices.filter(pl.col("basis") == "launch_price")
    return _rows(
        priced,
        scenario="amortised_purchase",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject=pl.col("hardware_id") + "/" + pl.col("precision"),
        value=bought_usd_per_pflop_day(
            pl.col("price_usd"), pl.col("peak_flop_per_s"), utilisation, amortisation_days
        ),
        inputs={
            **{c: pl.col(c) for c in ("hardware_id", "precision", "basis", "priced_on")},
            **{c: pl.col(c) for c in ("price_usd", "peak_flop_per_s")},
            **_assumptions(utilisation=utilisation, amortisation_days=amortisation_days),
        },
        dated_on=pl.col("priced_on"),
    )


def purchase_presets(presets: pl.DataFrame, *, utilisation: float) -> pl.DataFrame:
    """Dollars per PFLOP/s-day of named hypothetical purchases (`name`, `price_usd`,
    `peak_flop_per_s`, `amortisation_days`), at `utilisation` of peak."""
    return _rows(
        presets,
        scenario="amortised_purchase",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject="preset/" + pl.col("name"),
        value=bought_usd_per_pflop_day(
            pl.col("price_usd"),
            pl.col("peak_flop_per_s"),
            utilisation,
            pl.col("amortisation_days"),
        ),
        inputs={
            **{c: pl.col(c) for c in presets.columns},
            **_assumptions(utilisation=utilisation),
        },
    )


def best_prices(
    price_performance: pl.DataFrame,
    *,
    precision: str,
    utilisation: float,
    amortisation_days: float,
) -> pl.DataFrame:
    """The cheapest dollars per PFLOP/s-day at `precision` of each year and basis: `purchase`
    (a chip's amortised launch price, available from its release year on, through the last
    year with any price), and each cloud pricing model (the year's cheapest quote, rescaled
    from price_performance's utilisation to `utilisation`; price_performance never picks a
    suspect quote). Ties: the first in hardware,
    source, version and row order. Columns: `year`, `usd_per_pflop_day` and `PRICE_TRACE`."""
    rows = price_performance.filter(pl.col("precision") == precision)
    launch = rows.filter(pl.col("basis") == "launch_price")
    cloud = rows.filter(pl.col("basis").str.starts_with("cloud_"))
    years = pl.concat([launch["priced_on"], cloud["priced_on"]]).dt.year()
    if years.is_empty():
        return pl.DataFrame(schema={"year": pl.Int64, "usd_per_pflop_day": pl.Float64})
    calendar = pl.DataFrame(
        {"year": range(years.min(), years.max() + 1)}, schema={"year": pl.Int64}
    )
    bought = (
        launch.join(calendar, how="cross")
        .filter(pl.col("year") >= pl.col("priced_on").dt.year())
        .with_columns(
            basis=pl.lit(PURCHASE),
            price_performance_utilisation=pl.lit(None, pl.Float64),
            usd_per_pflop_day=bought_usd_per_pflop_day(
                pl.col("price_usd"), pl.col("peak_flop_per_s"), utilisation, amortisation_days
            ),
        )
    )
    rented = cloud.with_columns(
        year=pl.col("priced_on").dt.year().cast(pl.Int64),
        price_performance_utilisation=pl.col("utilisation"),
        usd_per_pflop_day=pl.col("usd_per_pflop_day") * pl.col("utilisation") / utilisation,
    )
    columns = ["year", "usd_per_pflop_day", *PRICE_TRACE]
    both = pl.concat([bought.select(columns), rented.select(columns)], how="vertical_relaxed")
    return (
        both.sort("usd_per_pflop_day", "hardware_id", "source", "sha256", "row_number")
        .unique(["basis", "year"], keep="first", maintain_order=True)
        .sort("basis", "year")
    )


# What a frontier price row (`frontier_prices`) adds to the trace: the robust figure's support.
FRONTIER_SUPPORT = ("n_providers", "n_suspect_excluded", "cheapest_usd_per_pflop_day")


def frontier_prices(
    rented: pl.DataFrame,
    bought: pl.DataFrame,
    *,
    precision: str,
    cluster_overhead: float,
) -> pl.DataFrame:
    """One frame of frontier prices per basis and year in `best_prices`' shape plus
    FRONTIER_SUPPORT: `rented` from `analyses.frontier_prices.rented` (the robust figure over
    providers, overhead included), `bought` the purchase rows of `best_prices` over
    datacenter-class chips (times `cluster_overhead`; no providers behind them)."""
    cloud = rented.with_columns(
        precision=pl.lit(precision),
        price_usd=pl.lit(None, pl.Float64),
        price_performance_utilisation=pl.lit(None, pl.Float64),
    )
    purchase = bought.filter(pl.col("basis") == PURCHASE).with_columns(
        usd_per_pflop_day=pl.col("usd_per_pflop_day") * cluster_overhead,
        cheapest_usd_per_pflop_day=pl.col("usd_per_pflop_day") * cluster_overhead,
        n_providers=pl.lit(None, pl.Int64),
        n_suspect_excluded=pl.lit(None, pl.Int64),
    )
    columns = ["year", "usd_per_pflop_day", *PRICE_TRACE, *FRONTIER_SUPPORT]
    return pl.concat(
        [purchase.select(columns), cloud.select(columns)], how="vertical_relaxed"
    ).sort("basis", "year")


def _price(frontier: dict[str, float | str] | None = None) -> dict[str, pl.Expr]:
    """The chosen price of a `best_prices` (or `frontier_prices`) row, for `inputs`; a
    frontier price also carries its support and the rule's assumptions."""
    price = {"price": pl.struct(*PRICE_TRACE), "usd_per_pflop_day": pl.col("usd_per_pflop_day")}
    if frontier is None:
        return price
    support = {c: pl.col(c) for c in FRONTIER_SUPPORT}
    return {**price, **support, "frontier_rule": pl.struct(**_assumptions(**frontier))}


def best_available(
    best: pl.DataFrame, *, utilisation: float, amortisation_days: float
) -> pl.DataFrame:
    """Rows of the best dollars per PFLOP/s-day of each basis and year (`best_prices`)."""
    assumptions = _assumptions(utilisation=utilisation)
    return _rows(
        best,
        scenario="best_available",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=pl.col("usd_per_pflop_day"),
        inputs={
            "price": pl.struct(*PRICE_TRACE),
            **assumptions,
            "amortisation_days": pl.when(pl.col("basis") == PURCHASE).then(amortisation_days),
        },
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )


def training_compute(models: pl.DataFrame) -> pl.DataFrame:
    """Training compute of every model with an estimate, in PFLOP/s-days (8.64e19 FLOP)."""
    computed = models.filter(pl.col("training_compute_flop") > 0)
    return _rows(
        computed,
        scenario="training_compute",
        quantity="training_compute_pflop_days",
        unit=PFLOP_DAYS,
        subject=pl.col("model_id"),
        value=pl.col("training_compute_flop") / PFLOP_DAY_FLOP,
        inputs={
            **{c: pl.col(c) for c in ("model_id", "training_compute_flop", "versions")},
            "flop_per_pflop_day": pl.lit(PFLOP_DAY_FLOP),
        },
        dated_on=pl.col("published_on"),
    )


def reference_model(models: pl.DataFrame, model_id: str) -> dict[str, object]:
    """The reference model's row (a dict), which must have a training compute estimate."""
    found = models.filter(pl.col("model_id") == model_id)
    if found.height != 1:
        raise ValueError(f"reference model {model_id!r} is not a model_id of core.model")
    row = found.row(0, named=True)
    if not row["training_compute_flop"]:
        raise ValueError(f"reference model {model_id!r} has no training compute estimate")
    return row


def _reference(reference: dict[str, object]) -> dict[str, pl.Expr]:
    flop = reference["training_compute_flop"]
    return {
        "reference_model_id": pl.lit(reference["model_id"]),
        "training_compute_flop": pl.lit(flop),
        "training_compute_pflop_days": pl.lit(flop / PFLOP_DAY_FLOP),
    }


def training_cost(
    best: pl.DataFrame,
    reference: dict[str, object],
    frontier: dict[str, float | str] | None = None,
) -> pl.DataFrame:
    """What the reference model's compute costs at the dollars per PFLOP/s-day of each
    basis and year (`frontier_prices`: what a frontier run can rent at scale; `frontier` the
    rule's assumptions, written into `inputs`)."""
    pflop_days = reference["training_compute_flop"] / PFLOP_DAY_FLOP
    return _rows(
        best,
        scenario="training_cost",
        quantity="training_cost_usd",
        unit="USD",
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=pflop_days * pl.col("usd_per_pflop_day"),
        inputs={**_reference(reference), **_price(frontier)},
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )


def budget_multiples(
    best: pl.DataFrame,
    reference: dict[str, object],
    *,
    budget_usd: float,
    frontier: dict[str, float | str] | None = None,
) -> pl.DataFrame:
    """How many times the reference model's compute `budget_usd` buys at the dollars per
    PFLOP/s-day of each basis and year (as `training_cost`)."""
    cost = reference["training_compute_flop"] / PFLOP_DAY_FLOP * pl.col("usd_per_pflop_day")
    return _rows(
        best,
        scenario="budget",
        quantity="budget_multiple",
        unit=None,
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=budget_usd / cost,
        inputs={
            **_assumptions(budget_usd=budget_usd),
            **_reference(reference),
            **_price(frontier),
            "training_cost_usd": cost,
        },
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )


def dawnbench_progress(progress: pl.DataFrame) -> pl.DataFrame:
    """The speedups and cost reductions of `analysis.dawnbench_progress`, with the baseline
    and best entry ids they compare."""
    same_instance = pl.col("basis") == "same_instance"
    subject = pl.concat_str(
        "task",
        "kind",
        "basis",
        pl.when(same_instance).then(
            pl.col("instance_type") + "x" + pl.col("instance_count").cast(pl.String)
        ),
        separator="/",
        ignore_nulls=True,
    )
    inputs = {c: pl.col(c) for c in progress.columns if c not in ("speedup", "cost_reduction")}
    return pl.concat(
        _rows(
            progress.filter(pl.col(quantity).is_not_null()),
            scenario="dawnbench_progress",
            quantity=quantity,
            unit=None,
            subject=subject,
            value=pl.col(quantity),
            inputs=inputs,
            dated_on=pl.col("best_submitted_on"),
        )
        for quantity in ("speedup", "cost_reduction")
    )


def headline(rows: pl.DataFrame, reference_model_id: str) -> pl.DataFrame:
    """The figures to read first: the reference model's, the world scenario, the presets, and
    the by-year rows of the latest year of each basis (with the price they rest on); values to
    4 significant figures."""
    latest = pl.col("year") == pl.col("year").max().over(
        "scenario", pl.col("subject").str.extract(r"^([^/]+)/")
    )
    picked = rows.filter(
        (pl.col("subject") == reference_model_id)
        | (pl.col("scenario") == "world_compute_chinchilla")
        | pl.col("subject").str.starts_with("preset/")
        | (pl.col("year").is_not_null() & latest)
    )
    return picked.select(
        "scenario",
        "subject",
        "quantity",
        value=pl.col("value").map_elements(lambda v: f"{v:.4g}", return_dtype=pl.String),
        unit=pl.col("unit").fill_null(""),
        price=pl.concat_str(
            *(pl.col("inputs").str.json_path_match(f"$.price.{f}") for f in PRICE_NAMED),
            separator=" ",
            ignore_nulls=True,
        ),
    )
