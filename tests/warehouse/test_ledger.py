"""The ledger's tables as the file holds them: `_columns_in_file` reads the columns of tables
that exist (in order) and none of those that do not, without disturbing the transaction it runs
in; `ensure_meta` recreates a ledger table of an older shape and leaves a current one as is."""

import duckdb

from schemas import SNAPSHOT
from warehouse.ledger import LEDGER, _columns_in_file, ensure_meta


def test_columns_of_present_and_missing_tables_inside_a_transaction(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("BEGIN")
        assert _columns_in_file(con, *LEDGER) == [[] for _ in LEDGER]  # a new file
        ensure_meta(con)
        assert _columns_in_file(con, *LEDGER) == [t.column_names for t in LEDGER]
        con.execute("COMMIT")  # nothing above aborted the transaction
        assert con.execute("SELECT count(*) FROM meta.snapshot").fetchone() == (0,)


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
        assert _columns_in_file(con, SNAPSHOT) == [SNAPSHOT.column_names]
        assert con.execute("SELECT reason FROM meta.quarantine").fetchall() == [("kept",)]
