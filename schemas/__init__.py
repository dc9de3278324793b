"""Pandera schemas: the single source of table and column names, dtypes, units, meanings."""

from schemas.dawnbench import DAWNBENCH_TABLES
from schemas.efficiency import EFFICIENCY_TABLES
from schemas.hardware import (
    BASES,
    HARDWARE,
    HARDWARE_ALIAS,
    HARDWARE_MERGE,
    HARDWARE_SPEC,
    PRECISIONS,
    PRICE_PERFORMANCE,
    SPEC_ATTRIBUTES,
    SPEC_RECORD,
    TEXT_ATTRIBUTES,
)
from schemas.history import HISTORY_TABLES
from schemas.meta import DATA_DICTIONARY, QUARANTINE, SNAPSHOT, UNRESOLVED_HARDWARE
from schemas.mlperf import MLPERF_TABLES
from schemas.models import (
    MODEL,
    MODEL_COMPUTE_CHANGE,
    MODEL_ESTIMATE,
    MODEL_FIELDS,
    MODEL_RECORD,
)
from schemas.overhang import OVERHANG_ESTIMATE
from schemas.prices import CLOUD_PRICE, CLOUD_PRICE_CHANGE, HARDWARE_PRICE, PRICINGS
from schemas.runs import RUN_FAILURE
from schemas.table import Table
from schemas.trends import TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED
from schemas.views import VIEWS

TABLES: tuple[Table, ...] = (
    SNAPSHOT,
    QUARANTINE,
    DATA_DICTIONARY,
    RUN_FAILURE,
    UNRESOLVED_HARDWARE,
    HARDWARE_SPEC,
    HARDWARE_MERGE,
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
    *EFFICIENCY_TABLES,
    *MLPERF_TABLES,
    OVERHANG_ESTIMATE,
    TREND_ESTIMATE,
    TREND_LATEST,
    TREND_VS_PUBLISHED,
    *HISTORY_TABLES,
    *VIEWS,
)

__all__ = [
    "BASES",
    "CLOUD_PRICE",
    "CLOUD_PRICE_CHANGE",
    "HARDWARE_PRICE",
    "PRICINGS",
    "DATA_DICTIONARY",
    "DAWNBENCH_TABLES",
    "EFFICIENCY_TABLES",
    "MLPERF_TABLES",
    "HARDWARE",
    "HARDWARE_ALIAS",
    "HARDWARE_MERGE",
    "HARDWARE_SPEC",
    "MODEL",
    "MODEL_COMPUTE_CHANGE",
    "MODEL_ESTIMATE",
    "MODEL_FIELDS",
    "MODEL_RECORD",
    "OVERHANG_ESTIMATE",
    "PRECISIONS",
    "PRICE_PERFORMANCE",
    "QUARANTINE",
    "RUN_FAILURE",
    "SNAPSHOT",
    "SPEC_ATTRIBUTES",
    "SPEC_RECORD",
    "TABLES",
    "TREND_ESTIMATE",
    "TREND_LATEST",
    "TREND_VS_PUBLISHED",
    "TEXT_ATTRIBUTES",
    "UNRESOLVED_HARDWARE",
    "VIEWS",
    "Table",
]
