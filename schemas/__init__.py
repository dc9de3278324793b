"""Pandera schemas: the single source of table and column names, dtypes, units, meanings."""

from schemas.hardware import HARDWARE, SPEC_ATTRIBUTES, SPEC_RECORD
from schemas.meta import DATA_DICTIONARY, QUARANTINE, SNAPSHOT
from schemas.table import Table

TABLES: tuple[Table, ...] = (SNAPSHOT, QUARANTINE, DATA_DICTIONARY, HARDWARE)

__all__ = [
    "TABLES",
    "Table",
    "HARDWARE",
    "SPEC_ATTRIBUTES",
    "SPEC_RECORD",
    "SNAPSHOT",
    "QUARANTINE",
    "DATA_DICTIONARY",
]
