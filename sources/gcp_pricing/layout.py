"""The pricing.yml upstream as it is laid out: the repository and file, the source, the
machine-type keys that are not GPU kinds, the cost fields read and the month they use."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from sources.source import SourceInfo

REPO = "Cyclenerd/google-cloud-pricing-cost-calculator"
BASE_URL = f"https://raw.githubusercontent.com/{REPO}/HEAD"
UPSTREAM_PATH = "pricing.yml"

SOURCE = SourceInfo(
    name="gcp_pricing",
    title="Cyclenerd, Google Cloud pricing cost calculator (pricing.yml, GPU machine types)",
    homepage=f"https://github.com/{REPO}",
    url=f"{BASE_URL}/{UPSTREAM_PATH}",
    filename="gpu_machine_types.json",
    licence="Apache-2.0 (Nils Knieling); prices from Google Cloud's public pricing catalog",
    citation=(
        "Nils Knieling, 'Google Cloud Pricing Cost Calculator', "
        "github.com/Cyclenerd/google-cloud-pricing-cost-calculator, pricing.yml "
        "(from the Google Cloud Billing Catalog API)."
    ),
    cadence="weekly upstream; one version per month kept",
)

# Machine-type keys that are not GPU kinds. Any other key must hold a GPU count.
ATTRIBUTES = {"cpu", "ram", "cost", "local-ssd", "local", "bandwidth", "type"}
COLUMNS = pl.Schema({"machine_type": pl.String, "gpu_key": pl.String, "gpu_count": pl.Float64})
SELECTION = "compute.instance entries for GPU machine types only (values unchanged)"

HOURS_PER_MONTH = 730.0  # upstream's month: month / hour == 730 in every bundled record
# cost key -> (pricing, hours the stated value covers); in this order within a record
PRICE_FIELDS = {
    "hour": ("on_demand", 1.0),
    "hour_spot": ("spot", 1.0),
    "month_1y": ("reserved_1y", HOURS_PER_MONTH),
    "month_3y": ("reserved_3y", HOURS_PER_MONTH),
}
MONTHLY_TWINS = {"hour": "month", "hour_spot": "month_spot"}  # same price per month
TWIN_TOLERANCE = 1e-6
# a generation timestamp before this is not one (0, or a unit mix-up); the repo began in 2022
EARLIEST_TIMESTAMP = datetime(2015, 1, 1, tzinfo=UTC)
