"""Two real core.cloud_price quotes, as a build of the bundled snapshots holds them: GCP's
a2-ultragpu-1g (one A100 SXM4 80 GB) on demand in us-central1, quote 604 of the gcp_pricing
versions of 2022-09-29 (4.03353 USD/h) and 2022-10-27 (5.027702 USD/h); and a small warehouse
file holding them with every declared table, view and point-in-time macro."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl

import warehouse
from schemas import CLOUD_PRICE, TABLES
from schemas.views import VIEWS
from sources.snapshots import SnapshotStore
from warehouse.as_of import install_macros
from warehouse.ddl import create_table

SEPTEMBER = "667881f8b4ecd55dafbb94b62ecb78d784050766fa0d632e3cadccf7f18b354f"
OCTOBER = "3de7494c64051f4d2638bd56301344372b482de93a089a7a75ebf80d47b73bef"
SEPTEMBER_AT = datetime(2022, 9, 29, 5, 18, 38, tzinfo=UTC)
OCTOBER_AT = datetime(2022, 10, 27, 4, 38, 45, tzinfo=UTC)
A100_80 = "nvidia-a100-sxm4-80gb"


def _quote(observed_at: datetime, text: str, usd: float, sha256: str) -> dict:
    return {
        "observed_at": observed_at,
        "provider": "gcp",
        "region": "us-central1",
        "instance_type": "a2-ultragpu-1g",
        "hardware_id": A100_80,
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
        _quote(SEPTEMBER_AT, "a100", 4.03353, SEPTEMBER),
        _quote(OCTOBER_AT, "a100-80gb", 5.027702, OCTOBER),
    ],
    schema=CLOUD_PRICE.polars_schema,
)


def quotes_warehouse(path: Path, store: SnapshotStore) -> Path:
    """Every declared table (empty but core.cloud_price, holding QUOTES), every view, the
    as-of macros, and meta.snapshot recording every bundled gcp_pricing version."""
    views = {v.qualified_name for v in VIEWS}
    with warehouse.connect(path) as con:
        for schema in sorted({t.schema for t in TABLES}):
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for table in TABLES:
            if table.qualified_name not in views and table is not CLOUD_PRICE:
                con.execute(create_table(table))
    warehouse.publish(CLOUD_PRICE, QUOTES, path=path)
    versions = store.versions("gcp_pricing")
    warehouse.record_snapshots([warehouse.SnapshotRecord.of(v) for v in versions], path=path)
    for view in VIEWS:
        warehouse.replace_view(view, path=path)
    install_macros(path)
    return path
