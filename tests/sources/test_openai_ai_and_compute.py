"""OpenAI's "AI and Compute" (2018) data points (sources/openai_ai_and_compute.py), read from the
bundled version: petaflop/s-days converted to FLOP."""

from datetime import date

import polars as pl
import pytest

from sources import openai_ai_and_compute
from sources.snapshots import SnapshotStore


def test_openai_points_convert_petaflop_s_days_to_flop():
    _, rows = openai_ai_and_compute.estimates(SnapshotStore().latest("openai_ai_and_compute"))
    assert rows.height == 20
    alpha_go_zero = rows.filter(pl.col("entity") == "AlphaGoZero").row(0, named=True)
    # OpenAI, "AI and Compute" (2018): AlphaGo Zero at ~1,860 petaflop/s-days
    assert alpha_go_zero["value"] == pytest.approx(1862 * 8.64e19)
    assert alpha_go_zero["published_on"] == date(2017, 10, 19)
