"""The ledger's tables as the file holds them: `columns_in_file` reads the columns of tables
that exist (in order) and none of those that do not; `in_transaction` reads the ledger's shape
before it begins, so a new file's missing tables do not abort it; `ensure_meta` recreates a
ledger table of an older shape and leaves a current one as is."""

import duckdb
import pytest

from schemas import SNAPSHOT
from warehouse.ledger import LEDGER, columns_in_file, ensure_meta, in_transaction


def test_columns_of_present_and_missing_tables(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        assert columns_in_file(con, *LEDGER) == [[] for _ in LEDGER]  # a new file: no schema
        con.execute("CREATE SCHEMA meta")
        assert columns_in_file(con, *LEDGER) == [[] for _ in LEDGER]  # a schema, no tables
        ensure_meta(con)
        assert columns_in_file(con, *LEDGER) == [t.column_names for t in LEDGER]


def test_a_transaction_on_a_new_file_creates_the_ledger_and_commits(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        in_transaction(con, lambda: con.execute("CREATE TABLE core.t AS SELECT 1 AS x"))
        assert con.execute("SELECT x FROM core.t").fetchall() == [(1,)]
        assert columns_in_file(con, *LEDGER) == [t.column_names for t in LEDGER]


def test_a_failed_transaction_leaves_no_ledger_behind(tmp_path):
    def fails() -> None:
        raise RuntimeError("half-way")

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        with pytest.raises(RuntimeError, match="half-way"):
            in_transaction(con, fails)
        # the ledger tables were created inside the transaction: rolled back with it
        assert columns_in_file(con, *LEDGER) == [[] for _ in LEDGER]


def test_an_outdated_ledger_table_is_recreated_and_a_current_one_kept(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_meta(con)
        con.execute(
            "INSERT INTO meta.quarantine (source, sha256, row_number, record, reason, "
            "target_table) VALUES ('s', 'x', 1, '{}', 'kept', 'core.model')"
        )
        con.execute("DROP TABLE meta.snapshot")
        con.execute("CREATE TABLE meta.snapshot (source VARCHAR, version VARCHAR)")  # older
        ensure_meta(con)
        assert columns_in_file(con, SNAPSHOT) == [SNAPSHOT.column_names]
        assert con.execute("SELECT reason FROM meta.quarantine").fetchall() == [("kept",)]
