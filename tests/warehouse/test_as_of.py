"""warehouse.as_of: the point-in-time macros of as_of.sql, generated from the schemas and
installed in a warehouse file, read a table as it stood on a date. Data: every bundled
gcp_pricing version in meta.snapshot and two real quotes of GCP's a2-ultragpu-1g from its
versions of 2022-09-29 and 2022-10-27 (_cloud_price_testkit.py)."""

from datetime import date

import pytest

import warehouse
from schemas import MODEL
from schemas.history import AS_OF
from tests.warehouse._cloud_price_testkit import OCTOBER, SEPTEMBER, quotes_warehouse
from warehouse.as_of import install_macros, macros, model_columns


@pytest.fixture(scope="module")
def quotes_file(tmp_path_factory, bundled_store):
    return quotes_warehouse(tmp_path_factory.mktemp("as_of") / "quotes.duckdb", bundled_store)


def test_every_as_of_table_has_its_macro_with_base_tables_prefixed() -> None:
    assert set(AS_OF.values()) <= set(macros())
    assert list(macros())[0] == "meta.version_as_of"  # later macros call it
    assert "FROM latest.core.cloud_price p" in macros("latest.")["core.cloud_price_as_of"]
    assert "FROM core.cloud_price p" in macros()["core.cloud_price_as_of"]
    with pytest.raises(ValueError, match="not a catalog prefix"):
        macros("latest; DROP TABLE x; --")
    # core.model_as_of gives core.model's columns in order, less those not dated
    assert model_columns() == [c for c in MODEL.column_names if c in model_columns()]
    assert "active_parameters" not in model_columns()
    assert {"model_id", "training_compute_flop", "is_frontier"} <= set(model_columns())


@pytest.mark.parametrize(
    ("on", "sha256s"),
    [
        (date(2022, 9, 28), []),  # the day before the first quote's version was published
        (date(2022, 10, 26), [SEPTEMBER]),
        (date(2022, 10, 27), [SEPTEMBER, OCTOBER]),
    ],
)
def test_cloud_prices_as_of_a_date_are_those_published_by_then(quotes_file, on, sha256s) -> None:
    rows = warehouse.query(
        "SELECT sha256 FROM core.cloud_price_as_of(?) ORDER BY observed_at", [on], path=quotes_file
    )
    assert rows["sha256"].to_list() == sha256s


def test_coverage_counts_the_versions_published_by_a_date(quotes_file, bundled_store) -> None:
    stored = len(bundled_store.versions("gcp_pricing"))
    [row] = warehouse.query(
        "SELECT * FROM meta.as_of_coverage(DATE '2022-10-01')", path=quotes_file
    ).iter_rows(named=True)
    # bundled gcp_pricing versions of 2022-02-27 ... 2022-09-29 (one a month, February to September)
    assert (row["versions_stored"], row["versions_then"]) == (stored, 8)
    assert row["used_version"] == "2022-09-29-667881f8b4ec"
    assert row["first_published_on"] == date(2022, 2, 27)
    assert row["status"] == (
        f"reconstructed from 8 of {stored} versions (newest then: 2022-09-29-667881f8b4ec)"
    )


def test_installing_again_replaces_the_macros(quotes_file) -> None:
    assert install_macros(quotes_file) == list(macros())
