"""Price tables: dated cloud prices of instances and dated purchase prices of accelerators.

Price sources are read as *quotes*: one upstream price value (a cell of a CSV row, one region's
`hour_spot` of a machine type, ...) is one row read. Each quote lands in a table or in
meta.quarantine with its reason, so `rows_read = rows_loaded + rows_quarantined` counts quotes;
`record_number` and `price_field` say where in the upstream file a quote stood. A record
stating no price at all is one quote with an empty `price_field` value and is quarantined.
"""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, optional, shared

PRICINGS = ("on_demand", "spot", "reserved_1y", "reserved_3y", "marketplace")
# the pricing of a hardware purchase price (core.hardware_price), never a cloud quote
PURCHASE = "purchase"
TRACE = ("source", "sha256", "row_number", "record_number", "price_field")

CLOUD_PRICE = Table(
    "core",
    "cloud_price",
    "Every dated cloud price of an accelerator instance, by provider, region and pricing "
    "model: one row per upstream quote (a price repeated across upstream versions is one row "
    "per version; see core.cloud_price_change for the changes only).",
    {
        **shared(
            "observed_at",
            "provider",
            "region",
            "instance_type",
        ),
        # null where no alias or instance catalogue entry names the accelerator
        **optional("hardware_id"),
        **shared(
            "hardware_text",
            "accelerators_per_instance",
            "pricing",
            "usd_per_hour",
            "usd_per_accelerator_hour",
            *TRACE,
            # judged by analyses/price_quality.py; a suspect quote sets no cheapest figure
            "is_suspect",
            "suspect_reason",
        ),
    },
    key=("source", "sha256", "row_number"),
)

HARDWARE_PRICE = Table(
    "core",
    "hardware_price",
    "Dated purchase prices of accelerators (list, release or street prices, as the upstream "
    "notes say).",
    {
        **shared("observed_on"),
        **optional("hardware_id"),
        **shared("hardware_text"),
        "price_usd": column(
            pl.Float64,
            "Purchase price per accelerator, nominal USD, as the upstream states it (a system "
            "price divided by its accelerators where the upstream did so; see notes).",
            "USD",
            checks=[pa.Check.gt(0), pa.Check.lt(1e8)],
        ),
        "notes": column(pl.String, "The upstream's note on the price (release price, system...)."),
        **shared(*TRACE),
    },
    key=("source", "sha256", "row_number"),
)

CLOUD_PRICE_CHANGE = Table(
    "core",
    "cloud_price_change",
    "View of core.cloud_price with the changes only: one row per run of the same price of one "
    "series (source, provider, region, instance type, accelerator spelling, pricing), with "
    "when it was first and last seen.",
    {
        **shared("source", "provider", "region", "instance_type"),
        **optional("hardware_id"),
        **shared(
            "hardware_text",
            "pricing",
            "usd_per_hour",
            "usd_per_accelerator_hour",
            "first_seen_at",
            "last_seen_at",
            "observations",
        ),
    },
)
