"""OpenAI, "AI and Compute" (2018): the 20 data points behind its training-compute chart.

One CSV (`publication_date`, `overall_peta_flop_days`, `result`), taken from a third-party
repository; the system names are models, no hardware is named. `estimates` reads it into
core.model_estimate's shape (petaFLOP/s-days to FLOP) to cross-check Epoch's estimates.
"""

from __future__ import annotations

import polars as pl

from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import PARSE_ERROR, read_column, read_csv_text, read_date, read_number

SOURCE = SourceInfo(
    name="openai_ai_and_compute",
    title="OpenAI, AI and Compute (2018) data points",
    homepage="https://openai.com/index/ai-and-compute/",
    url=(
        "https://raw.githubusercontent.com/skaltman/ai-progress/"
        "a5ae293d4f4c337fa3ad5a8d9d77cfcb088f4fdb/data-raw/compute.csv"
    ),
    filename="compute.csv",
    licence="none stated",
    citation=(
        "Dario Amodei and Danny Hernandez, 'AI and Compute', OpenAI, 16 May 2018; data points "
        "as committed in skaltman/ai-progress (data-raw/compute.csv)."
    ),
    cadence="frozen (2018)",
)

FILE = "compute.csv"
PFLOP_S_DAY_FLOP = 1e15 * 86_400  # one petaFLOP/s sustained for a day


def estimates(snapshot: Snapshot) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw records, estimates): `entity`, `published_on`, `quantity`, `value` (FLOP), `file`,
    `row_number`, `parse_error`."""
    columns = ["publication_date", "overall_peta_flop_days", "result"]
    raw = read_csv_text(snapshot.path(FILE), columns, "sources/openai_ai_and_compute.py")
    value = read_column(raw, "overall_peta_flop_days", read_number, pl.Float64)
    day = read_column(raw, "publication_date", read_date, pl.Date)
    error = pl.concat_str([value.error, day.error], separator="; ", ignore_nulls=True)
    return raw, raw.select(
        entity=pl.col("result").str.strip_chars(),
        published_on=day.value,
        quantity=pl.lit("training_compute_flop"),
        value=value.value * PFLOP_S_DAY_FLOP,
        file=pl.lit(FILE),
        row_number="row_number",
        **{PARSE_ERROR: pl.when(error != "").then(error)},
    )
