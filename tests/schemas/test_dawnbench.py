"""schemas/dawnbench.py: the DAWNBench tables keep the warehouse contract's columns and keys,
their kind, basis and frontier checks accept exactly the module's values, and
core.dawnbench_curve accepts every curve row of the bundled snapshot as the pipeline marks it,
rejecting a repeated row and a percentage."""

import polars as pl
import pytest

from analyses.dawnbench_leaderboard import mark_first_at_target, time_to_target
from schemas.dawnbench import (
    BASES,
    DAWNBENCH_CURVE,
    DAWNBENCH_ENTRY,
    DAWNBENCH_FRONTIER,
    DAWNBENCH_PROGRESS,
    DAWNBENCH_TABLES,
    FRONTIERS,
)
from schemas.validation import split_valid
from sources import registry


@pytest.fixture(scope="module")
def curve_rows(bundled_store) -> pl.DataFrame:
    snapshot = bundled_store.latest("dawnbench")
    curves = registry.parsed(snapshot).curves
    return mark_first_at_target(curves, time_to_target(curves)).with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )


def test_contract_columns_and_keys():
    contract = {
        DAWNBENCH_ENTRY: ["entry_id", "task", "kind", "submitted_on", "team", "model"]
        + ["hardware_text", "hardware_id", "accelerator_count", "framework", "time_to_target_s"]
        + ["cost_usd", "latency_s", "target_metric", "target_value"],
        DAWNBENCH_PROGRESS: ["task", "baseline_entry_id", "best_entry_id", "speedup"]
        + ["cost_reduction", "basis"],
    }
    for table, names in contract.items():
        assert [n for n in names if n not in table.columns] == [], table
    assert DAWNBENCH_ENTRY.key == ("entry_id",)
    assert DAWNBENCH_CURVE.key == ("entry_id", "row_number")
    assert DAWNBENCH_TABLES == (
        DAWNBENCH_ENTRY,
        DAWNBENCH_CURVE,
        DAWNBENCH_PROGRESS,
        DAWNBENCH_FRONTIER,
    )


def test_kind_basis_and_frontier_accept_the_modules_values():
    checks = {
        (DAWNBENCH_ENTRY, "kind"): ["train", "inference"],
        (DAWNBENCH_PROGRESS, "basis"): list(BASES),
        (DAWNBENCH_FRONTIER, "frontier"): list(FRONTIERS),
    }
    for (table, name), allowed in checks.items():
        (check,) = table.columns[name].checks
        assert check.statistics == {"allowed_values": allowed}, (table, name)
    # `kind` here is an entry's kind, not an accelerator's: declared once for the three tables
    kinds = {t.columns["kind"].description for t in DAWNBENCH_TABLES if "kind" in t.columns}
    assert len(kinds) == 1 and "train" in kinds.pop()


def test_every_real_curve_row_loads(curve_rows):
    valid, rejects = split_valid(curve_rows, DAWNBENCH_CURVE)
    assert rejects.height == 0 and valid.height == curve_rows.height > 1000
    assert valid["is_first_at_target"].sum() > 0


def test_a_repeated_row_and_a_percentage_are_rejected(curve_rows):
    row = curve_rows.filter(pl.col("top5_accuracy").is_not_null()).head(1)
    # Fault injection: the same curve row twice, and once more with top-5 in percent.
    broken = pl.concat([row, row, row.with_columns(top5_accuracy=pl.col("top5_accuracy") * 100)])
    broken = broken.with_columns(row_number=pl.Series([1, 1, 2]).cast(pl.Int64))
    _, rejects = split_valid(broken, DAWNBENCH_CURVE)
    entry, percent = row["entry_id"].item(), row["top5_accuracy"].item() * 100
    assert rejects.rows() == [
        (1, f"duplicate key (entry_id={entry}, row_number=1) of row 1"),
        (2, f"top5_accuracy failed in_range(0, 1) (value {percent})"),
    ]
