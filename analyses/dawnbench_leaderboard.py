"""DAWNBench's leaderboard: the rule, the entries' hardware and list prices.

The leaderboard ranks a training entry by the time of the first curve row that meets the
task's quality target, and its cost as that time x the submitter's on-demand price per hour;
an inference entry by its latency and cost at a stated quality that meets the target (the
upstream README's task descriptions and FAQ). An entry that does not meet its target is not on
the leaderboard: it gets a reason here and goes to quarantine. Progress over the entries:
`analyses/dawnbench_progress.py`.
"""

from __future__ import annotations

import polars as pl

from analyses.hardware_resolver import link

SECONDS_PER_HOUR = 3600


def time_to_target(curves: pl.DataFrame) -> pl.DataFrame:
    """Per curve (`entry_id`): `rows`, `best_value` and, where a row meets `target_value`, the
    first such row: `target_row`, `time_to_target_s`, `epochs_to_target`, `reached_value`.

    `curves` has `entry_id`, `row_number`, `epoch`, `elapsed_s`, `metric_value`,
    `target_value` (sources.dawnbench.to_curves)."""
    met = pl.col("metric_value") >= pl.col("target_value")
    first = pl.col("row_number").filter(met).min()
    at_first = pl.col("row_number") == first
    return (
        curves.group_by("entry_id")
        .agg(
            rows=pl.len(),
            best_value=pl.col("metric_value").max(),
            target_row=first,
            time_to_target_s=pl.col("elapsed_s").filter(at_first).first(),
            epochs_to_target=pl.col("epoch").filter(at_first).first(),
            reached_value=pl.col("metric_value").filter(at_first).first(),
        )
        .sort("entry_id")
    )


def mark_first_at_target(curves: pl.DataFrame, times: pl.DataFrame) -> pl.DataFrame:
    """`curves` plus `is_first_at_target`: the row time to target is read from."""
    first = times.select("entry_id", "target_row")
    return (
        curves.join(first, on="entry_id", how="left")
        .with_columns(is_first_at_target=pl.col("row_number").eq_missing(pl.col("target_row")))
        .drop("target_row")
    )


def closest_list_prices(entries: pl.DataFrame, cloud_price: pl.DataFrame) -> pl.DataFrame:
    """Per entry (`entry_id`) naming an instance type, the on-demand quote of that provider and
    type closest in time to `submitted_on` (ties: the cheapest region, a quote stating its
    accelerators, then source, version and row order): `list_usd_per_hour` (x
    `instance_count`), `list_price_on`, `list_price_region`, `instance_accelerators`.

    `cloud_price` holds on-demand quotes only, with `provider`, `instance_type`, `observed_at`,
    `region`, `usd_per_hour`, `accelerators_per_instance`, `source`, `sha256`, `row_number`."""
    wanted = entries.filter(pl.col("instance_type").is_not_null()).select(
        "entry_id", "provider", "instance_type", "instance_count", "submitted_on"
    )
    quotes = cloud_price.select(
        "provider",
        "instance_type",
        "region",
        "usd_per_hour",
        "source",
        "sha256",
        "row_number",
        list_price_on=pl.col("observed_at").dt.date(),
        instance_accelerators=pl.col("accelerators_per_instance"),
    )
    days_apart = (pl.col("list_price_on") - pl.col("submitted_on")).dt.total_days().abs()
    return (
        wanted.join(quotes, on=["provider", "instance_type"])
        .sort(
            "entry_id",
            days_apart,
            "usd_per_hour",
            pl.col("instance_accelerators").is_null(),
            "source",
            "sha256",
            "row_number",
        )
        .unique("entry_id", keep="first", maintain_order=True)
        .select(
            "entry_id",
            list_usd_per_hour=pl.col("usd_per_hour") * pl.col("instance_count"),
            list_price_on="list_price_on",
            list_price_region="region",
            instance_accelerators=pl.col("instance_accelerators").cast(pl.Float64),
        )
    )


def _whole(count: pl.Expr) -> pl.Expr:
    """A chip count where it is a whole number of at least 1 (a catalogue or quote counting
    K80 boards gives 0.5 for one of its two GPUs: no count rather than a wrong one)."""
    return pl.when((count >= 1) & (count == count.floor())).then(count.cast(pl.Int64))


def conform_entries(
    entries: pl.DataFrame,
    times: pl.DataFrame,
    aliases: pl.DataFrame,
    list_prices: pl.DataFrame,
    catalogue: pl.DataFrame,
) -> pl.DataFrame:
    """Entries (sources.dawnbench.to_entries) completed for core.dawnbench_entry: the curve's
    time to target, cost, `hardware_id` from `aliases` (`alias`, `hardware_id` of the
    DAWNBench hardware texts), else from the instance `catalogue`, list prices
    (`closest_list_prices`), the accelerator count with its `accelerator_count_source`, and
    the leaderboard's rule as `parse_error` where an entry fails it.

    The count is the text's own where it states one, else instances x the instance type's
    accelerators in `catalogue` (`provider`, `instance_type`, `hardware_id`,
    `accelerators_per_instance`: analyses/cloud_instances.csv; a whole number only, so a
    catalogue counting K80 boards does not make half a chip), else x a price quote's, else 1
    where one chip is named without an instance."""
    train = pl.col("kind") == "train"
    met = times.select(
        "entry_id",
        "rows",
        "best_value",
        "target_row",
        curve_time_s="time_to_target_s",
        curve_epochs="epochs_to_target",
        reached_value="reached_value",
    )
    listed = catalogue.select(
        "provider",
        _instance=pl.col("instance_type").str.to_lowercase(),
        catalogue_hardware_id="hardware_id",
        catalogue_accelerators=pl.col("accelerators_per_instance").cast(pl.Float64),
    )
    joined = (
        link(entries, aliases, spelling="hardware_text")
        .join(met, on="entry_id", how="left")
        .join(list_prices, on="entry_id", how="left")
        .with_columns(_instance=pl.col("instance_type").str.to_lowercase())
        .join(listed, on=["provider", "_instance"], how="left")
        .with_columns(hardware_id=pl.coalesce("hardware_id", "catalogue_hardware_id"))
    )
    in_catalogue = _whole(pl.col("instance_count") * pl.col("catalogue_accelerators"))
    per_instance = _whole(pl.col("instance_count") * pl.col("instance_accelerators"))
    named_chip = pl.when(
        pl.col("instance_type").is_null() & pl.col("hardware_id").is_not_null()
    ).then(1)
    counts = {
        "stated": pl.col("stated_accelerator_count"),
        "instance_catalogue": in_catalogue,
        "price_quote": per_instance,
        "named_chip": named_chip,
    }
    count_source = pl.coalesce(
        pl.when(count.is_not_null()).then(pl.lit(name)) for name, count in counts.items()
    )
    time_s = pl.when(train).then(pl.col("curve_time_s"))
    return joined.drop("_instance", "catalogue_hardware_id").with_columns(
        time_to_target_s=time_s,
        epochs_to_target=pl.when(train).then(pl.col("curve_epochs")),
        metric_value=pl.when(train).then(pl.col("reached_value")).otherwise(pl.col("metric_value")),
        cost_usd=time_s / SECONDS_PER_HOUR * pl.col("usd_per_hour"),
        accelerator_count=pl.coalesce(*counts.values()),
        accelerator_count_source=count_source,
        parse_error=pl.concat_str(
            [pl.col("parse_error"), leaderboard_rule()], separator="; ", ignore_nulls=True
        ).replace("", None),
    )


def leaderboard_rule() -> pl.Expr:
    """Why an entry is not on the leaderboard (null when it is): a training curve that never
    meets the target or lacks the time there; an inference quality below the target."""
    target = pl.format("{} >= {}", pl.col("target_metric"), pl.col("target_value"))
    train = pl.col("kind") == "train"
    return (
        pl.when(train & pl.col("curve").is_null())
        .then(pl.lit("training entry without its TSV curve: no time to target"))
        .when(train & pl.col("target_row").is_null())
        .then(
            pl.format(
                "the curve never meets {} (best {} in {} rows): not on the leaderboard",
                target,
                pl.col("best_value").round(6),
                pl.col("rows"),
            )
        )
        .when(train & pl.col("curve_time_s").is_null())
        .then(pl.format("curve row {} meets {} but states no hours", pl.col("target_row"), target))
        .when(~train & pl.col("metric_value").is_null())
        .then(pl.format("states no {}: the leaderboard needs {}", pl.col("target_metric"), target))
        .when(~train & (pl.col("metric_value") < pl.col("target_value")))
        .then(
            pl.format(
                "states {} {}, below the target {}: not on the leaderboard",
                pl.col("target_metric"),
                pl.col("metric_value").round(6),
                target,
            )
        )
    )
