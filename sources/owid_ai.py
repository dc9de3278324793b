"""Our World in Data, artificial-intelligence grapher exports (processed views of Epoch data).

Five CSVs in one version: training compute, parameters, training datapoints, hardware and
energy cost of training, cumulative large-scale systems by country. `estimates` reads the four
per-model files into core.model_estimate's shape, to cross-check Epoch's own tables; the
country counts are not per model and are not read. No hardware is named in these files.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import PARSE_ERROR, UpstreamFormatError, read_column, read_date, read_number

SOURCE = SourceInfo(
    name="owid_ai",
    title="Our World in Data, artificial intelligence charts (grapher exports)",
    homepage="https://ourworldindata.org/artificial-intelligence",
    url="https://ourworldindata.org/grapher/artificial-intelligence-training-computation.csv",
    filename="artificial-intelligence-training-computation.csv",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI (2026), with major processing by Our World in Data. Retrieved from "
        "https://ourworldindata.org/artificial-intelligence [online resource]."
    ),
    cadence="monthly",
)

FILES = (
    "artificial-intelligence-training-computation.csv",
    "artificial-intelligence-parameter-count.csv",
    "artificial-intelligence-number-training-datapoints.csv",
    "hardware-and-energy-cost-to-train-notable-ai-systems.csv",
    "cumulative-number-of-large-scale-ai-systems-by-country.csv",
)

# Per-model file -> (value column, quantity of core.model_estimate, factor to its unit).
ESTIMATES = {
    "artificial-intelligence-training-computation.csv": (
        "Training computation (petaFLOP)",
        "training_compute_flop",
        1e15,
    ),
    "artificial-intelligence-parameter-count.csv": ("Number of parameters", "parameters", 1.0),
    "artificial-intelligence-number-training-datapoints.csv": (
        "Training dataset size",
        "training_dataset_size",
        1.0,
    ),
    # Amortised hardware and energy cost of the final run (Epoch's 2025 cost study).
    "hardware-and-energy-cost-to-train-notable-ai-systems.csv": ("Cost", "training_cost_usd", 1.0),
}


def parse(path: Path) -> pl.DataFrame:
    """One grapher CSV as text with a 1-based `row_number` per record.

    Some model names end in an unquoted newline, which splits the record: a line holding only
    the name, then a line starting with a comma. Such a pair is joined back into one record."""
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    joined: list[str] = []
    for line in lines:
        if joined and line.startswith(",") and "," not in joined[-1] and '"' not in joined[-1]:
            joined[-1] += line
        else:
            joined.append(line)
    try:
        frame = pl.read_csv("\n".join(joined).encode(), infer_schema=False)
    except pl.exceptions.PolarsError as err:
        raise UpstreamFormatError(f"{path}: not a readable CSV ({err})") from None
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def estimates(snapshot: Snapshot) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw records, estimates) of the per-model files: `entity`, `published_on`, `quantity`,
    `value`, `file`, `row_number` numbered across files, `parse_error`."""
    raws, rows, offset = [], [], 0
    for name, (column, quantity, factor) in ESTIMATES.items():
        raw = parse(snapshot.path(name))
        missing = [c for c in ("Entity", "Day", column) if c not in raw.columns]
        if missing:
            raise UpstreamFormatError(
                f"{snapshot.path(name)}: columns {missing} are missing (found {raw.columns}); "
                "update sources/owid_ai.py"
            )
        raw = raw.with_columns(pl.col("row_number") + offset, file=pl.lit(name))
        offset += raw.height
        value, day = (
            read_column(raw, column, read_number, pl.Float64),
            read_column(raw, "Day", read_date, pl.Date),
        )
        error = pl.concat_str(
            [
                value.error,
                day.error,
                pl.when(value.value.is_null() & value.error.is_null()).then(pl.lit(f"no {column}")),
            ],
            separator="; ",
            ignore_nulls=True,
        )
        rows.append(
            raw.select(
                entity=pl.col("Entity").str.strip_chars(),
                published_on=day.value,
                quantity=pl.lit(quantity),
                value=value.value * factor,
                file="file",
                row_number="row_number",
                **{PARSE_ERROR: pl.when(error != "").then(error)},
            )
        )
        raws.append(raw)
    return pl.concat(raws, how="diagonal"), pl.concat(rows)
