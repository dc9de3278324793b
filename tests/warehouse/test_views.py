"""warehouse.views: `replace_view` creates a view of views.sql with its declared columns and
comments, and answers from the tables' rows; here core.latest_cloud_price over two real
core.cloud_price quotes of GCP's a2-ultragpu-1g in us-central1 (gcp_pricing snapshots of
2022-09-29 and 2022-10-27, quote 604 of each), of which the newer price wins."""

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

import warehouse
from schemas import CLOUD_PRICE
from schemas.views import LATEST_CLOUD_PRICE
from warehouse.views import view_sql

SEPTEMBER = "667881f8b4ecd55dafbb94b62ecb78d784050766fa0d632e3cadccf7f18b354f"
OCTOBER = "3de7494c64051f4d2638bd56301344372b482de93a089a7a75ebf80d47b73bef"


def quote(observed_at: datetime, text: str, usd: float, sha256: str) -> dict:
    return {
        "observed_at": observed_at,
        "provider": "gcp",
        "region": "us-central1",
        "instance_type": "a2-ultragpu-1g",
        "hardware_id": "nvidia-a100-sxm4-80gb",
        "hardware_text": text,
        "accelerators_per_instance": 1.0,
        "pricing": "on_demand",
        "usd_per_hour": usd,
        "usd_per_accelerator_hour": usd,
        "source": "gcp_pricing",
        "sha256": sha256,
        "row_number": 604,
        "record_number": 202,
        "price_field": "cost.us-central1.hour",
        "is_suspect": False,
        "suspect_reason": None,
    }


QUOTES = pl.DataFrame(
    [
        quote(datetime(2022, 9, 29, 5, 18, 38, tzinfo=UTC), "a100", 4.03353, SEPTEMBER),
        quote(datetime(2022, 10, 27, 4, 38, 45, tzinfo=UTC), "a100-80gb", 5.027702, OCTOBER),
    ],
    schema=CLOUD_PRICE.polars_schema,
)


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
