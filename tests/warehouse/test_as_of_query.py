"""warehouse.as_of_query: `flopbase query --as-of D` reads the core tables and their views as
they stood on D, refuses what cannot be reconstructed by name, and says per source what D's
reconstruction rests on. Data: every bundled gcp_pricing version in meta.snapshot and two real
quotes of GCP's a2-ultragpu-1g, of 2022-09-29 (4.03353 USD/h) and 2022-10-27 (5.027702 USD/h)
(_cloud_price_testkit.py)."""

from datetime import date

import pytest

from tests.warehouse._cloud_price_testkit import quotes_warehouse
from warehouse.as_of_query import as_of_note, as_of_query, coverage
from warehouse.connection import WarehouseError
from warehouse.safe_query import QueryRefused

LATEST_PRICE = "SELECT usd_per_accelerator_hour FROM core.latest_cloud_price WHERE region = ?"


@pytest.fixture(scope="module")
def quotes_file(tmp_path_factory, bundled_store):
    return quotes_warehouse(tmp_path_factory.mktemp("as_of_query") / "q.duckdb", bundled_store)


def test_a_view_reads_the_tables_as_of_the_date(quotes_file) -> None:
    def latest(on: date) -> list[float]:
        result = as_of_query(LATEST_PRICE, on, ["us-central1"], path=quotes_file)
        return result.frame["usd_per_accelerator_hour"].to_list()

    assert latest(date(2022, 10, 1)) == [4.03353]
    assert latest(date(2022, 11, 1)) == [5.027702]
    assert latest(date(2022, 1, 1)) == []  # before the first bundled version
    today = as_of_query("SELECT count(*) AS n FROM latest.core.cloud_price", date(2022, 1, 1),
                        path=quotes_file)  # fmt: skip
    assert today.frame["n"].to_list() == [2]  # `latest.` names today's table


def test_analysis_tables_and_writes_are_refused(quotes_file) -> None:
    with pytest.raises(QueryRefused, match="derived from today's data"):
        as_of_query("SELECT * FROM analysis.price_performance", date(2022, 10, 1), path=quotes_file)
    with pytest.raises(QueryRefused, match="DELETE statements are refused"):
        as_of_query("DELETE FROM core.cloud_price", date(2022, 10, 1), path=quotes_file)
    with pytest.raises(TypeError, match="as_of must be a date"):
        as_of_query("SELECT 1", "2022-10-01", path=quotes_file)  # type: ignore[arg-type]
    with pytest.raises(WarehouseError, match="build it first"):
        as_of_query("SELECT 1", date(2022, 10, 1), path=quotes_file.with_name("none.duckdb"))


def test_coverage_and_note_name_what_a_date_rests_on(quotes_file, bundled_store) -> None:
    stored = len(bundled_store.versions("gcp_pricing"))
    [row] = coverage(date(2022, 10, 27), path=quotes_file).iter_rows(named=True)
    assert (row["source"], row["versions_then"], row["used_version"]) == (
        "gcp_pricing",
        9,
        "2022-10-27-3de7494c6405",
    )
    assert row["versions_stored"] == stored
    assert as_of_note(date(2022, 1, 1), path=quotes_file) == (
        "as of 2022-01-01: upstream versions published by then "
        "(meta.as_of_coverage(DATE '2022-01-01') lists them); no version yet of: gcp_pricing; "
        "a single stored version (earlier states not kept): none"
    )
