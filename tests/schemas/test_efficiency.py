"""schemas/efficiency.py: core.algorithmic_efficiency accepts every record of the bundled
efficiency frontier with its reduction factor and rejects a capability it does not know; the
capability and method checks accept exactly the module's values; the efficiency tables are
the three efficiency tables and the CPU-GPU ones."""

import polars as pl
import pytest

from analyses.algorithmic_efficiency import frontier
from schemas.cpu_gpu import CPU_GPU_TABLES
from schemas.effective_compute import EFFECTIVE_COMPUTE_TREND
from schemas.efficiency import (
    ALGORITHMIC_EFFICIENCY,
    ALGORITHMIC_EFFICIENCY_TREND,
    CAPABILITIES,
    EFFICIENCY_TABLES,
    TREND_METHODS,
)
from schemas.validation import split_valid
from sources import registry


@pytest.fixture(scope="module")
def records(bundled_store) -> pl.DataFrame:
    snapshot = bundled_store.latest("algorithmic_efficiency")
    return frontier(registry.parsed(snapshot).entries).with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )


def test_every_real_frontier_record_loads(records):
    valid, rejects = split_valid(records, ALGORITHMIC_EFFICIENCY)
    assert rejects.height == 0 and valid.height == records.height > 5
    assert set(valid["capability"]) == set(CAPABILITIES)
    assert ALGORITHMIC_EFFICIENCY.unit("compute_to_capability_flop") == "FLOP"


def test_an_unknown_capability_is_rejected(records):
    broken = records.head(1).with_columns(capability=pl.lit("VGG"))  # fault: no such level
    _, rejects = split_valid(broken, ALGORITHMIC_EFFICIENCY)
    assert rejects["reason"].to_list() == [f"capability failed isin({CAPABILITIES}) (value VGG)"]


def test_checks_keys_and_the_table_list():
    (capability,) = ALGORITHMIC_EFFICIENCY.columns["capability"].checks
    assert capability.statistics == {"allowed_values": CAPABILITIES}
    (method,) = ALGORITHMIC_EFFICIENCY_TREND.columns["trend_method"].checks
    assert method.statistics == {"allowed_values": TREND_METHODS}
    assert ALGORITHMIC_EFFICIENCY.key == ("capability", "publication")
    assert ALGORITHMIC_EFFICIENCY_TREND.key == ("capability",)
    assert (
        ALGORITHMIC_EFFICIENCY,
        ALGORITHMIC_EFFICIENCY_TREND,
        EFFECTIVE_COMPUTE_TREND,
        *CPU_GPU_TABLES,
    ) == EFFICIENCY_TABLES
