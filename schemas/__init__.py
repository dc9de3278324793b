"""Pandera schemas: the single source of table and column names, dtypes, units, meanings."""

from schemas.dawnbench import DAWNBENCH_TABLES
from schemas.hardware import (
    BASES,
    HARDWARE,
    HARDWARE_ALIAS,
    HARDWARE_SPEC,
    PRECISIONS,
    PRICE_PERFORMANCE,
    SPEC_ATTRIBUTES,
    SPEC_RECORD,
    TEXT_ATTRIBUTES,
)
from schemas.meta import DATA_DICTIONARY, QUARANTINE, SNAPSHOT, UNRESOLVED_HARDWARE
from schemas.models import (
    MODEL,
    MODEL_COMPUTE_CHANGE,
    MODEL_ESTIMATE,
    MODEL_FIELDS,
    MODEL_RECORD,
)
from schemas.prices import CLOUD_PRICE, CLOUD_PRICE_CHANGE, HARDWARE_PRICE, PRICINGS
from schemas.table import Table

TABLES: tuple[Table, ...] = (
    SNAPSHOT,
    QUARANTINE,
    DATA_DICTIONARY,
    UNRESOLVED_HARDWARE,
    HARDWARE_SPEC,
    HARDWARE,
    HARDWARE_ALIAS,
    PRICE_PERFORMANCE,
    HARDWARE_PRICE,
    CLOUD_PRICE,
    CLOUD_PRICE_CHANGE,
    MODEL_RECORD,
    MODEL,
    MODEL_ESTIMATE,
    MODEL_COMPUTE_CHANGE,
    *DAWNBENCH_TABLES,
)

__all__ = [
    "BASES",
    "CLOUD_PRICE",
    "CLOUD_PRICE_CHANGE",
    "HARDWARE_PRICE",
    "PRICINGS",
    "DATA_DICTIONARY",
    "DAWNBENCH_TABLES",
    "HARDWARE",
    "HARDWARE_ALIAS",
    "HARDWARE_SPEC",
    "MODEL",
    "MODEL_COMPUTE_CHANGE",
    "MODEL_ESTIMATE",
    "MODEL_FIELDS",
    "MODEL_RECORD",
    "PRECISIONS",
    "PRICE_PERFORMANCE",
    "QUARANTINE",
    "SNAPSHOT",
    "SPEC_ATTRIBUTES",
    "SPEC_RECORD",
    "TABLES",
    "TEXT_ATTRIBUTES",
    "UNRESOLVED_HARDWARE",
    "Table",
]
