"""Spec records of the real Epoch ML hardware snapshot, as the pipeline builds them; the best
prices of each year of the overhang tests' price rows."""

import polars as pl
import pytest
from _overhang_testkit import PRICE_PERFORMANCE, UTILISATION

from analyses.hardware_ids import hardware_id_expr
from analyses.overhang_prices import best_prices
from schemas import SPEC_RECORD
from schemas.validation import split_valid
from sources import epoch_hardware


@pytest.fixture(scope="session")
def epoch_raw(bundled_store) -> pl.DataFrame:
    return epoch_hardware.parse(bundled_store.latest("epoch_hardware").path())


@pytest.fixture(scope="session")
def epoch_records(bundled_store, epoch_raw) -> pl.DataFrame:
    snapshot = bundled_store.latest("epoch_hardware")
    conformed = epoch_hardware.to_spec_records(epoch_raw).with_columns(
        hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor")),
        source=pl.lit("epoch_hardware"),
        sha256=pl.lit(snapshot.sha256),
    )
    valid, _ = split_valid(conformed, SPEC_RECORD)
    return valid


@pytest.fixture(scope="module")
def best():
    """`best_prices` of `_overhang_testkit.PRICE_PERFORMANCE` at bf16, utilisation 0.4, 365 days."""
    return best_prices(
        PRICE_PERFORMANCE, precision="bf16", utilisation=UTILISATION, amortisation_days=365
    )
