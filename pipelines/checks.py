"""Checks of the warehouse's tables, each declared once beside the asset that writes its table.

A `Rule` is one check: an asset gives its rules to `tables.table_asset`, Dagster shows each
as the table's check (`spec`), and the step that writes the table evaluates it right after the
write (`run`, called by `tables.results_for`), so a check costs no step of its own. Every table
and view also gets `matches_schema`, generated from its schema by pipelines/tables.py. A blocking rule that fails (severity ERROR) fails the writing step, so
nothing downstream runs on a table that broke it; WARN rules report and never block.
"""

from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import polars as pl

from schemas import SNAPSHOT, Table
from warehouse import Warehouse
from warehouse.ddl import qualified

Evaluate = Callable[[Warehouse], dg.AssetCheckResult]


@dataclass(frozen=True)
class Rule:
    table: Table
    name: str
    description: str
    evaluate: Evaluate
    blocking: bool = True

    @property
    def asset_key(self) -> dg.AssetKey:
        return dg.AssetKey([self.table.schema, self.table.name])

    @property
    def key(self) -> dg.AssetCheckKey:
        return dg.AssetCheckKey(self.asset_key, self.name)

    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(
            self.name, asset=self.asset_key, description=self.description, blocking=self.blocking
        )

    def run(self, warehouse: Warehouse) -> dg.AssetCheckResult:
        return self.evaluate(warehouse)._replace(asset_key=self.asset_key, check_name=self.name)


def rule(table: Table, description: str, name: str | None = None, blocking: bool = True):
    """Decorator: a function `(warehouse) -> AssetCheckResult` as a `Rule` of `table`."""

    def declare(evaluate: Evaluate) -> Rule:
        return Rule(table, name or evaluate.__name__, description, evaluate, blocking)

    return declare


def rows_accounted_for(table: Table, source: str) -> Rule:
    """Every record read from the loaded snapshot of `source` is loaded or quarantined."""

    @rule(
        table,
        f"Every record read from the {source} snapshot is in {table.qualified_name} "
        "or in meta.quarantine (rows_read = rows_loaded + rows_quarantined).",
        name=f"rows_accounted_for_{source}",
    )
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        ledger = warehouse.query(
            f"SELECT s.version, s.rows_read, s.rows_loaded, s.rows_quarantined, "
            f"(SELECT count(DISTINCT t.row_number) FROM {qualified(table)} t WHERE t.source = s.source "
            f"AND t.sha256 = s.sha256) AS rows_in_table "
            f"FROM {qualified(SNAPSHOT)} s WHERE s.source = ? AND s.rows_read IS NOT NULL "
            "ORDER BY s.loaded_at DESC LIMIT 1",
            [source],
        )
        if ledger.height == 0:
            return dg.AssetCheckResult(
                passed=False, description=f"meta.snapshot has no load of {source}: run raw/{source}"
            )
        row = ledger.row(0, named=True)
        passed = (
            row["rows_read"] == row["rows_loaded"] + row["rows_quarantined"]
            and row["rows_loaded"] == row["rows_in_table"]
        )
        return dg.AssetCheckResult(
            passed=passed,
            description=None
            if passed
            else "records went missing between read and load: "
            "compare meta.snapshot with the table and meta.quarantine",
            metadata={k: v for k, v in row.items()},
        )

    return _check


def versions_accounted_for(source: str, tables: tuple[Table, ...]) -> Rule:
    """Every version of `source`: rows read = rows in `tables` + rows quarantined (the check
    sits on the first table; the step writes all of `tables` before it is evaluated)."""

    @rule(
        tables[0],
        f"Every row read from every {source} version is in "
        f"{' or '.join(t.qualified_name for t in tables)} or in meta.quarantine "
        "(rows_read = rows_loaded + rows_quarantined).",
        name=f"rows_accounted_for_{source}",
    )
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        union = " UNION ALL ".join(
            f"SELECT source, sha256, row_number FROM {qualified(t)}" for t in tables
        )
        ledger = warehouse.query(
            f"WITH landed AS ({union}) "
            "SELECT s.version, s.rows_read, s.rows_loaded, s.rows_quarantined, "
            "(SELECT count(DISTINCT l.row_number) FROM landed l WHERE l.source = s.source "
            " AND l.sha256 = s.sha256) AS rows_in_tables, "
            "(SELECT count(*) FROM meta.quarantine q WHERE q.source = s.source "
            " AND q.sha256 = s.sha256) AS rows_in_quarantine "
            f"FROM {qualified(SNAPSHOT)} s WHERE s.source = ? AND s.rows_read IS NOT NULL",
            [source],
        )
        bad = ledger.filter(
            (pl.col("rows_read") != pl.col("rows_loaded") + pl.col("rows_quarantined"))
            | (pl.col("rows_loaded") != pl.col("rows_in_tables"))
            | (pl.col("rows_quarantined") != pl.col("rows_in_quarantine"))
        )
        return dg.AssetCheckResult(
            passed=ledger.height > 0 and bad.height == 0,
            description=(
                f"meta.snapshot has no load of {source}"
                if ledger.height == 0
                else f"{bad.height} of {ledger.height} versions do not add up: "
                f"{bad['version'].head(5).to_list()}"
                if bad.height
                else None
            ),
            metadata={
                "versions": ledger.height,
                "rows_read": int(ledger["rows_read"].sum()) if ledger.height else 0,
                "rows_loaded": int(ledger["rows_loaded"].sum()) if ledger.height else 0,
            },
        )

    return _check


def linked_to_hardware(table: Table, goal: float, what: str, share: str, unlinked: str) -> Rule:
    """At least `goal` of `what` (rows of `table`) name a hardware_id: named read `share`
    gives (share, n), `unlinked` lists the spellings left without one, shown in the UI."""

    @rule(
        table,
        f"At least {goal:.0%} of {what} name a hardware_id (the spellings left without one "
        "are listed).",
        name="linked_to_hardware",
    )
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        found = warehouse.named(share).row(0, named=True)
        return dg.AssetCheckResult(
            passed=found["n"] > 0 and found["share"] >= goal,
            metadata={
                "share": round(found["share"] or 0.0, 4),
                "rows": found["n"],
                "unlinked": dg.MetadataValue.md(markdown_table(warehouse.named(unlinked))),
            },
        )

    return _check


def markdown_table(frame: pl.DataFrame) -> str:
    """A small frame as a Markdown table for check and asset metadata."""
    if frame.height == 0:
        return "none"
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + " --- |" * frame.width]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines)
