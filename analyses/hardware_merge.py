"""From every source's statements about a chip to one row per chip, by documented precedence.

`spec_rows` melts validated spec records into `core.hardware_spec` rows (one per non-null
attribute value); `merge` takes, for each chip and attribute, the value of the source that
ranks first in `PRECEDENCE`; `disagreements` lists where sources differ by more than a tolerance.
"""

from __future__ import annotations

import polars as pl

from schemas import HARDWARE, HARDWARE_SPEC, SPEC_ATTRIBUTES, TEXT_ATTRIBUTES

# A vendor's datasheet figure curated with its citation first (analyses/hardware_specs.py),
# then curated for ML (Epoch ML hardware), then Epoch's wider chip table, then the
# TechPowerUp-derived database, then Wikipedia's tables (parsed by a third party).
PRECEDENCE = ("vendor_datasheet", "epoch_hardware", "epoch_chips", "techpowerup", "wikipedia_gpus")
ATTRIBUTES = ("name", "vendor", *SPEC_ATTRIBUTES)
NUMERIC = [a for a in ATTRIBUTES if a not in TEXT_ATTRIBUTES]


def spec_rows(records: pl.DataFrame) -> pl.DataFrame:
    """Spec records (hardware_id, source_hardware_id, name, vendor, attributes, source, sha256,
    row_number) -> long `core.hardware_spec` rows, none rejected yet. `name` is always kept,
    so every loaded record leaves a row."""
    if "source_hardware_id" not in records.columns:
        records = records.with_columns(source_hardware_id=pl.col("hardware_id"))
    ids = ["hardware_id", "source_hardware_id", "source", "sha256", "row_number"]
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
    ).with_columns(is_rejected=pl.lit(False), rejected_reason=pl.lit(None, pl.String))
    return HARDWARE_SPEC.select(rows).sort("hardware_id", "source", "attribute")


def merge(
    spec: pl.DataFrame,
    precedence: tuple[str, ...] = PRECEDENCE,
    families: frozenset[str] = frozenset(),
) -> pl.DataFrame:
    """One row per hardware_id with `core.hardware`'s columns: each attribute from the
    highest-ranked source that states it, rejected statements set aside (within a source,
    the record spelled with the chip's own id first, then row order); `source` is the one
    that named the chip; `is_family` for the ids in `families`."""
    spec = spec.filter(~pl.col("is_rejected")).sort(
        pl.col("source_hardware_id") != pl.col("hardware_id"), "row_number"
    )
    unknown = set(spec["source"].unique()) - set(precedence)
    if unknown:
        raise ValueError(f"sources without a precedence rank: {sorted(unknown)}")
    rank = pl.col("source").replace_strict(
        {s: i for i, s in enumerate(precedence)}, return_dtype=pl.Int32
    )
    best = (
        spec.with_columns(rank=rank)
        .sort("rank", maintain_order=True)
        .group_by("hardware_id", "attribute", maintain_order=True)
        .first()
    )
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
    wide = wide.with_columns(
        pl.col("released_on").str.to_date("%Y-%m-%d"),
        is_family=pl.col("hardware_id").is_in(list(families)),
    )
    return HARDWARE.select(wide.cast(HARDWARE.polars_schema, strict=True)).sort("hardware_id")


def disagreements(spec: pl.DataFrame, tolerance: float = 0.10) -> pl.DataFrame:
    """Numeric values that sources state differently by more than `tolerance` (max/min - 1)."""
    numeric = spec.filter(pl.col("value").is_not_null() & ~pl.col("is_rejected"))
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


def family_rows(hardware: pl.DataFrame, families: dict[str, tuple[str, ...]]) -> pl.DataFrame:
    """A `core.hardware` row for each family that no source describes as a chip (the id a
    generic spelling such as 'H200 141GB' resolves to): vendor, kind and every number on
    which all its members agree, null where they differ (an H200's peak depends on whether
    it is the NVL or the SXM), so a price on the family is priced only where the variant
    cannot matter."""
    missing = {f: m for f, m in families.items() if f not in set(hardware["hardware_id"])}
    if not missing:
        return hardware.clear()
    members = pl.DataFrame(
        [(f, m) for f, ms in missing.items() for m in ms],
        schema={"family": pl.String, "hardware_id": pl.String},
        orient="row",
    ).join(hardware, on="hardware_id")
    agreed = [c for c in HARDWARE.column_names if c not in ("hardware_id", "name", "is_family")]
    rows = members.group_by("family").agg(
        *(
            pl.when(pl.col(c).n_unique() == 1).then(pl.col(c).first()).alias(c)
            for c in agreed
            if c not in ("source", "sources")
        ),
        sources=pl.col("sources").str.split(",").list.explode().unique().sort().str.join(","),
        members=pl.col("hardware_id").sort().str.join(", "),
    )
    rows = rows.with_columns(
        hardware_id=pl.col("family"),
        name=pl.format("{} (a family: {})", pl.col("family"), pl.col("members")),
        source=pl.lit("family"),
        is_family=pl.lit(True),
    )
    return HARDWARE.select(rows.select(HARDWARE.column_names).cast(HARDWARE.polars_schema))
