"""`flopbase summary` (pipelines/summary.py) without a full build: a warehouse a build left
halfway is summarised as far as it goes, with the missing tables named and the fix. (On the
full build: tests/e2e/test_summary.py.)"""

from pipelines.cli import main


def test_summary_of_a_half_built_warehouse_names_what_is_missing(small_warehouse, capsys):
    """A first build killed after one table: no traceback, the missing tables and the fix."""
    assert main(["summary"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "core.chip" in captured.out  # what is there is still listed
    assert "meta.snapshot" in captured.err and "core.hardware" in captured.err
    assert "make refresh" in captured.err and "make run" in captured.err
