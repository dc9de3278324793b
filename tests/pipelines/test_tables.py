"""pipelines/tables.py, the one shape of a table or view asset: every table and view step of
the project runs in one warehouse session (`warehouse.handle.in_session`, tested in
tests/warehouse/test_handle.py), and `matches_schema`, the check each table's step evaluates
after its write, judges the rows at hand."""

import polars as pl

from pipelines.definitions import defs
from pipelines.tables import matches_schema
from schemas import DATA_DICTIONARY
from warehouse import data_dictionary


def test_every_table_and_view_step_of_the_project_runs_in_one_session() -> None:
    """Not the raw steps: they open the file once anyway, and a live fetch should not hold it."""
    steps = {
        a.op.name: a.op.compute_fn.decorated_fn.__code__.co_qualname
        for a in defs.resolve_asset_graph().assets_defs
        if a.is_executable and not a.op.name.startswith("raw__")
    }
    assert len(steps) > 25
    assert {name: q.split(".")[0] for name, q in steps.items()} == dict.fromkeys(
        steps, "in_session"
    )


def test_matches_schema_judges_the_rows_a_view_step_has_just_read():
    """A view is computed when read: its step reads it once and hands the rows to the check,
    which judges those rows and reads nothing (the warehouse given is None)."""
    rows = data_dictionary([DATA_DICTIONARY])
    passed = matches_schema(DATA_DICTIONARY, None, rows)
    assert passed.passed and passed.metadata["rows"].value == rows.height > 5
    broken = rows.with_columns(pl.lit(None, dtype=pl.String).alias("column_name"))
    failed = matches_schema(DATA_DICTIONARY, None, broken)
    assert not failed.passed
    assert "column_name" in failed.metadata["failures"].value
    assert failed.check_name == "matches_schema"


def test_rows_read_back_equal_to_the_validated_write_pass_and_any_difference_is_judged():
    """After a publish (which refuses a frame failing the schema) the check compares the rows
    read back with the frame the write validated: equal rows pass without a second
    validation; rows that differ in any way are validated by the schema itself."""
    rows = data_dictionary([DATA_DICTIONARY])
    broken = rows.with_columns(pl.lit(None, dtype=pl.String).alias("column_name"))
    # read back equal to what was validated: passes on the write's validation
    assert matches_schema(DATA_DICTIONARY, None, rows, validated=rows).passed
    # not validated again: even rows that fail pass when the write says it validated them
    # (publish never writes such a frame: it raises first, tests/warehouse/test_publish.py)
    assert matches_schema(DATA_DICTIONARY, None, broken, validated=broken).passed
    # read back different from what was validated (a lossy round trip): judged, and fails
    failed = matches_schema(DATA_DICTIONARY, None, broken, validated=rows)
    assert not failed.passed and "column_name" in failed.metadata["failures"].value
    # a different row order is a difference too; these rows still pass their schema
    assert matches_schema(DATA_DICTIONARY, None, rows.reverse(), validated=rows).passed
