"""Asset checks: one generated from each table's schema, and named business rules.

All are blocking: a table that fails them stops its downstream assets.
"""

import dagster as dg
import pandera.errors
import polars as pl

from pipelines.resources import WarehouseResource
from schemas import SNAPSHOT, Table
from warehouse.ddl import qualified

MAX_LISTED = 20


def schema_check(table: Table) -> dg.AssetChecksDefinition:
    """MATCHES_SCHEMA: the stored table passes its pandera schema (dtypes, nulls, ranges, key)."""

    @dg.asset_check(
        asset=dg.AssetKey([table.schema, table.name]),
        name="matches_schema",
        blocking=True,
        description=f"{table.qualified_name} as stored passes its schema: columns, dtypes, "
        "nullability, value checks and unique key.",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        frame = warehouse.query(f"SELECT * FROM {qualified(table)}")
        try:
            table.pandera.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as err:
            cases = err.failure_cases
            return dg.AssetCheckResult(
                passed=False,
                description=f"{cases.height} schema failures: look at the listed columns and checks",
                metadata={
                    "failures": dg.MetadataValue.md(_listing(cases.head(MAX_LISTED).to_dicts()))
                },
            )
        return dg.AssetCheckResult(passed=True, metadata={"rows": frame.height})

    return _check


def rows_accounted_for(table: Table, source: str) -> dg.AssetChecksDefinition:
    """ROWS_ACCOUNTED_FOR: every record read from the loaded snapshot is loaded or quarantined."""

    @dg.asset_check(
        asset=dg.AssetKey([table.schema, table.name]),
        name=f"rows_accounted_for_{source}",
        blocking=True,
        description=f"Every record read from the {source} snapshot is in {table.qualified_name} "
        "or in meta.quarantine (rows_read = rows_loaded + rows_quarantined).",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
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


def versions_accounted_for(source: str, tables: tuple[Table, ...]) -> dg.AssetChecksDefinition:
    """Every version of `source`: rows read = rows in `tables` + rows quarantined (the check
    sits on the first table)."""

    @dg.asset_check(
        asset=dg.AssetKey([tables[0].schema, tables[0].name]),
        name=f"rows_accounted_for_{source}",
        blocking=True,
        description=f"Every row read from every {source} version is in "
        f"{' or '.join(t.qualified_name for t in tables)} or in meta.quarantine "
        "(rows_read = rows_loaded + rows_quarantined).",
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
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


def _listing(cases: list[dict]) -> str:
    lines = ["| column | check | value | row |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {c['column']} | {c['check']} | {c['failure_case']} | {c['index']} |" for c in cases
    ]
    return "\n".join(lines)
