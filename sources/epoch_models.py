"""Epoch AI, "Data on AI Models": the full download (all, notable, large-scale, frontier CSVs).

`parse` reads one of the CSVs as text in upstream terms; `read_version` reads every CSV of a
version as one frame of records numbered across the files, and `model_records` conforms them to
core.model_record's columns (SI units; free-text numbers and dates read, unreadable ones named
in `parse_error`). `hardware_mentions` lists every accelerator spelling of the "Training
hardware" field (several chips per field, comma-separated).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import polars as pl

from sources import mentions
from sources.http import HttpClient
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, RejectedDownload, SourceInfo, conditional_get
from sources.upstream import (
    PARSE_ERROR,
    UpstreamFormatError,
    read_column,
    read_csv_text,
    read_date,
    read_number_list,
)

SOURCE = SourceInfo(
    name="epoch_models",
    title="Epoch AI, Data on AI Models",
    homepage="https://epoch.ai/data/ai-models",
    # A zip of the four CSVs and a README; the stored version holds the zip's CSVs.
    url="https://epoch.ai/data/ai_models.zip",
    filename="ai_models.zip",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/ai-models' [online resource]."
    ),
    cadence="monthly",
)

FILES = (
    "all_ai_models.csv",
    "notable_ai_models.csv",
    "large_scale_ai_models.csv",
    "frontier_ai_models.csv",
)
HARDWARE = "Training hardware"
# One number per record: the total count of chips, over all those named in HARDWARE.
QUANTITY = "Hardware quantity"
REQUIRED = ["Model", "Publication date", HARDWARE, QUANTITY]


NAME = "Model"
FLAG = "Frontier model"
FRONTIER_FILE = "frontier_ai_models.csv"
# Our column <- upstream column, by how it is read. Columns a file lacks read as null.
TEXTS = {
    "organization": "Organization",
    "organization_category": "Organization categorization",
    "country": "Country (of organization)",
    "domain": "Domain",
    "task": "Task",
    "accessibility": "Model accessibility",
    "confidence": "Confidence",
    "compute_estimation_method": "Training compute estimation method",
    "hardware_text": HARDWARE,
    "numerical_format": "Numerical format",
    "base_model": "Base model",
    "link": "Link",
}
NUMBERS = {  # our column -> (upstream column, factor to SI)
    "parameters": ("Parameters", 1.0),
    "training_compute_flop": ("Training compute (FLOP)", 1.0),
    "training_compute_low_flop": ("Training compute lower bound", 1.0),
    "training_compute_high_flop": ("Training compute upper bound", 1.0),
    "training_dataset_size": ("Training dataset size (total)", 1.0),
    "epochs": ("Epochs", 1.0),
    "training_time_s": ("Training time (hours)", 3600.0),
    "hardware_quantity": (QUANTITY, 1.0),
    "model_flop_utilisation": ("Hardware utilization (MFU)", 1.0),
    "hardware_flop_utilisation": ("Hardware utilization (HFU)", 1.0),
    "training_cost_usd": ("Training compute cost (2023 USD)", 1.0),
    "training_cost_cloud_usd": ("Training compute cost (cloud)", 1.0),
    "training_cost_upfront_usd": ("Training compute cost (upfront)", 1.0),
    "hardware_acquisition_cost_usd": ("Hardware acquisition cost", 1.0),
    "training_power_draw_w": ("Training power draw (W)", 1.0),
    "finetune_compute_flop": ("Finetune compute (FLOP)", 1.0),
}
# None of these quantities can be zero; Epoch writes 0.0 where it did not estimate one
# (PROVENANCE.md: hardware acquisition cost; also seen in dataset size, epochs and fine-tune
# compute), so zero reads as missing.


def parse(path: Path) -> pl.DataFrame:
    """One Epoch models CSV as text columns in upstream terms, with a 1-based `row_number`."""
    return read_csv_text(path, REQUIRED, "sources/epoch_models.py")


def read_version(snapshot: Snapshot) -> pl.DataFrame:
    """Every CSV of a version as one frame of text columns (the union of the files' headers),
    with `file` and a `row_number` counted across the files in `FILES` order, so
    (sha256, row_number) names one record of the version."""
    frames, offset = [], 0
    for name in [f for f in FILES if f in snapshot.files] or sorted(snapshot.files):
        if not name.endswith(".csv"):
            continue
        frame = parse(snapshot.path(name)).with_columns(
            pl.col("row_number") + offset, file=pl.lit(name)
        )
        if FLAG in frame.columns:  # an empty flag is "no"; a file without the column says nothing
            frame = frame.with_columns(pl.col(FLAG).fill_null(""))
        offset += frame.height
        frames.append(frame)
    return pl.concat(frames, how="diagonal")


def _flag(text: str) -> bool | None:
    if text.strip() in ("True", "TRUE", "true"):
        return True
    if text.strip() in ("", "False", "FALSE", "false"):
        return False
    raise ValueError(f"not True/False: {text!r}")


def _timestamp(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise ValueError(f"not an ISO timestamp: {text!r}") from None


def model_records(raw: pl.DataFrame) -> pl.DataFrame:
    """`read_version` records conformed: `name`, our columns of `TEXTS` and `NUMBERS` (SI),
    `published_on`, `is_frontier_epoch`, `last_modified_at`, `unread_values` (list fields with
    differing values, left null and named here), `file`, `row_number` and `parse_error`
    (every unreadable field named, or a missing model name)."""
    for upstream in [*TEXTS.values(), *(u for u, _ in NUMBERS.values()), FLAG, "Last modified"]:
        if upstream not in raw.columns:
            raw = raw.with_columns(pl.lit(None, pl.String).alias(upstream))
    name = pl.col(NAME).str.strip_chars()
    values, errors = {}, [pl.when(name.fill_null("") == "").then(pl.lit("no model name"))]
    ambiguities = []
    for ours, (upstream, factor) in NUMBERS.items():
        read = read_column(raw, upstream, read_number_list, pl.Float64)
        values[ours] = pl.when(read.value != 0).then(read.value) * factor
        errors.append(read.error)
        ambiguities.append(read.ambiguity)
    for ours, upstream, reader, dtype in (
        ("published_on", "Publication date", read_date, pl.Date),
        ("last_modified_at", "Last modified", _timestamp, pl.Datetime("us", "UTC")),
        ("is_frontier_epoch", FLAG, _flag, pl.Boolean),
    ):
        read = read_column(raw, upstream, reader, dtype)
        values[ours] = read.value
        errors.append(read.error)
    values["is_frontier_epoch"] = (
        pl.when(pl.col("file") == FRONTIER_FILE).then(True).otherwise(values["is_frontier_epoch"])
    )
    texts = {
        ours: pl.when(pl.col(up).str.strip_chars() != "").then(pl.col(up).str.strip_chars())
        for ours, up in TEXTS.items()
    }
    joined = pl.concat_str(errors, separator="; ", ignore_nulls=True)
    unread = pl.concat_str(ambiguities, separator="; ", ignore_nulls=True)
    return raw.select(
        pl.when(name != "").then(name).alias("name"),
        **texts,
        **values,
        unread_values=pl.when(unread != "").then(unread),
        file="file",
        row_number="row_number",
        **{PARSE_ERROR: pl.when(joined != "").then(joined)},
    )


def hardware_records(raw: pl.DataFrame, seen_on: date) -> pl.DataFrame:
    """One row per (record, chip named in its "Training hardware" field).

    The field lists several chips separated by commas ("Google TPU v4,Google TPU v3"); no
    Epoch hardware name contains a comma. A record is identified by its stripped `Model` and
    `Publication date`, as the same model appears in several of the files.
    """
    record = pl.concat_str(
        pl.col("Model").str.strip_chars().fill_null(""),
        pl.col("Publication date").str.strip_chars().fill_null(""),
        separator="\x1f",
    )
    return (
        raw.select(
            record.alias("record"),
            pl.col(HARDWARE).str.split(",").alias("spelling"),
        )
        .explode("spelling")
        .with_columns(pl.col("spelling").str.strip_chars())
        .filter(pl.col("spelling").str.len_chars() > 0)
        .select(
            "record",
            "spelling",
            pl.lit(None, dtype=pl.String).alias("vendor_hint"),
            pl.lit(HARDWARE).alias("context"),
            pl.lit(seen_on).alias("seen_on"),
        )
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct spelling of training hardware across the CSVs of `snapshots`.

    `occurrences` counts distinct model records (stripped name + publication date) carrying
    the spelling over all files and versions, so a model listed in all/notable/frontier counts
    once. Epoch has no manufacturer field next to the chip, so `vendor_hint` is null.
    """
    parts = [
        hardware_records(parse(snapshot.path(name)), snapshot.retrieved_at.date())
        for snapshot in snapshots
        for name in sorted(snapshot.files)
        if name.endswith(".csv")
    ]
    if not parts:
        return mentions.MENTION_SCHEMA.to_frame()
    return mentions.mentions(pl.concat(parts))


# --- live fetch ---------------------------------------------------------------------------

MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # the four CSVs are ~10 MB; refuse a zip bomb


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download `ai_models.zip` (conditional GET) and store the CSVs of `FILES` it holds as a
    new version when they changed (the same four files the bundled version holds, so the
    same content is the same version). Nothing is stored when the zip or a CSV is unreadable."""
    response, latest = conditional_get(SOURCE.name, SOURCE.url, store, client)
    if response.not_modified and latest:
        return FetchOutcome(latest, changed=False)
    try:
        files = unzip_csvs(response.content)
    except UpstreamFormatError as err:
        raise RejectedDownload(
            f"GET {response.url}: {err}; nothing stored, the stored versions are unchanged"
        ) from err
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=SOURCE.url,
        licence=SOURCE.licence,
        etag=response.etag,
        last_modified=response.last_modified,
        extra={"obtained_via": f"live GET of {SOURCE.url}: the zip's {', '.join(FILES)}"},
    )
    return FetchOutcome(snapshot, changed=created)


def unzip_csvs(body: bytes) -> dict[str, bytes]:
    """`FILES` out of the zip, each checked by `parse`. A member is taken by the last part of
    its name matching one of `FILES` (the name is never used as a path); others are ignored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile as err:
        raise UpstreamFormatError(f"not a zip archive ({err})") from None
    members = {
        info.filename.rsplit("/", 1)[-1]: info
        for info in archive.infolist()
        if not info.is_dir() and info.filename.rsplit("/", 1)[-1] in FILES
    }
    missing = [name for name in FILES if name not in members]
    if missing:
        raise UpstreamFormatError(
            f"the zip lacks {missing} (it holds {archive.namelist()[:20]}): the download "
            "changed shape, update sources/epoch_models.py"
        )
    if sum(info.file_size for info in members.values()) > MAX_UNZIPPED_BYTES:
        raise UpstreamFormatError(f"the zip's CSVs unpack to more than {MAX_UNZIPPED_BYTES} bytes")
    files = {}
    with tempfile.TemporaryDirectory(prefix="flopbase-check-") as folder:
        for name, info in members.items():
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as err:
                raise UpstreamFormatError(f"{name} in the zip is unreadable ({err})") from None
            (Path(folder) / name).write_bytes(data)
            try:
                parse(Path(folder) / name)
            except UpstreamFormatError as err:
                raise UpstreamFormatError(str(err).replace(folder + "/", "")) from None
            files[name] = data
    return files
