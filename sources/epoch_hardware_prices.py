"""Epoch AI's hardware price database (training-cost-trends): dated accelerator prices.

One CSV (UTF-8 with BOM) of cloud on-demand / committed-use per-chip-hour prices and purchase
prices. `parse` reads it in upstream terms (every field as text, plus `row_number`);
`hardware_mentions` lists the hardware spellings of two fields, both with `Manufacturer` as
the vendor hint:

- `Hardware model`: Epoch's canonical chip name (joins Epoch's hardware datasets);
- `Cloud GPU description`: the cloud vendor's own label. Free text, kept as written: besides
  GPU labels ("A100 (80 GB)") it holds memory sizes only ("80GB"), a GCP machine type
  ("a3-highgpu-1g"), a web.archive.org URL, a sentence of Azure marketing text and multi-line
  Oblivus labels with the instance's vCPU/RAM/NVMe on a second line.

Blank spellings (not mentions, counted by `sources.mentions.blanks`): in the bundled 2025-06-20
version 305 of 591 records have no `Cloud GPU description` and none lacks a `Hardware model`;
one record (GroqChip LPU v1) has no `Manufacturer`, so its vendor hint is null.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import read_csv_text

SOURCE = SourceInfo(
    name="epoch_hardware_prices",
    title="Epoch AI, hardware price database (training-cost-trends)",
    homepage="https://github.com/epoch-research/training-cost-trends",
    url="https://raw.githubusercontent.com/epoch-research/training-cost-trends/HEAD/data/Hardware%20prices.csv",
    filename="hardware_prices.csv",
    licence="not stated (no LICENSE file; Epoch AI datasets are usually CC BY 4.0)",
    citation=(
        "Cottier, B., Rahman, R., Fattorini, L., Maslej, N., Owen, D. (2024). 'The rising costs "
        "of training frontier AI models'. arXiv:2405.21015. Data: Epoch AI, "
        "github.com/epoch-research/training-cost-trends, 'data/Hardware prices.csv'."
    ),
    cadence="irregular (11 upstream versions 2024-2025); check quarterly",
)

REQUIRED = [
    "Price source",
    "Price date",
    "Hardware model",
    "Manufacturer",
    "Vendor",
    "Location",
    "Price per chip-hour (on-demand)",
    "Price per chip-hour (1-year CUD)",
    "Price per chip-hour (3-year CUD)",
    "Price (hardware purchase)",
    "Notes",
    "Cloud GPU description",
    "Number of GPUs",
]
# Upstream fields naming hardware; each record's `Manufacturer` is the vendor hint of both.
MENTION_FIELDS = ["Hardware model", "Cloud GPU description"]
VENDOR_FIELD = "Manufacturer"


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record."""
    return read_csv_text(path, REQUIRED, "sources/epoch_hardware_prices.py")


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per record and field of `MENTION_FIELDS`, blanks included."""
    frames = []
    for snapshot in snapshots:
        raw = parse(snapshot.path(SOURCE.filename))
        frames += [
            records(
                raw,
                snapshot,
                spelling=pl.col(field),
                context=field,
                vendor_hint=pl.col(VENDOR_FIELD),
            )
            for field in MENTION_FIELDS
        ]
    return concat_records(frames)


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct hardware spellings of `Hardware model` and `Cloud GPU description`."""
    return mentions(mention_records(snapshots))
