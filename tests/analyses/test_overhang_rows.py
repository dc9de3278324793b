"""Every scenario's rows valid for `analysis.overhang_estimate`, the headline and the plots.
Overhang arithmetic against hand-computed values, on the real rows' values of
`_overhang_testkit.py`."""

from datetime import date

import polars as pl

from analyses.overhang_costs import (
    budget_multiples,
    reference_model,
    training_compute,
    training_cost,
)
from analyses.overhang_plots import best_usd_per_pflop_day_png, tokens_per_s_png
from analyses.overhang_prices import amortised_purchase, best_available
from analyses.overhang_rows import headline
from analyses.overhang_tokens import inference_on_training_compute
from schemas.overhang import OVERHANG_ESTIMATE
from tests.analyses._overhang_testkit import MODELS, PNG, PRICE_PERFORMANCE


def test_all_scenarios_make_valid_rows_with_a_headline_and_plots(best):
    reference = reference_model(MODELS, "gpt-4-mar-2023")
    rows = pl.concat(
        [
            inference_on_training_compute(
                MODELS, flop_per_parameter_per_token=2, tokens_per_s_per_stream=30
            ),
            amortised_purchase(PRICE_PERFORMANCE, utilisation=0.4, amortisation_days=365),
            best_available(best, utilisation=0.4, amortisation_days=365),
            training_compute(MODELS),
            training_cost(best, reference),
            budget_multiples(best, reference, budget_usd=1e9),
        ]
    ).with_columns(as_of=pl.lit(date(2026, 12, 3)))
    OVERHANG_ESTIMATE.pandera.validate(OVERHANG_ESTIMATE.select(rows))
    top = headline(rows, "gpt-4-mar-2023")
    latest = top.filter(pl.col("scenario") == "budget")
    assert latest.select("subject", "value", "price").rows() == [
        ("cloud_spot/2023", "117.9", "nvidia-a100-sxm4-40gb 2023-05-25 gcp_pricing"),
        ("purchase/2023", "124", "nvidia-geforce-rtx-4090 2022-09-20"),
    ]
    assert {"tokens_per_s", "parallel_streams", "training_compute_pflop_days"} <= set(
        top.filter(pl.col("subject") == "gpt-4-mar-2023")["quantity"]
    )
    assert tokens_per_s_png(rows).startswith(PNG)
    assert best_usd_per_pflop_day_png(rows).startswith(PNG)
