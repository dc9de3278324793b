"""Loading a source's records: validate, quarantine the rest with their raw record, account
for every record read (pipelines/tables.py publishes the result)."""

import dagster as dg
import polars as pl

import warehouse
from schemas import Table
from schemas.validation import ROW_NUMBER, split_valid
from sources.snapshots import Snapshot

MAX_LOGGED_REJECTS = 20


def validate_records(
    context: dg.AssetExecutionContext,
    table: Table,
    snapshot: Snapshot,
    raw: pl.DataFrame,
    conformed: pl.DataFrame,
) -> tuple[pl.DataFrame, warehouse.Load]:
    """Valid rows of `conformed` (checked against `table`) and the load that accounts for every
    record of `raw`, the rejects carrying their raw record as JSON."""
    conformed = conformed.with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )
    valid, rejected = split_valid(conformed, table)
    rejects = rejected.join(raw_records(raw), on=ROW_NUMBER, how="left")
    log_rejects(context, f"records of {snapshot.source}", rejects)
    load = warehouse.Load(
        warehouse.SnapshotRecord.of(snapshot),
        rows_read=raw.height,
        rejects=rejects,
        rows_loaded=valid.height,
    )
    return valid, load


def log_rejects(context: dg.AssetExecutionContext, what: str, rejects: pl.DataFrame) -> None:
    """One warning for the rejects of a load: how many and the first reasons (every reject is
    in meta.quarantine). A warning per reject was an event row each in the Dagster instance."""
    if rejects.height == 0:
        return
    reasons = rejects["reason"].head(MAX_LOGGED_REJECTS).to_list()
    more = rejects.height - len(reasons)
    context.log.warning(
        f"quarantined {rejects.height} {what} (each in meta.quarantine):\n"
        + "\n".join(f"- {reason}" for reason in reasons)
        + (f"\n- and {more} more" if more else "")
    )


def raw_records(raw: pl.DataFrame) -> pl.DataFrame:
    """Each upstream record as JSON text, keyed by its row number."""
    fields = [c for c in raw.columns if c != ROW_NUMBER]
    return raw.select(ROW_NUMBER, record=pl.struct(fields).struct.json_encode())
