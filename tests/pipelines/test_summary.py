"""`flopbase summary` (pipelines/summary.py) without a full build: no warehouse is an error
saying to build first; a warehouse a build left halfway is summarised as far as it goes, with
the missing tables named and the fix; each section names every declared table its named read
reads, so that a missing one skips the section. (On the full build: tests/e2e/test_summary.py.)"""

import re

import pytest

import warehouse
from pipelines.cli import main
from pipelines.summary import SECTIONS, summary
from schemas import TABLES
from warehouse.reads import read_sql


def test_summary_of_a_half_built_warehouse_names_what_is_missing(small_warehouse, capsys):
    """A first build killed after one table: no traceback, the missing tables and the fix."""
    assert main(["summary"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "core.chip" in captured.out  # what is there is still listed
    assert "meta.snapshot" in captured.err and "core.hardware" in captured.err
    assert "make refresh" in captured.err and "make run" in captured.err


def test_without_a_warehouse_it_says_to_build_first(warehouse_file):
    with pytest.raises(warehouse.WarehouseError, match="build it first with `make run`"):
        summary()
    assert not warehouse_file.exists()  # and creates none


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s[1])
def test_a_section_lists_every_declared_relation_its_read_names(section):
    _, read, reads = section
    sql = read_sql(read)
    declared = {t.qualified_name for t in TABLES}
    named = {r for r in declared if re.search(rf"\b{re.escape(r)}\b", sql)}
    assert named and named <= set(reads) <= declared
