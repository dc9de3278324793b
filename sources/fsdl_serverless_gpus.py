"""Full Stack Deep Learning's "Serverless GPUs" table: every version of a hand-edited table.

One version per upstream blob of `docs/cloud-gpus/serverless-gpus.csv` (22, 2023-01-10 ..
2024-05-20; retrieved_at = the commit's date). Same shape as `sources.fsdl_cloud_gpus` with
`Vendor` (the serverless provider, not a manufacturer: `vendor_hint` stays null) instead of
`Cloud`, `Per-Hour` instead of `On-demand`, and in seven 2023 versions an extra
`Idle time charged?` column. The 2023-10-30 version (commit e1c1d272) has ten records with one
trailing empty field more than its header; `read_csv_ragged` trims it.

Blank spellings: none in the bundled versions (565 records, every one with a `GPU Type`).

Price quotes (`quotes`, via `sources.fsdl_cloud_gpus.instance_quotes`): `Per-Hour` and
`Per-GPU` are one `on_demand` quote per record (the table has no spot column); `provider` is
`Vendor`, `instance_type` null (no instance names), `hardware_text` is `GPU Type` (context
"GPU Type"), `observed_at` the version's `retrieved_at`, and `notes` carries the `Idle time
charged?` answer where the version has that column ("Idle time charged? Yes": 72 quotes, "No":
46). The 22 bundled versions give 565 quotes, none with a parse error: every record states
both prices, `GPUs` is a whole number (1 to 10) and Per-Hour = Per-GPU x GPUs within rounding
everywhere (the widest gap: Baseten's 1-GPU T4 from the 2023-10-31 versions on, 0.63 vs 0.64,
1.6 %). Prices are plain decimals except Mystic AI's four 2024-05-20 records ("$0.4", "$3"),
which read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources import fsdl_cloud_gpus
from sources.fsdl_cloud_gpus import instance_quotes, read_csv_ragged
from sources.mentions import mentions
from sources.snapshots import Snapshot
from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="fsdl_serverless_gpus",
    title="Full Stack Deep Learning, Serverless GPUs (serverless-gpus.csv)",
    homepage="https://fullstackdeeplearning.com/cloud-gpus/",
    url="https://raw.githubusercontent.com/the-full-stack/website/HEAD/docs/cloud-gpus/serverless-gpus.csv",
    filename="serverless-gpus.csv",
    licence="MIT (Full Stack Deep Learning)",
    citation=(
        "Full Stack Deep Learning (Sergey Karayev, Charles Frye), 'Cloud GPUs' (serverless "
        "table), https://fullstackdeeplearning.com/cloud-gpus/, data file "
        "github.com/the-full-stack/website docs/cloud-gpus/serverless-gpus.csv."
    ),
    cadence="irregular hand edits (last 2024-05-20); check monthly",
)

REQUIRED = [
    "Vendor",
    "GPU Type",
    "GPU Arch",
    "GPUs",
    "GPU RAM",
    "vCPUs",
    "RAM",
    "Per-Hour",
    "Per-GPU",
]
IDLE = "Idle time charged?"  # in seven 2023 versions: Yes / No, kept as the quote's note


def parse(path: Path) -> pl.DataFrame:
    """One version of the table as text columns in upstream terms, plus `row_number`."""
    return read_csv_ragged(path, REQUIRED)


def read_records(snapshot: Snapshot) -> pl.DataFrame:
    """The version's table (`parse`), which `quotes` and `version_mention_records` share."""
    return parse(snapshot.path(SOURCE.filename))


def version_mention_records(raw: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """One mention record per record of `raw` (one version's table), blanks included."""
    return fsdl_cloud_gpus.version_mention_records(raw, snapshot)


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per record of every version, blanks included."""
    return fsdl_cloud_gpus.mention_records(snapshots, SOURCE.filename, REQUIRED)


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `GPU Type` spellings across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))


def quotes(snapshot: Snapshot, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """One version's price quotes in `sources.prices.QUOTE_SCHEMA`: `Per-Hour` and `Per-GPU`
    as one `on_demand` quote per record (see `sources.fsdl_cloud_gpus.instance_quotes`;
    `raw`: its table as `read_records` gave it, else read here)."""
    raw = read_records(snapshot) if raw is None else raw
    idle = pl.col(IDLE).str.strip_chars()
    notes = (
        pl.when(idle.str.len_chars() > 0).then(pl.format("{} {}", pl.lit(IDLE), idle))
        if IDLE in raw.columns
        else None
    )
    return instance_quotes(raw, snapshot, provider="Vendor", hourly="Per-Hour", notes=notes)
