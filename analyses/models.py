"""ML models: ids, hardware links, one row per model from many records, Epoch's frontier rule,
the curated active parameters of mixture-of-experts models.

Pure functions over polars frames; the assets in pipelines/models.py feed them warehouse rows.
"""

from __future__ import annotations

import hashlib
import re

import polars as pl

from analyses.hardware_resolver import link
from analyses.trend_points import frontier_mask
from schemas import MODEL_FIELDS
from schemas.models import TOGETHER

FRONTIER_TOP = 10
NOTABLE_FILE = "notable_ai_models.csv"
LARGE_SCALE_FILE = "large_scale_ai_models.csv"
# Within one version, records of a model are consulted most complete first, then in this file
# order (the full table first), then by row.
FILE_ORDER = (
    "all_ai_models.csv",
    NOTABLE_FILE,
    LARGE_SCALE_FILE,
    "frontier_ai_models.csv",
)


def slug(name: str) -> str:
    """Lower-case words of a name joined by '-' (letters of any script are kept)."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-") or "model"


def model_ids(names: pl.Series) -> pl.Series:
    """A stable id per distinct name: its slug, plus 6 hex digits of the name's SHA-1 for
    every name but the first (sorted) of those sharing a slug ("GPT-4" vs "GPT 4")."""
    distinct = sorted(set(names.drop_nulls().to_list()))
    ids, taken = {}, set()
    for name in distinct:
        base = slug(name)
        ids[name] = (
            base if base not in taken else f"{base}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        )
        taken.add(base)
    return names.replace_strict(ids, default=None, return_dtype=pl.String)


def link_hardware(records: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """`records` with `hardware_id` (the first chip named, if it resolves), `hardware_ids`
    (every chip that resolves, in order named) and `unresolved_hardware_text`.

    "Training hardware" lists several chips separated by commas ("Google TPU v4,Google TPU
    v3"); each resolves through `aliases` (`source`, `alias`, `hardware_id`) of the record's
    own source."""
    chips = (
        records.select("source", "row_number", "sha256", spelling=pl.col("hardware_text"))
        .with_columns(pl.col("spelling").str.split(","))
        .explode("spelling")
        .with_columns(pl.col("spelling").str.strip_chars())
        .filter(pl.col("spelling").str.len_chars() > 0)
        .with_columns(position=pl.int_range(pl.len()).over("source", "sha256", "row_number"))
    )
    chips = (
        link(chips, aliases, spelling="spelling", on={"source": "source"})
        .sort("position")
        .group_by("source", "sha256", "row_number")
        .agg(
            pl.col("hardware_id").filter(pl.col("position") == 0).first(),
            pl.col("hardware_id").drop_nulls().unique(maintain_order=True).alias("ids"),
            pl.col("spelling").filter(pl.col("hardware_id").is_null()).alias("unresolved"),
        )
        .select(
            "source",
            "sha256",
            "row_number",
            "hardware_id",
            hardware_ids=_joined("ids"),
            unresolved_hardware_text=_joined("unresolved"),
        )
    )
    return records.drop(
        "hardware_id", "hardware_ids", "unresolved_hardware_text", strict=False
    ).join(chips, on=["source", "sha256", "row_number"], how="left")


def _joined(column: str) -> pl.Expr:
    return pl.when(pl.col(column).list.len() > 0).then(pl.col(column).list.join(","))


def precedence(records: pl.DataFrame) -> pl.Series:
    """1-based order of each record among the records of its model in its version: most
    fields stated first, then `FILE_ORDER`, then row."""
    stated = pl.sum_horizontal(pl.col(c).is_not_null() for c in MODEL_FIELDS)
    file_rank = pl.col("file").replace_strict(
        {f: i for i, f in enumerate(FILE_ORDER)}, default=len(FILE_ORDER), return_dtype=pl.Int64
    )
    ranked = (
        records.with_row_index("_i")
        .with_columns(_stated=stated, _file=file_rank)
        .sort(["_stated", "_file", "row_number"], descending=[True, False, False])
    )
    ranked = ranked.with_columns(
        precedence=pl.int_range(1, pl.len() + 1).over("source", "sha256", "model_id")
    )
    return ranked.sort("_i")["precedence"].cast(pl.Int64)


def fold(records: pl.DataFrame, versions: pl.DataFrame) -> pl.DataFrame:
    """One row per model: each field from the newest version that states it (within a version,
    by `precedence`), with `is_notable`, `is_large_scale`, `versions`.

    `records` are core.model_record rows; `versions` has `source`, `sha256`, `version` and
    `retrieved_at` of each version they come from."""
    ordered = records.join(versions, on=["source", "sha256"], how="left").sort(
        ["retrieved_at", "precedence"], descending=[True, False]
    )
    singles = [c for c in MODEL_FIELDS if c not in {m for g in TOGETHER.values() for m in g}]
    fields = [pl.col(c).drop_nulls().first() for c in singles] + [
        pl.col(m).filter(pl.col(lead).is_not_null()).first()
        for lead, members in TOGETHER.items()
        for m in members
    ]
    label = pl.format("{}/{}", "source", "version")
    models = ordered.group_by("model_id", maintain_order=True).agg(
        pl.col("name").first(),
        *fields,
        versions=label.unique(maintain_order=True).str.join(","),
    )
    return models.with_columns(
        is_notable=pl.col("model_id").is_in(_listed(ordered, NOTABLE_FILE).implode()),
        is_large_scale=pl.col("model_id").is_in(_listed(ordered, LARGE_SCALE_FILE).implode()),
    )


def _listed(ordered: pl.DataFrame, file: str) -> pl.Series:
    """Models in `file` of the newest version that has such a file."""
    in_file = ordered.filter(pl.col("file") == file)
    if in_file.height == 0:
        return pl.Series([], dtype=pl.String)
    newest = in_file.row(0, named=True)
    return in_file.filter(
        (pl.col("source") == newest["source"]) & (pl.col("sha256") == newest["sha256"])
    )["model_id"]


def with_frontier(models: pl.DataFrame) -> pl.DataFrame:
    """Add `is_top10_at_release` (Epoch's rule: among the 10 largest computes of all models
    published on or before its date, `trend_points.frontier_mask`) and `is_frontier`: Epoch's flag up
    to the newest model Epoch flagged (Epoch has judged those), the rule after it."""
    top = pl.Series(
        frontier_mask(models["published_on"], models["training_compute_flop"], FRONTIER_TOP)
    )
    judged_until = models.filter(pl.col("is_frontier_epoch"))["published_on"].max()
    judged = pl.col("published_on") <= judged_until if judged_until else pl.lit(False)
    return models.with_columns(is_top10_at_release=top).with_columns(
        is_frontier=pl.when(judged & pl.col("is_frontier_epoch").is_not_null())
        .then(pl.col("is_frontier_epoch"))
        .otherwise(pl.col("is_top10_at_release"))
    )


def with_active_parameters(models: pl.DataFrame, curated: pl.DataFrame) -> pl.DataFrame:
    """Add `active_parameters` and `active_parameters_citation` from `curated` (`name`,
    `active_parameters`, `total_parameters`, `citation_url`, `note`: the parameters a
    mixture-of-experts model uses per token, where Epoch states only the total).

    Refuses a curated row without a citation, naming no model of `models`, or whose total
    differs from Epoch's `parameters` by more than 5% (it would describe another model).
    GPT-4's split is only rumoured (Epoch's own notes say so): it is not curated."""
    uncited = curated.filter(pl.col("citation_url").fill_null("").str.strip_chars() == "")
    if uncited.height:
        raise ValueError(f"active parameters without a citation: {uncited['name'].to_list()}")
    joined = curated.join(models.select("name", "parameters"), on="name", how="left")
    unknown = joined.filter(pl.col("parameters").is_null())
    if unknown.height:
        raise ValueError(f"active parameters of models not in core.model: {unknown['name']}")
    off = joined.filter((pl.col("total_parameters") / pl.col("parameters") - 1).abs() > 0.05)
    if off.height:
        raise ValueError(f"curated totals differ from Epoch's parameters: {off.rows()}")
    return models.join(
        curated.select(
            "name",
            active_parameters=pl.col("active_parameters").cast(pl.Float64),
            active_parameters_citation="citation_url",
        ),
        on="name",
        how="left",
    )
