"""Columns declared once: name, dtype, unit, description and value checks.

A column means the same thing in every table that lists it (`hardware_id`, `source`, ...).
Tables in this package pick columns from `COLUMNS` by name; DuckDB DDL, COMMENT ON, the
Dagster column schema and `meta.data_dictionary` are all generated from these declarations.
`COLUMNS` is the one place to look a column up; each is declared (`declare.column`) in the
module of its domain: `shared`, `hardware`, `models`, `prices`, `dawnbench`.
"""

from __future__ import annotations

import pandera.polars as pa

from schemas.columns.dawnbench import DAWNBENCH_COLUMNS
from schemas.columns.hardware import HARDWARE_COLUMNS
from schemas.columns.mlperf import MLPERF_COLUMNS
from schemas.columns.models import MODEL_COLUMNS
from schemas.columns.prices import PRICE_COLUMNS
from schemas.columns.shared import SHARED_COLUMNS

_DOMAINS = (
    SHARED_COLUMNS,
    HARDWARE_COLUMNS,
    MODEL_COLUMNS,
    PRICE_COLUMNS,
    DAWNBENCH_COLUMNS,
    MLPERF_COLUMNS,
)
COLUMNS: dict[str, pa.Column] = {}
for _domain in _DOMAINS:
    assert not _domain.keys() & COLUMNS.keys(), "a column is declared in two domains"
    COLUMNS |= _domain
