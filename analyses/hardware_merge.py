"""From every source's statements about a chip to one row per chip, by documented precedence.

`spec_rows` melts validated spec records into `core.hardware_spec` rows (one per non-null
attribute value); `merge` takes, for each chip and attribute, the value of the source that
ranks first in `PRECEDENCE`; `disagreements` lists where sources differ by more than a tolerance.
"""

from __future__ import annotations

import polars as pl

from schemas import HARDWARE, HARDWARE_SPEC, SPEC_ATTRIBUTES, TEXT_ATTRIBUTES

# Curated for ML first (Epoch ML hardware), then Epoch's wider chip table, then the
# TechPowerUp-derived database, then Wikipedia's tables (parsed by a third party).
PRECEDENCE = ("epoch_hardware", "epoch_chips", "techpowerup", "wikipedia_gpus")
ATTRIBUTES = ("name", "vendor", *SPEC_ATTRIBUTES)
NUMERIC = [a for a in ATTRIBUTES if a not in TEXT_ATTRIBUTES]


def spec_rows(records: pl.DataFrame) -> pl.DataFrame:
    """Spec records (hardware_id, name, vendor, attributes, source, sha256, row_number) ->
    `core.hardware_spec` rows. `name` is always kept, so every loaded record leaves a row."""
    ids = ["hardware_id", "source", "sha256", "row_number"]
    text = records.select(
        *ids,
        *(
            pl.col(a).dt.to_string("%Y-%m-%d") if a == "released_on" else pl.col(a)
            for a in TEXT_ATTRIBUTES
        ),
    ).unpivot(index=ids, variable_name="attribute", value_name="value_text")
    numbers = records.select(*ids, *NUMERIC).unpivot(
        index=ids, variable_name="attribute", value_name="value"
    )
    units = pl.DataFrame(
        {"attribute": NUMERIC, "unit": [HARDWARE.unit(a) for a in NUMERIC]},
        schema={"attribute": pl.String, "unit": pl.String},
    )
    rows = pl.concat(
        [
            text.filter(pl.col("value_text").is_not_null()).with_columns(
                value=pl.lit(None, pl.Float64), unit=pl.lit(None, pl.String)
            ),
            numbers.filter(pl.col("value").is_not_null())
            .with_columns(value_text=pl.lit(None, pl.String))
            .join(units, on="attribute", how="left"),
        ],
        how="diagonal",
    )
    return HARDWARE_SPEC.select(rows).sort("hardware_id", "source", "attribute")


def merge(spec: pl.DataFrame, precedence: tuple[str, ...] = PRECEDENCE) -> pl.DataFrame:
    """One row per hardware_id with `core.hardware`'s columns: each attribute from the
    highest-ranked source that states it; `source` is the one that named the chip."""
    unknown = set(spec["source"].unique()) - set(precedence)
    if unknown:
        raise ValueError(f"sources without a precedence rank: {sorted(unknown)}")
    rank = pl.col("source").replace_strict(
        {s: i for i, s in enumerate(precedence)}, return_dtype=pl.Int32
    )
    best = spec.with_columns(rank=rank).sort("rank").group_by("hardware_id", "attribute").first()
    text = best.filter(pl.col("attribute").is_in(TEXT_ATTRIBUTES)).pivot(
        "attribute", index="hardware_id", values="value_text"
    )
    numbers = best.filter(~pl.col("attribute").is_in(TEXT_ATTRIBUTES)).pivot(
        "attribute", index="hardware_id", values="value"
    )
    named_by = best.filter(pl.col("attribute") == "name").select("hardware_id", "source")
    sources = (
        spec.with_columns(rank=rank)
        .group_by("hardware_id", "source")
        .agg(pl.col("rank").first())
        .sort("rank")
        .group_by("hardware_id")
        .agg(sources=pl.col("source").str.join(","))
    )
    wide = (
        named_by.join(text, on="hardware_id", how="left")
        .join(numbers, on="hardware_id", how="left")
        .join(sources, on="hardware_id", how="left")
    )
    for column in HARDWARE.column_names:
        if column not in wide.columns:
            wide = wide.with_columns(pl.lit(None).alias(column))
    wide = wide.with_columns(pl.col("released_on").str.to_date("%Y-%m-%d"))
    return HARDWARE.select(wide.cast(HARDWARE.polars_schema, strict=True)).sort("hardware_id")


def disagreements(spec: pl.DataFrame, tolerance: float = 0.10) -> pl.DataFrame:
    """Numeric values that sources state differently by more than `tolerance` (max/min - 1)."""
    numeric = spec.filter(pl.col("value").is_not_null())
    spread = numeric.group_by("hardware_id", "attribute").agg(
        low=pl.col("value").min(),
        high=pl.col("value").max(),
        n_sources=pl.col("source").n_unique(),
        values=pl.format("{}={}", pl.col("source"), pl.col("value")).str.join("; "),
    )
    return (
        spread.filter(
            (pl.col("n_sources") > 1) & (pl.col("high") > pl.col("low") * (1 + tolerance))
        )
        .with_columns(ratio=pl.col("high") / pl.col("low"))
        .sort("ratio", descending=True)
    )
