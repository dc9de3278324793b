"""Self-tests of the metadata: the schemas are the contract, so they are tested like code."""

import re

import polars as pl
import pytest

from schemas import TABLES
from schemas.columns import COLUMNS
from schemas.columns.declare import unit_of

# Unit implied by a column-name suffix (docs/naming.md); a column with the suffix must
# declare that unit, and a declared unit must come with its suffix.
SUFFIX_UNITS = {
    "_flop_per_s": "FLOP/s",
    "_op_per_s": "OP/s",
    "_bytes_per_s": "B/s",
    "_bytes": "B",
    "_w": "W",
    "_usd": "USD",
    "_usd_per_hour": "USD/h",
    "_usd_per_accelerator_hour": "USD/(accelerator*h)",
    "_s": "s",
    "_flop_per_s_per_usd": "FLOP/s/USD",
    "_usd_per_pflop_day": "USD/(PFLOP/s*day)",
    "_m": "m",
    "_m2": "m2",
    "_flop": "FLOP",
    "_flop_per_joule": "FLOP/J",
}


def expected_unit(name: str) -> str | None:
    for suffix in sorted(SUFFIX_UNITS, key=len, reverse=True):
        if f"_{name}".endswith(suffix):
            return SUFFIX_UNITS[suffix]
    return None


def all_columns():
    return [(t, n, c) for t in TABLES for n, c in t.columns.items()]


@pytest.mark.parametrize(("table", "name", "col"), all_columns(), ids=lambda v: str(v))
def test_every_column_is_described_and_united(table, name, col):
    assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
    assert col.description and len(col.description) > 10, f"{table}.{name} needs a description"
    assert unit_of(col) == expected_unit(name), f"{table}.{name}: unit vs name suffix"


@pytest.mark.parametrize(("table", "name", "col"), all_columns(), ids=lambda v: str(v))
def test_dates_and_timestamps_follow_the_naming_contract(table, name, col):
    dtype = col.dtype.type
    if name.endswith("_on"):
        assert dtype == pl.Date, f"{table}.{name} ends in _on and must be a DATE"
    if name.endswith("_at"):
        assert dtype == pl.Datetime("us", "UTC"), f"{table}.{name} ends in _at: TIMESTAMPTZ"
    if dtype == pl.Boolean:
        assert name.startswith(("is_", "has_")), f"{table}.{name}: booleans are is_/has_"


def test_every_shared_column_is_used_by_some_table():
    used = {n for t in TABLES for n in t.columns}
    assert set(COLUMNS) - used == set()


# Columns the warehouse contract gives one name with two meanings: DAWNBench's `kind`
# (train/inference) is not an accelerator's `kind`; meta.run_failure's `run_id` is the run
# that failed, not the run that wrote the row.
HOMONYMS = {
    ("core.dawnbench_entry", "kind"),
    ("analysis.dawnbench_progress", "kind"),
    ("analysis.dawnbench_frontier", "kind"),
    ("meta.run_failure", "run_id"),
}


def test_a_shared_column_is_the_same_object_in_every_table():
    """Shared columns are picked, never redeclared; `optional(name)` may only relax nulls."""
    for table in TABLES:
        for name, col in table.columns.items():
            if (table.qualified_name, name) in HOMONYMS:
                assert col.description != COLUMNS[name].description
                continue
            if name in COLUMNS and col is not COLUMNS[name]:
                shared = COLUMNS[name]
                assert col.nullable and not shared.nullable, f"{table}.{name} redeclares it"
                assert (col.description, col.dtype, unit_of(col)) == (
                    shared.description,
                    shared.dtype,
                    unit_of(shared),
                ), f"{table}.{name} redeclares a shared column"
                assert [repr(c) for c in col.checks] == [repr(c) for c in shared.checks]


def test_table_names_are_unique_and_keys_exist():
    names = [t.qualified_name for t in TABLES]
    assert len(names) == len(set(names))
    for table in TABLES:
        assert set(table.key) <= set(table.columns)
        for k in table.key:
            assert not table.columns[k].nullable, f"{table}: key column {k} must be NOT NULL"
