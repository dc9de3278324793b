"""Bookkeeping tables: snapshot ledger, quarantine and the data dictionary."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import UTC_TIMESTAMP, column
from schemas.table import Table, shared

_count_checks = [pa.Check.ge(0)]

SNAPSHOT = Table(
    "meta",
    "snapshot",
    "Every raw upstream file version in the snapshot store, with how its last load went.",
    {
        **shared("source"),
        "version": column(
            pl.String,
            "Snapshot version: retrieval date and content-hash prefix (YYYY-MM-DD-<sha256[:12]>).",
            nullable=False,
        ),
        "url": column(pl.String, "Upstream URL the file was (or is) fetched from.", nullable=False),
        **shared("sha256"),
        "retrieved_at": column(
            UTC_TIMESTAMP, "When the file was retrieved from upstream.", nullable=False
        ),
        "licence": column(
            pl.String, "Licence the upstream publishes the data under.", nullable=False
        ),
        "rows_read": column(
            pl.Int64,
            "Records read from this version at its last load (null: not loaded).",
            checks=_count_checks,
        ),
        "rows_loaded": column(
            pl.Int64, "Records of this version that landed in a table.", checks=_count_checks
        ),
        "rows_quarantined": column(
            pl.Int64, "Records of this version sent to meta.quarantine.", checks=_count_checks
        ),
        "loaded_at": column(UTC_TIMESTAMP, "When this version was last loaded."),
        **shared("run_id"),
    },
    key=("source", "version"),
)

QUARANTINE = Table(
    "meta",
    "quarantine",
    "Upstream records that failed parsing or validation, kept whole with the reason.",
    {
        **shared("source", "sha256", "row_number"),
        "record": column(pl.String, "The upstream record as JSON text, as read.", nullable=False),
        "reason": column(pl.String, "Why the record was not loaded.", nullable=False),
        "target_table": column(pl.String, "Table the record was meant for.", nullable=False),
        **shared("run_id"),
    },
    key=("source", "sha256", "row_number", "target_table"),
)

DATA_DICTIONARY = Table(
    "meta",
    "data_dictionary",
    "Every column of every warehouse table: type, unit and meaning.",
    {
        "table_name": column(pl.String, "Qualified table name (schema.table).", nullable=False),
        "column_name": column(pl.String, "Column name.", nullable=False),
        "data_type": column(pl.String, "DuckDB data type.", nullable=False),
        **shared("unit"),
        "description": column(pl.String, "What the column means.", nullable=False),
        "is_nullable": column(pl.Boolean, "Whether the column may be null.", nullable=False),
        "is_key": column(
            pl.Boolean, "Whether the column is part of the table's key.", nullable=False
        ),
    },
    key=("table_name", "column_name"),
)

UNRESOLVED_HARDWARE = Table(
    "meta",
    "unresolved_hardware",
    "Spellings of hardware seen in a dataset that no canonical accelerator could be "
    "matched to, with where they occur and why: reported, never guessed.",
    {
        **shared("alias", "source", "context", "occurrences"),
        "reason": column(pl.String, "Why the spelling was not resolved.", nullable=False),
        **shared("candidates"),
    },
    key=("alias", "source", "context"),
)
