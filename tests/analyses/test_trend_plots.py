"""analyses/trend_plots.py draws fits of the real core.model excerpt of _trend_inputs_testkit.py
(the training compute trends of analyses/trend_inputs_models.py): one colour per subset with its
line and band in an 800 x 500 palette PNG, and each legend's rate worded by its sign."""

import io

import pytest
from PIL import Image

from analyses.trend_estimates import fit_all
from analyses.trend_inputs_models import compute_inputs
from analyses.trend_plots import rate_label, trend_png
from tests.analyses._trend_inputs_testkit import MODELS

COLOURS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40)]  # C0 .. C3


@pytest.fixture(scope="module")
def fitted():
    fits, skipped = fit_all(compute_inputs(MODELS), n_resamples=1000)
    assert skipped == []
    return fits


def test_one_colour_per_subset(fitted) -> None:
    image = Image.open(io.BytesIO(trend_png(fitted, "Training compute")))
    image.load()
    assert (image.format, image.size, image.mode) == ("PNG", (800, 500), "P")
    seen = [c for _, c in image.convert("RGB").getcolors(256)]
    for colour in COLOURS:  # six subsets: C0 .. C5 drawn
        assert any(max(abs(a - b) for a, b in zip(c, colour, strict=True)) <= 2 for c in seen)


def test_rates_are_worded_by_their_sign(fitted) -> None:
    by_subset = {f.input.subset: f.fit.estimate for f in fitted}
    notable = by_subset["notable 2010-01-01.."]
    assert notable.doubling_time_years > 0
    assert rate_label(notable) == f"doubling {notable.doubling_time_years:.2f} y"
    # before 2010: Theseus, Perceptron Mark I, TD-Gammon, LeNet-5; no doubling time to state
    early = by_subset["notable ..2009-12-31"]
    assert (early.n, early.doubling_time_years, early.is_significant) == (4, None, False)
    assert (
        rate_label(early)
        == f"{early.pct_per_year:+.1f}%/y, not significant"
        == ("+65.7%/y, not significant")
    )
