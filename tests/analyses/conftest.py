"""Spec records of the real Epoch ML hardware snapshot, as the pipeline builds them; the best
prices of each year of the overhang tests' price rows; DAWNBench's bundled snapshot up to its
validated leaderboard entries (`dawnbench_*`)."""

import polars as pl
import pytest

from analyses.dawnbench_leaderboard import closest_list_prices, conform_entries, time_to_target
from analyses.hardware_ids import hardware_id_expr
from analyses.hardware_resolver import Resolver, resolve_mentions
from analyses.overhang_prices import best_prices
from schemas import SPEC_RECORD
from schemas.dawnbench import DAWNBENCH_ENTRY
from schemas.validation import split_valid
from sources import dawnbench as upstream
from sources import ec2instances_history, epoch_hardware
from tests.analyses._dawnbench_testkit import CATALOGUE
from tests.analyses._overhang_testkit import PRICE_PERFORMANCE, UTILISATION


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


@pytest.fixture(scope="session")
def dawnbench_snapshot(bundled_store):
    return bundled_store.latest("dawnbench")


@pytest.fixture(scope="session")
def dawnbench_curves(dawnbench_snapshot):
    return upstream.to_curves(upstream.parse_curves(dawnbench_snapshot))


@pytest.fixture(scope="session")
def dawnbench_times(dawnbench_curves):
    return time_to_target(dawnbench_curves)


@pytest.fixture(scope="session")
def dawnbench_aliases(dawnbench_snapshot, epoch_records):
    """The DAWNBench hardware texts resolved against Epoch's chips (no warehouse needed)."""
    mentions = upstream.hardware_mentions([dawnbench_snapshot]).filter(
        pl.col("context") == "hardware"
    )
    resolved, _ = resolve_mentions(
        mentions.select(alias="spelling", vendor_hint="vendor_hint", context="context"),
        Resolver(epoch_records["hardware_id"]),
    )
    return resolved.select("alias", "hardware_id")


@pytest.fixture(scope="session")
def dawnbench_on_demand(bundled_store):
    """Every on-demand quote of ec2instances.info's history (2013-2017), as core.cloud_price
    holds them."""
    quotes = [
        ec2instances_history.quotes(v).with_columns(
            source=pl.lit(v.source), sha256=pl.lit(v.sha256)
        )
        for v in bundled_store.versions("ec2instances_history")
    ]
    return pl.concat(quotes).filter(
        (pl.col("pricing") == "on_demand")
        & pl.col("parse_error").is_null()
        & pl.col("usd_per_hour").is_not_null()
    )


@pytest.fixture(scope="session")
def dawnbench_raw_entries(dawnbench_snapshot):
    return upstream.to_entries(upstream.parse_entries(dawnbench_snapshot))


@pytest.fixture(scope="session")
def dawnbench_conformed(
    dawnbench_snapshot,
    dawnbench_raw_entries,
    dawnbench_times,
    dawnbench_aliases,
    dawnbench_on_demand,
):
    prices = closest_list_prices(dawnbench_raw_entries, dawnbench_on_demand)
    return conform_entries(
        dawnbench_raw_entries, dawnbench_times, dawnbench_aliases, prices, CATALOGUE
    ).with_columns(source=pl.lit("dawnbench"), sha256=pl.lit(dawnbench_snapshot.sha256))


@pytest.fixture(scope="session")
def dawnbench_entries(dawnbench_conformed):
    valid, _ = split_valid(dawnbench_conformed, DAWNBENCH_ENTRY)
    return valid
