"""Hand-curated data: the one loader of `data/curated/*.csv`.

Curated files hold what no upstream states in a form we can read: spellings of chips, merges
of one product's ids, vendors' datasheet figures, cloud instance types and their accelerators,
active parameters of mixture-of-experts models, name maps, published estimates. Each is a
source like any other, so it lives beside the snapshots (not in code folders), is read here
only, and every row carries its citation: `load` refuses a file with a row that has none.
Analyses receive the frames as arguments and read no file themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

CURATED_DIR = Path(__file__).resolve().parent.parent / "data" / "curated"


@dataclass(frozen=True)
class Curated:
    """One curated file: the column that cites each row's evidence, or, for a name map of
    one publication, the citation of the whole file."""

    name: str
    citation_column: str | None = None
    file_citation: str | None = None
    schema_overrides: tuple[tuple[str, type[pl.DataType]], ...] = ()

    @property
    def path(self) -> Path:
        return CURATED_DIR / f"{self.name}.csv"


FILES = {
    c.name: c
    for c in (
        Curated("hardware_aliases", citation_column="reason"),
        Curated("hardware_merges", citation_column="citation"),
        Curated(
            "hardware_spec_corrections",
            citation_column="citation",
            schema_overrides=(("value", pl.Float64),),
        ),
        Curated("cloud_instances", citation_column="reference"),
        Curated(
            "model_active_parameters",
            citation_column="citation_url",
            schema_overrides=(("active_parameters", pl.Float64), ("total_parameters", pl.Float64)),
        ),
        Curated(
            "openai_2018_models",
            file_citation="OpenAI, 'AI and Compute' (2018), appendix: the systems and their "
            "compute (https://openai.com/index/ai-and-compute/); each row maps its name to "
            "Epoch's spelling of the same system",
        ),
        Curated("published_trends", citation_column="published_url"),
    )
}


class CuratedFileError(ValueError):
    """A curated file that cannot be trusted as it is (a row without its citation)."""


def load(name: str) -> pl.DataFrame:
    """The rows of `data/curated/<name>.csv` (every value text unless the file declares a
    type), with `row_number` (1-based); refuses a row without its citation."""
    spec = FILES[name]
    frame = pl.read_csv(
        spec.path,
        infer_schema=False,
        comment_prefix="#",
        row_index_name="row_number",
        row_index_offset=1,
    ).with_columns(pl.col(c).cast(t) for c, t in spec.schema_overrides)
    if spec.citation_column:
        uncited = frame.filter(
            pl.col(spec.citation_column).is_null()
            | (pl.col(spec.citation_column).str.strip_chars() == "")
        )
        if uncited.height:
            raise CuratedFileError(
                f"{spec.path}: rows {uncited['row_number'].to_list()} have no "
                f"{spec.citation_column}: every curated row cites its evidence"
            )
    return frame


def sha256(name: str) -> str:
    """The content hash of a curated file, recorded with what it produced."""
    return hashlib.sha256(FILES[name].path.read_bytes()).hexdigest()
