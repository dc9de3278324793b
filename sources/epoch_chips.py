"""Epoch AI's chip dataset: one Airtable export of CPUs, GPUs, TPUs and other accelerators.

The file ships with Epoch's `training-cost-trends` repository ("a snapshot of our chip
database"); it is wider than `epoch_hardware` (CPUs and consumer GPUs too, many imported from
TechPowerUp). `parse` reads it in upstream terms (every field as text, plus `row_number`);
`to_spec_records` maps it onto the shared spec-record shape (SI units), noting per row what
could not be read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources import epoch_hardware
from sources.source import SourceInfo
from sources.upstream import number, read_csv_text, spec_records

SOURCE = SourceInfo(
    name="epoch_chips",
    title="Epoch AI, chip dataset (training-cost-trends snapshot)",
    homepage="https://github.com/epoch-research/training-cost-trends",
    url=(
        "https://raw.githubusercontent.com/epoch-research/training-cost-trends/main/"
        "data/Chip%20dataset-Grid%20view.csv"
    ),
    filename="chips.csv",
    licence="no licence stated (Epoch AI publishes its datasets under CC BY 4.0)",
    citation=(
        "Epoch AI, chip dataset ('Chip dataset-Grid view.csv'), in epoch-research/"
        "training-cost-trends (code for Cottier et al., 'The rising costs of training "
        "frontier AI models', 2024). Retrieved from "
        "'https://github.com/epoch-research/training-cost-trends'."
    ),
    cadence="irregular (14 versions 2023-12 .. 2025-06); check quarterly",
)

PRICE = "Release price (USD)"  # text like '$5412.00', read by `dollars`
# Upstream column -> spec-record column, for values in SI base units already: the same
# Airtable columns as Epoch's ML hardware export.
NUMBERS = {k: v for k, v in epoch_hardware.NUMBERS.items() if k != PRICE}
# Upstream columns in other units; converted in `to_spec_records` (dividing by powers of ten
# rather than multiplying by 1e-9 keeps '814 mm^2' exactly 8.14e-4).
SCALED = ["Process size (nm)", "Die Size (mm^2)", "Number of transistors (millions)"]
TEXT = epoch_hardware.TEXT
REQUIRED = [*TEXT, *NUMBERS, PRICE, *SCALED, "Type", "Release date"]

# Epoch's `Type` -> our `kind`: epoch_hardware's vocabulary plus what only this export has.
# An unlisted type is reported, not guessed.
KINDS = {**epoch_hardware.KINDS, "SoC": "other"}  # Apple M/A-series: CPU, GPU and NPU on one die


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record."""
    return read_csv_text(path, REQUIRED, "sources/epoch_chips.py")


def dollars(column: str) -> pl.Expr:
    """A '$1,299.00' text column as Float64 (null when empty or unreadable)."""
    value = (
        pl.col(column)
        .str.strip_chars()
        .str.strip_prefix("$")
        .str.replace_all(",", "")
        .cast(pl.Float64, strict=False)
    )
    return pl.when(value.is_finite()).then(value).otherwise(None)


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream record (see `sources.upstream.spec_records`)."""
    kind = (
        pl.col("Type").str.strip_chars().replace_strict(KINDS, default=None, return_dtype=pl.String)
    )
    released = pl.col("Release date").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    numbers = {upstream: number(upstream) for upstream in [*NUMBERS, *SCALED]}
    price = dollars(PRICE)
    values = {
        **{ours: pl.col(upstream).str.strip_chars() for upstream, ours in TEXT.items()},
        "kind": kind,
        "released_on": released,
        **{ours: numbers[upstream] for upstream, ours in NUMBERS.items()},
        "launch_price_usd": price,
        "process_size_m": numbers["Process size (nm)"] / 1e9,
        "die_area_m2": numbers["Die Size (mm^2)"] / 1e6,
        "transistor_count": numbers["Number of transistors (millions)"] * 1e6,
    }
    checked = {**numbers, PRICE: price, "Type": kind, "Release date": released}
    return spec_records(raw, values, checked)
