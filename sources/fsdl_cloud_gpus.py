"""Full Stack Deep Learning's "Cloud GPUs" table: every version of a hand-edited price table.

The snapshot store holds one version per upstream blob of `docs/cloud-gpus/cloud-gpus.csv`
(36, 2022-08-04 .. 2025-04-21, retrieved_at = the commit's date: when an edit was merged, not
a guaranteed observation date). `parse` reads a version in upstream terms; `hardware_mentions`
lists the `GPU Type` spellings across all versions ("A100 (80 GB)", "T4 (16)", ...). The
table's `Cloud` column is the cloud provider, not a manufacturer, so `vendor_hint` is null.

`read_csv_ragged` is shared with `sources.fsdl_serverless_gpus`, whose 2023-10-30 version
has records with one more (empty) field than its header.

Blank spellings: none in the bundled versions (6,038 records, every one with a `GPU Type`).

Price quotes (`quotes`, built by `instance_quotes`, shared with the serverless table): per
record, `On-demand` (USD/h for the instance) and `Per-GPU` (USD/h per GPU) are one `on_demand`
quote, `Spot` one `spot` quote; `observed_at` is the version's `retrieved_at` (the commit
date), `instance_type` is `Name` (empty, hence null, in 3,270 records: Cudo, RunPod, ...),
`accelerators_per_instance` is `GPUs` (always a whole number: 1, 2, 3, 4, 5, 8, 10 or 16),
`hardware_text` is `GPU Type` (context "GPU Type"), `region` is null (the table has none).
The 36 bundled versions give 8,821 quotes: 6,038 on-demand (one per record) and 2,783 spot
(AWS, Azure, GCP and Jarvislabs only; `Spot` is empty in the other 3,255 records). Price
texts are decimals, with a "$" in the two 2022-08-05 versions ("$24.48") and in one
2022-08-08 record (Azure ND96amsr A100 v4, "$37.18"), which read; there are no zeros, "N/A",
ranges or footnotes.

- **Spot is per instance.** On the 1,689 multi-GPU records with a `Spot`, Spot/On-demand lies
  between 0.10 and 0.66 and is nearly the same for every size of one GPU type (within a
  factor 1.2; AWS p3.2xlarge 0.92/3.06, p3.8xlarge 3.67/12.24, p3.16xlarge 7.34/24.48: 0.30
  each), while Spot/Per-GPU grows with the GPU count; 1,188 of them would otherwise price a
  spot GPU above its on-demand Per-GPU (p3.16xlarge: Spot 7.34 vs Per-GPU 3.06). So
  `usd_per_hour` = Spot and `usd_per_accelerator_hour` = Spot / GPUs.
- **On-demand vs Per-GPU.** On-demand is Per-GPU x GPUs within rounding almost everywhere.
  A difference above 2 % of On-demand (or above Per-GPU's own rounding, half a cent per GPU
  for a two-decimal Per-GPU: RunPod.io's 10 x A40 at 0.74 with Per-GPU 0.07) is a parse error
  stating both numbers. 462 quotes (24 distinct records repeated across versions): Cudo
  Compute, 2023-05-24 onwards (A4000 x 8 On-demand 2.89, Per-GPU 0.29; even 1-GPU rows, 0.30
  vs 0.29), and Oblivus Cloud RTX4000 (On-demand 0.41 per GPU, Per-GPU 0.27).
- **Per-GPU alone.** Six Exoscale records (3080Ti, A5000) of the last version
  (2025-04-22-cd69e286d6dc) leave On-demand empty and give Per-GPU with five decimals,
  0.92361 / 1.70868 / 3.14028 for 1 / 2 / 4 GPUs: the values scale with the instance (x1.85
  and x3.40 for both GPU types, as the vCPUs and RAM double), so they are instance prices
  written in the Per-GPU column. The 1-GPU records read as stated (per GPU = per instance);
  the four multi-GPU ones are parse errors, since which basis is meant cannot be told without
  On-demand.
- A record with no price in any price column would be one `NO_FIELD` quote (`NO_PRICE`);
  none in the bundled versions. Missing or unreadable `GPUs` or `Cloud` are parse errors.
- Provider spellings go through `sources.prices.provider_id` unchanged ("RunPod.io" in 2023
  versions, "RunPod" later; "Cudo Compute", "Oblivus Cloud").
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from sources.mentions import concat_records, mentions, records
from sources.prices import NO_FIELD, finish, is_stated, price_error, price_value, provider_expr
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, number, require_columns

SOURCE = SourceInfo(
    name="fsdl_cloud_gpus",
    title="Full Stack Deep Learning, Cloud GPUs (cloud-gpus.csv)",
    homepage="https://fullstackdeeplearning.com/cloud-gpus/",
    url="https://raw.githubusercontent.com/the-full-stack/website/HEAD/docs/cloud-gpus/cloud-gpus.csv",
    filename="cloud-gpus.csv",
    licence="MIT (Full Stack Deep Learning)",
    citation=(
        "Full Stack Deep Learning (Sergey Karayev, Charles Frye), 'Cloud GPUs', "
        "https://fullstackdeeplearning.com/cloud-gpus/, data file "
        "github.com/the-full-stack/website docs/cloud-gpus/cloud-gpus.csv."
    ),
    cadence="irregular hand edits (last 2025-04-21); check monthly",
)

REQUIRED = [
    "Cloud",
    "GPU Type",
    "GPU Arch",
    "GPUs",
    "GPU RAM",
    "vCPUs",
    "RAM",
    "On-demand",
    "Per-GPU",
    "Spot",
    "Name",
]
MENTION_FIELD = "GPU Type"
PER_GPU = "Per-GPU"
# On-demand and Per-GPU x GPUs may differ by this share of On-demand (or by Per-GPU's own
# rounding, half a unit of its last written decimal per GPU, where that is more) before the
# record's on-demand quote is refused as inconsistent.
TOLERANCE = 0.02


def read_csv_ragged(path: Path, required: list[str]) -> pl.DataFrame:
    """A CSV with every field as text plus a 1-based `row_number` (record number), where a
    record may have more fields than the header only if the surplus fields are empty (they are
    trimmed). Fully empty lines are not records. Raises `UpstreamFormatError` for non-UTF-8
    text, a missing `required` column (an HTML page read as CSV ends here), a surplus field
    with text, or a record with fewer fields than the header: no bundled version has one, and
    it is what a download cut off mid-record looks like."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{path}: not UTF-8 text ({err})") from None
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error as err:
        raise UpstreamFormatError(f"{path}: not a readable CSV ({err})") from None
    if len(rows) < 2:
        raise UpstreamFormatError(f"{path}: no records")
    header, body = rows[0], rows[1:]
    require_columns(header, required, path, "the FSDL table parser (sources/fsdl_cloud_gpus.py)")
    width = len(header)
    for record, row in enumerate(body, start=1):
        if any(field.strip() for field in row[width:]):
            raise UpstreamFormatError(
                f"{path}: record {record} has {len(row)} fields for {width} columns and the "
                f"surplus is not empty: {row[width:]}"
            )
        if len(row) < width:
            raise UpstreamFormatError(
                f"{path}: record {record} has {len(row)} fields for {width} columns (a "
                "truncated file?): re-fetch it, or update sources/fsdl_cloud_gpus.py"
            )
    columns = {name: [row[i] for row in body] for i, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def parse(path: Path) -> pl.DataFrame:
    """One version of the table as text columns in upstream terms, plus `row_number`."""
    return read_csv_ragged(path, REQUIRED)


def read_records(snapshot: Snapshot) -> pl.DataFrame:
    """The version's table (`parse`), which `quotes` and `version_mention_records` share."""
    return parse(snapshot.path(SOURCE.filename))


def version_mention_records(raw: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """One mention record per record of `raw`, one version's table, blanks included (the
    serverless table has the same `GPU Type` field: its module uses this too)."""
    return records(raw, snapshot, spelling=pl.col(MENTION_FIELD), context=MENTION_FIELD)


def mention_records(
    snapshots: list[Snapshot], filename: str = SOURCE.filename, required: list[str] = REQUIRED
) -> pl.DataFrame:
    """One mention record per record of every version, blanks included (the serverless
    module calls this with its own file and columns)."""
    return concat_records(
        [version_mention_records(read_csv_ragged(s.path(filename), required), s) for s in snapshots]
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `GPU Type` spellings across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))


def _text(column: str) -> pl.Expr:
    """A text field stripped, empty -> null."""
    text = pl.col(column).str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text).otherwise(None)


def _errors(*reasons: pl.Expr) -> pl.Expr:
    joined = pl.concat_str(list(reasons), separator="; ", ignore_nulls=True)
    return pl.when(joined.str.len_chars() > 0).then(joined).otherwise(None)


def instance_quotes(
    raw: pl.DataFrame,
    snapshot: Snapshot,
    *,
    provider: str,
    hourly: str,
    instance: str | None = None,
    spot: str | None = None,
    notes: pl.Expr | None = None,
) -> pl.DataFrame:
    """Quotes of one version of an FSDL table (`raw` from `read_csv_ragged`), shared with
    `sources.fsdl_serverless_gpus`: `provider` names the provider column, `hourly` the
    instance price per hour ("On-demand", "Per-Hour"), `instance` the instance name column and
    `spot` the spot price column where the table has them.

    Per record: the instance price and `Per-GPU` are one `on_demand` quote (value text the
    instance price, or `Per-GPU` where that alone is stated); the spot price, an instance price
    (see the module docstring), is one `spot` quote; a record with neither is one `NO_FIELD`
    quote. Both price columns are filled, the unstated one derived with `GPUs`.
    """
    gpus_text = _text("GPUs")
    gpus = number("GPUs")
    provider_text = _text(provider)
    record = raw.select(
        pl.col("row_number").alias("record_number"),
        pl.lit(snapshot.retrieved_at).cast(pl.Datetime("us", "UTC")).alias("observed_at"),
        provider_expr(provider_text).alias("provider"),
        (_text(instance) if instance else pl.lit(None, pl.String)).alias("instance_type"),
        _text(MENTION_FIELD).alias("hardware_text"),
        pl.lit(MENTION_FIELD).alias("hardware_context"),
        gpus.alias("accelerators_per_instance"),
        gpus_text.alias("gpus_text"),
        (notes if notes is not None else pl.lit(None, pl.String)).alias("notes"),
        _errors(
            pl.when(provider_text.is_null()).then(pl.lit(f"no {provider} (the provider)")),
            pl.when(gpus_text.is_null())
            .then(pl.lit("no GPUs count"))
            .when(gpus.is_null())
            .then(pl.format("unreadable GPUs '{}'", gpus_text))
            .when(gpus <= 0)
            .then(pl.format("GPUs '{}' is not a positive count", gpus_text)),
        ).alias("record_error"),
        pl.col(hourly).alias("hourly_text"),
        pl.col(PER_GPU).alias("per_gpu_text"),
        (pl.col(spot) if spot else pl.lit(None, pl.String)).alias("spot_text"),
    )
    hourly_stated, per_gpu_stated = is_stated("hourly_text"), is_stated("per_gpu_text")
    instance_price, per_gpu = price_value("hourly_text"), price_value("per_gpu_text")
    n = pl.col("accelerators_per_instance")
    implied = per_gpu * n
    decimals = pl.col("per_gpu_text").str.strip_chars().str.extract(r"\.(\d+)$").str.len_chars()
    rounding = 0.5 * pl.lit(10.0).pow(-decimals.fill_null(0).cast(pl.Float64)) * n
    slack = pl.max_horizontal(TOLERANCE * instance_price, rounding) + 1e-9
    on_demand = (
        record.filter(hourly_stated | per_gpu_stated)
        .with_columns(
            pl.lit(0).alias("order"),
            pl.when(hourly_stated)
            .then(pl.lit(hourly))
            .otherwise(pl.lit(PER_GPU))
            .alias("price_field"),
            pl.when(hourly_stated)
            .then(pl.col("hourly_text"))
            .otherwise(pl.col("per_gpu_text"))
            .alias("value_text"),
            pl.lit("on_demand").alias("pricing"),
            pl.coalesce(instance_price, implied).alias("usd_per_hour"),
            pl.coalesce(per_gpu, instance_price / n).alias("usd_per_accelerator_hour"),
        )
        .with_columns(
            _errors(
                pl.col("record_error"),
                pl.when(hourly_stated & per_gpu_stated).then(
                    pl.format("{}: {}", pl.lit(PER_GPU), price_error("per_gpu_text"))
                ),
                pl.when((implied > 0) & ((instance_price - implied).abs() > slack)).then(
                    pl.format(
                        "{} '{}' disagrees with {} '{}' x {} GPUs = {} ({}% apart)",
                        pl.lit(hourly),
                        pl.col("hourly_text"),
                        pl.lit(PER_GPU),
                        pl.col("per_gpu_text"),
                        pl.col("gpus_text"),
                        implied.round(4),
                        ((instance_price / implied - 1).abs() * 100).round(1),
                    )
                ),
                pl.when(~hourly_stated & (n > 1)).then(
                    pl.format(
                        "{} '{}' is stated without {} for {} GPUs: per GPU or per instance cannot "
                        "be checked (upstream has written instance prices there)",
                        pl.lit(PER_GPU),
                        pl.col("per_gpu_text"),
                        pl.lit(hourly),
                        pl.col("gpus_text"),
                    )
                ),
                price_error("value_text"),
            ).alias("parse_error"),
        )
    )
    spot_value = price_value("spot_text")
    spot_quotes = record.filter(is_stated("spot_text")).with_columns(
        pl.lit(1).alias("order"),
        pl.lit(spot).alias("price_field"),
        pl.col("spot_text").alias("value_text"),
        pl.lit("spot").alias("pricing"),
        spot_value.alias("usd_per_hour"),
        (spot_value / n).alias("usd_per_accelerator_hour"),
        _errors(pl.col("record_error"), price_error("spot_text")).alias("parse_error"),
    )
    unpriced = record.filter(~(hourly_stated | per_gpu_stated | is_stated("spot_text")))
    unpriced = unpriced.with_columns(
        pl.lit(2).alias("order"),
        pl.lit(NO_FIELD).alias("price_field"),
        pl.lit(None, pl.String).alias("value_text"),
        pl.lit("on_demand").alias("pricing"),  # routes the quarantined quote with its kind
        pl.lit(None, pl.Float64).alias("usd_per_hour"),
        pl.lit(None, pl.Float64).alias("usd_per_accelerator_hour"),
        pl.lit(None, pl.String).alias("parse_error"),
    )
    frame = pl.concat([on_demand, spot_quotes, unpriced], how="vertical_relaxed")
    return finish(
        frame.drop("record_error", "gpus_text", "hourly_text", "per_gpu_text", "spot_text"),
        snapshot,
    )


def quotes(snapshot: Snapshot, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """One version's price quotes in `sources.prices.QUOTE_SCHEMA` (see `instance_quotes`;
    `raw`: its table as `read_records` gave it, else read here)."""
    raw = read_records(snapshot) if raw is None else raw
    return instance_quotes(
        raw, snapshot, provider="Cloud", hourly="On-demand", instance="Name", spot="Spot"
    )
