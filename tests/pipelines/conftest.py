"""Fixtures shared by the command-line and summary tests of pipelines/."""

import pytest

import warehouse


@pytest.fixture()
def small_warehouse(warehouse_file):
    """A warehouse ($FLOPBASE_DB) of one table, core.chip (two chips' dense BF16 peak and
    release date), as a first build killed after one table leaves it."""
    with warehouse.connect() as con:
        con.execute("CREATE SCHEMA core")
        con.execute(
            "CREATE TABLE core.chip AS SELECT * FROM (VALUES ('nvidia-h100', 989.4e12, "
            "DATE '2022-09-20'), ('nvidia-a100', 312e12, DATE '2020-05-14')) "
            "AS t(hardware_id, bf16_flop_per_s, released_on)"
        )
    return warehouse_file
