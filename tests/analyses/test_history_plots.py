"""analyses/history_plots.py draws analysis.trend_history rows: cutoff fits of the notable
models' training compute (the real core.model excerpt of _trend_inputs_testkit.py) as of
2023-01-01 and 2026-01-01, as an 800 x 500 palette PNG with the series' line and band; a fit
without a doubling time is left out."""

import io
from datetime import date

import polars as pl
import pytest
from PIL import Image

from analyses.history_plots import doubling_history_png
from analyses.trend_estimates import published_trends
from analyses.trend_history import cutoff_vintages, fit_vintages, followed, history_rows
from analyses.trend_inputs_models import compute_inputs
from sources import curated
from tests.analyses._trend_inputs_testkit import MODELS

C0 = (31, 119, 180)


@pytest.mark.filterwarnings("ignore:No artists with labels found:UserWarning")
def test_doubling_times_as_estimated() -> None:
    inputs = followed(
        compute_inputs(MODELS), wanted=(("training_compute_flop", "notable 2010-01-01.."),)
    )
    dated = fit_vintages(cutoff_vintages(inputs, [date(2023, 1, 1), date(2026, 1, 1)], "test"))
    history = history_rows(dated, published_trends(curated.load("published_trends")))
    assert history["doubling_time_years"].null_count() == 0
    image = Image.open(io.BytesIO(doubling_history_png(history)))
    image.load()
    assert (image.format, image.size, image.mode) == ("PNG", (800, 500), "P")
    seen = [c for _, c in image.convert("RGB").getcolors(256)]
    assert any(max(abs(a - b) for a, b in zip(c, C0, strict=True)) <= 2 for c in seen)
    # without a doubling time nothing is drawn: the same image as of an empty history
    unfitted = history.with_columns(doubling_time_years=pl.lit(None, pl.Float64))
    assert doubling_history_png(unfitted) == doubling_history_png(history.head(0))
