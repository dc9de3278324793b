"""The reading commands (pipelines/read_commands.py) called directly on a small warehouse: a
result longer than `max_rows` is cut with a note on stderr (0 = every row), a release asked for
where none was published is one line, not a traceback. (The formats and refusals through the
command line: tests/pipelines/test_cli.py; `settings`: tests/schemas/test_settings.py.)"""

from datetime import date

from pipelines.read_commands import query

CHIPS = "SELECT hardware_id FROM core.chip ORDER BY hardware_id"


def test_a_result_longer_than_max_rows_is_cut_with_a_note(small_warehouse, capsys):
    assert query(CHIPS, [], "csv", max_rows=1) == 0
    captured = capsys.readouterr()
    assert captured.out == "hardware_id\nnvidia-a100\n"
    assert captured.err.startswith("flopbase query: showing the first 1 rows; add a LIMIT")


def test_max_rows_zero_prints_every_row(small_warehouse, capsys):
    assert query(CHIPS, [], "csv", max_rows=0) == 0
    captured = capsys.readouterr()
    assert captured.out == "hardware_id\nnvidia-a100\nnvidia-h100\n"
    assert captured.err == ""


def test_a_release_where_none_was_published_is_one_line(
    small_warehouse, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("FLOPBASE_RELEASES", str(tmp_path / "releases"))
    assert query("SELECT 1 AS one", [], "csv", release="latest") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"flopbase query: no release in {tmp_path / 'releases'}: `flopbase build` publishes one\n"
    )


def test_as_of_on_a_warehouse_without_the_ledger_is_one_line(small_warehouse, capsys):
    assert query(CHIPS, [], "csv", as_of=date(2024, 1, 1)) == 2
    err = capsys.readouterr().err
    assert err.startswith("flopbase query: the warehouse at ") and err.count("\n") == 1
    assert "meta.snapshot" in err and err.endswith("rebuild it with `make run`\n")
