"""warehouse.views: `replace_view` creates a view of views.sql with its declared columns and
comments, and answers from the tables' rows; here core.latest_cloud_price over two real
core.cloud_price quotes of GCP's a2-ultragpu-1g in us-central1 (_cloud_price_testkit.py), of
which the newer price wins."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

import warehouse
from schemas import CLOUD_PRICE
from schemas.views import LATEST_CLOUD_PRICE
from tests.warehouse._cloud_price_testkit import OCTOBER, QUOTES
from warehouse.views import view_sql


def test_the_newest_quote_of_an_offer_is_its_latest_price(db_path: Path) -> None:
    warehouse.publish(CLOUD_PRICE, QUOTES, path=db_path)
    warehouse.replace_view(LATEST_CLOUD_PRICE, path=db_path)
    latest = warehouse.read_table(LATEST_CLOUD_PRICE, path=db_path)
    assert latest.columns == LATEST_CLOUD_PRICE.column_names
    assert latest.select(
        "hardware_id", "usd_per_accelerator_hour", "observed_at", "sha256", "row_number"
    ).rows() == [
        (
            "nvidia-a100-sxm4-80gb",
            5.027702,
            datetime(2022, 10, 27, 4, 38, 45, tzinfo=UTC),
            OCTOBER,
            604,
        )
    ]
    [comment] = warehouse.query(
        "SELECT comment FROM duckdb_views() WHERE schema_name = ? AND view_name = ?",
        ["core", "latest_cloud_price"],
        path=db_path,
    )["comment"]
    assert comment == LATEST_CLOUD_PRICE.description


def test_a_view_missing_from_views_sql_is_named_with_those_there() -> None:
    with pytest.raises(KeyError, match="has no view core.no_such_view"):
        view_sql("core.no_such_view")
    assert "FROM core.cloud_price" in view_sql("core.latest_cloud_price")
