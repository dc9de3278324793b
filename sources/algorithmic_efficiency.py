"""OpenAI's AI and Efficiency repository: the efficiency frontier behind "44x less compute to
reach AlexNet-level performance, 2012 -> 2019" (Hernandez and Brown, 2020).

One CSV (`efficiency_sota.csv`), one record per model that set a new efficiency record at a
fixed capability level (`Metric`): the training compute it needed, in teraflop/s-days, and its
publication date. `parse` reads it as text; `to_frontier` maps it onto
core.algorithmic_efficiency (FLOP, dates, the capability's target from the upstream README),
noting per row what could not be read. Quirks (data/snapshots/algorithmic_efficiency/PROVENANCE.md):
US dates, a rounded `Reduction Factor` (kept as stated beside our recomputed one), one wrong
analysis link kept as written.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import PARSE_ERROR, read_column, read_csv_text, read_date, read_number

SOURCE = SourceInfo(
    name="algorithmic_efficiency",
    title="OpenAI, AI and Efficiency: algorithmic efficiency SOTA (2020)",
    homepage="https://github.com/openai/ai-and-efficiency",
    url=(
        "https://raw.githubusercontent.com/openai/ai-and-efficiency/"
        "1f280d11be9d3ef2b21f4f2317786233bda288ab/efficiency_sota.csv"
    ),
    filename="efficiency_sota.csv",
    licence="none stated",
    citation=(
        "Danny Hernandez and Tom B. Brown, 'Measuring the Algorithmic Efficiency of Neural "
        "Networks', arXiv:2005.04305 (2020); OpenAI, 'AI and Efficiency' (5 May 2020); data "
        "from github.com/openai/ai-and-efficiency (efficiency_sota.csv)."
    ),
    cadence="frozen (2020)",
)

FILE = "efficiency_sota.csv"
COMPUTE = "Compute (teraflops-s/days)"
REQUIRED = [
    "Metric",
    "Publication Date",
    "Publication",
    "Publication link",
    COMPUTE,
    "Reduction Factor",
    "Analysis",
    "Analysis link",
]
TFLOP_S_DAY_FLOP = 1e12 * 86_400  # one teraflop/s sustained for a day (the README's FAQ 4)
# The capability each `Metric` stands for, as the upstream README's headings state it.
TARGETS = {
    "AlexNet": "AlexNet-level: 79.1% top-5 accuracy on ImageNet",
    "ResNet-50": "ResNet-50-level: 92.9% top-5 accuracy on ImageNet",
    "Seq2Seq": "Seq2Seq-level: 34.8 BLEU on WMT-14 EN-FR",
    "GNMT": "GNMT-level: 39.92 BLEU on WMT-14 EN-FR",
}


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number` per record."""
    return read_csv_text(path, REQUIRED, "sources/algorithmic_efficiency.py")


def read(snapshot: Snapshot) -> pl.DataFrame:
    return parse(snapshot.path(FILE))


def _text(column: str) -> pl.Expr:
    value = pl.col(column).str.strip_chars()
    return pl.when(value != "").then(value)


def to_frontier(raw: pl.DataFrame) -> pl.DataFrame:
    """core.algorithmic_efficiency's upstream columns (without the trace and the recomputed
    reduction factor): capability, target, publication, date, compute in FLOP, the stated
    reduction factor, the analysis cited; `parse_error` names what could not be read."""
    compute = read_column(raw, COMPUTE, read_number, pl.Float64)
    stated = read_column(raw, "Reduction Factor", read_number, pl.Float64)
    day = read_column(raw, "Publication Date", read_date, pl.Date)
    capability = pl.col("Metric").str.strip_chars()
    unknown = pl.when(~capability.is_in(list(TARGETS))).then(
        pl.format("Metric: no capability target known for {}", capability)
    )
    error = pl.concat_str(
        [compute.error, stated.error, day.error, unknown], separator="; ", ignore_nulls=True
    )
    return raw.select(
        capability=capability,
        capability_target=capability.replace_strict(TARGETS, default=None),
        published_on=day.value,
        publication=_text("Publication"),
        publication_url=_text("Publication link"),
        compute_to_capability_flop=compute.value * TFLOP_S_DAY_FLOP,
        stated_reduction_factor=stated.value,
        analysis=_text("Analysis"),
        analysis_url=_text("Analysis link"),
        row_number="row_number",
        **{PARSE_ERROR: pl.when(error != "").then(error)},
    )
