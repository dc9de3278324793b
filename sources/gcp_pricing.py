"""Google Cloud GPU machine-type prices, from Cyclenerd's google-cloud-pricing-cost-calculator.

Upstream `pricing.yml` (~4 MB, regenerated from the Cloud Billing Catalog API and committed
about weekly) lists every Compute Engine price. The bundled versions are *extracts*, one per
month (54, 2022-02-27 .. 2026-07-30, retrieved_at = the commit's date): only the
`compute.instance` entries of GPU machine types (a2-*, a3-*, g2-*, g4-*), values unchanged, as
JSON with a header naming repo, path and commit. A live fetch of `SOURCE.url` gets the whole
YAML, which still needs that extraction before it matches `SOURCE.filename`.

Each machine type carries its attributes (`cpu`, `ram`, `local-ssd` ...), a `cost` object per
region and one key per GPU kind whose value is the GPU count (`a100: 8`). `parse` returns one
row per machine type and GPU key; `hardware_mentions` lists the GPU keys (a100, a100-80gb,
h100-80gb, h100-80gb-mega, l4, rtx6000), with "machine type <name>" as context and one
occurrence per machine type per version. Google names no manufacturer: `vendor_hint` is null.

Blank spellings: a machine type without any GPU key would be a record with a null spelling;
there is none in the bundled versions (926 machine-type records).
"""

from __future__ import annotations

import json
from numbers import Real
from pathlib import Path

import polars as pl

from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="gcp_pricing",
    title="Cyclenerd, Google Cloud pricing cost calculator (pricing.yml, GPU machine types)",
    homepage="https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator",
    url="https://raw.githubusercontent.com/Cyclenerd/google-cloud-pricing-cost-calculator/HEAD/pricing.yml",
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


def parse(path: Path) -> pl.DataFrame:
    """One row per machine type and GPU key (`machine_type`, `gpu_key`, `gpu_count`); a machine
    type without a GPU key gets one row with null `gpu_key` rather than none."""
    try:
        document = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{path}: not JSON ({err})") from None
    instances = document.get("instances") if isinstance(document, dict) else None
    if not isinstance(instances, dict) or not instances:
        raise UpstreamFormatError(f"{path}: no 'instances' object of machine types")
    rows = []
    for machine_type, attributes in instances.items():
        if not isinstance(attributes, dict) or "cost" not in attributes:
            raise UpstreamFormatError(f"{path}: machine type {machine_type!r} has no 'cost'")
        gpus = {k: v for k, v in attributes.items() if k not in ATTRIBUTES}
        for key, count in gpus.items():
            if not isinstance(count, Real) or isinstance(count, bool):
                raise UpstreamFormatError(
                    f"{path}: machine type {machine_type!r} has key {key!r} = {count!r}, neither "
                    f"a known attribute {sorted(ATTRIBUTES)} nor a GPU count"
                )
            rows.append((machine_type, key, float(count)))
        if not gpus:
            rows.append((machine_type, None, None))
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per machine type and GPU key of every version, blanks included."""
    return concat_records(
        [
            records(
                parse(s.path(SOURCE.filename)),
                s,
                spelling=pl.col("gpu_key"),
                context=pl.format("machine type {}", pl.col("machine_type")),
            )
            for s in snapshots
        ]
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct GPU keys per machine type across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))
