"""schemas/table.py: how a table is declared (`Table`, `shared`, `optional`) and the pandera
schema it builds: exact columns in order, dtypes, nullability, checks and a unique key."""

from schemas.columns import COLUMNS
from schemas.table import optional


def test_optional_relaxes_nulls_only():
    relaxed = optional("hardware_id")["hardware_id"]
    assert relaxed.nullable and not COLUMNS["hardware_id"].nullable
    assert relaxed.description == COLUMNS["hardware_id"].description
