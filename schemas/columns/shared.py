"""Columns shared by every domain: identifiers and provenance (hardware id, source, file
sha256, row number, run id, unit, a mention's context and occurrences)."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column

SHARED_COLUMNS: dict[str, pa.Column] = {
    "hardware_id": column(
        pl.String,
        "Canonical accelerator id: a lower-case slug of the vendor's product name "
        "(e.g. 'nvidia-h100-sxm5-80gb'); every source's spelling resolves to it.",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[a-z0-9]+(-[a-z0-9.]+)*$")],
    ),
    "source": column(
        pl.String,
        "Upstream source the row came from (a module name in sources/, e.g. 'epoch_hardware').",
        nullable=False,
    ),
    "sha256": column(
        pl.String,
        "SHA-256 of the raw upstream file version the row was read from.",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[0-9a-f]{64}$")],
    ),
    "row_number": column(
        pl.Int64,
        "1-based number of the row read from the upstream file version (header excluded): a "
        "record, or for price tables one price quote (record_number says which record).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    "run_id": column(pl.String, "Dagster run that wrote the row (null outside Dagster)."),
    "unit": column(pl.String, "Unit of the values (null for identifiers, counts and text)."),
    "context": column(
        pl.String,
        "Where in the upstream record the value was found (a column or key name).",
        nullable=False,
    ),
    "occurrences": column(
        pl.Int64, "How many upstream records carry it.", nullable=False, checks=[pa.Check.ge(1)]
    ),
}
