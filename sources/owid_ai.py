"""Our World in Data, artificial-intelligence grapher exports (processed views of Epoch data).

Five CSVs in one version: training compute, parameters, training datapoints, hardware and
energy cost of training, cumulative large-scale systems by country. `estimates` reads the four
per-model files into core.model_estimate's shape, to cross-check Epoch's own tables; the
country counts are not per model and are not read. No hardware is named in these files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, RejectedDownload, SourceInfo, refuse_unexpected_html
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
# The grapher chart behind each file: its CSV download is the file, under the same name.
GRAPHER = "https://ourworldindata.org/grapher/"
URLS = {name: GRAPHER + name for name in FILES}

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


# --- live fetch ---------------------------------------------------------------------------

# File -> the columns a live download must have (the per-model files: what `estimates` reads).
COLUMNS = {
    **{name: ["Entity", "Day", column] for name, (column, _, _) in ESTIMATES.items()},
    "cumulative-number-of-large-scale-ai-systems-by-country.csv": [
        "Entity",
        "Year",
        "Cumulative number of large-scale AI systems by country",
    ],
}


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """GET the five grapher CSVs (`URLS`) and store them together as one version when any of
    them changed (the same five files as the bundled version, so the same content is the same
    version). Nothing is stored when any GET fails or any file is an HTML page, unreadable, or
    lacks its `COLUMNS` (`RejectedDownload` naming the URL)."""
    files = {}
    for name, url in URLS.items():
        response = client.get(url)
        refuse_unexpected_html(url, response)
        try:
            check_file(name, response.content)
        except UpstreamFormatError as err:
            raise RejectedDownload(
                f"GET {response.url}: the download does not read as {SOURCE.name}'s {name}: "
                f"{err}; nothing stored, the stored versions are unchanged"
            ) from err
        files[name] = response.content
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=GRAPHER,
        licence=SOURCE.licence,
        extra={
            "obtained_via": f"live GET of the grapher CSV downloads {GRAPHER}<file>",
            "file_urls": URLS,
        },
    )
    return FetchOutcome(snapshot, changed=created)


def check_file(name: str, data: bytes) -> None:
    """Raise `UpstreamFormatError` unless `parse` reads `data` (as a temporary file called
    `name`) into at least one record with the columns `COLUMNS` names for it."""
    with tempfile.TemporaryDirectory(prefix="flopbase-check-") as folder:
        path = Path(folder) / name  # our name for the file, never the upstream's
        path.write_bytes(data)
        try:
            frame = parse(path)
        except UpstreamFormatError as err:
            raise UpstreamFormatError(str(err).replace(str(path), name)) from None
        except UnicodeDecodeError as err:
            raise UpstreamFormatError(f"not UTF-8 text ({err})") from None
    missing = [c for c in COLUMNS[name] if c not in frame.columns]
    if missing:
        raise UpstreamFormatError(
            f"columns {missing} are missing (found {frame.columns[1:][:10]}); the upstream "
            "format changed: update sources/owid_ai.py"
        )
    if frame.is_empty():
        raise UpstreamFormatError("no records")
