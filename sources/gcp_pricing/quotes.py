"""A version's price quotes in `prices.QUOTE_SCHEMA`: one record per machine type x region
cost object, hourly and committed-use prices per hour, monthly twins cross-checked."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from numbers import Real

import polars as pl

from sources.gcp_pricing.layout import (
    EARLIEST_TIMESTAMP,
    HOURS_PER_MONTH,
    MONTHLY_TWINS,
    PRICE_FIELDS,
    SOURCE,
    TWIN_TOLERANCE,
)
from sources.gcp_pricing.parse import _gpu_keys, _load
from sources.prices import NO_FIELD, aware_utc, finish, price_value
from sources.snapshots import Snapshot
from sources.upstream import UpstreamFormatError

# `quotes` builds three frames: machine types, records (machine type x region), quotes
_MACHINES = pl.Schema(
    {
        "machine": pl.Int64,
        "instance_type": pl.String,
        "hardware_text": pl.String,
        "hardware_context": pl.String,
        "accelerators_per_instance": pl.Float64,
        "gpu_error": pl.String,
    }
)
_RECORDS = pl.Schema(
    {
        "record_number": pl.Int64,
        "machine": pl.Int64,
        "region": pl.String,
        "record_error": pl.String,
    }
)
# twin_text: the per-month twin of hour / hour_spot, for the cross-check
_QUOTES = pl.Schema(
    {
        "record_number": pl.Int64,
        "key": pl.String,
        "value_text": pl.String,
        "twin_text": pl.String,
    }
)
_PRICE_KEYS = [(key, MONTHLY_TWINS.get(key)) for key in PRICE_FIELDS]


def observed_at(document: dict, snapshot: Snapshot) -> datetime:
    """When the prices of a version applied: the generation `timestamp` if sane, else the
    commit date, else the retrieval time (see the module docstring)."""
    reference = aware_utc(document.get("commit_date")) or snapshot.retrieved_at.astimezone(UTC)
    stamp = document.get("timestamp")
    if isinstance(stamp, Real) and not isinstance(stamp, bool) and math.isfinite(stamp):
        try:
            generated = datetime.fromtimestamp(float(stamp), UTC)
        except (OverflowError, OSError, ValueError):
            return reference
        if EARLIEST_TIMESTAMP <= generated <= reference + timedelta(days=1):
            return generated
    return reference


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """Every price quote of one version in `sources.prices.QUOTE_SCHEMA` (see the module
    docstring for records, fields and units)."""
    label = str(snapshot.path(SOURCE.filename))
    document = _load(snapshot.path(SOURCE.filename).read_bytes(), label)
    machines: dict[str, list] = {name: [] for name in _MACHINES}
    records_: dict[str, list] = {name: [] for name in _RECORDS}
    quoted: dict[str, list] = {name: [] for name in _QUOTES}
    q_record, q_key, q_text, q_twin = quoted.values()
    record = 0
    for machine, (machine_type, attributes) in enumerate(document["instances"].items()):
        gpus = _gpu_keys(machine_type, attributes, label)
        gpu_key, count, gpu_error = None, None, None
        if len(gpus) == 1:
            ((gpu_key, count),) = gpus.items()
            count = count if count > 0 else None
        elif len(gpus) > 1:
            gpu_error = f"machine type carries several GPU keys {sorted(gpus)}: which is priced?"
        for name, value in zip(
            _MACHINES,
            (machine, machine_type, gpu_key, f"machine type {machine_type}", count, gpu_error),
            strict=True,
        ):
            machines[name].append(value)
        cost = attributes["cost"]
        if not isinstance(cost, dict):
            raise UpstreamFormatError(
                f"{label}: machine type {machine_type!r}: 'cost' is not an object of regions"
            )
        for region, prices in cost.items():
            record += 1
            records_["record_number"].append(record)
            records_["machine"].append(machine)
            records_["region"].append(region)
            records_["record_error"].append(
                None if isinstance(prices, dict) else f"cost.{region} is not an object"
            )
            stated = False
            if isinstance(prices, dict):
                for key, twin_key in _PRICE_KEYS:
                    value = prices.get(key)
                    if value is None:
                        continue
                    stated = True
                    twin = prices.get(twin_key)
                    q_record.append(record)
                    q_key.append(key)
                    q_text.append(str(value))
                    q_twin.append(None if twin is None else str(twin))
            if not stated:
                q_record.append(record)
                q_key.append(NO_FIELD)
                q_text.append(None)
                q_twin.append(None)
    frame = (
        pl.DataFrame(quoted, schema=_QUOTES)
        .join(pl.DataFrame(records_, schema=_RECORDS), on="record_number", maintain_order="left")
        .join(pl.DataFrame(machines, schema=_MACHINES), on="machine", maintain_order="left")
    )
    terms = pl.DataFrame(
        [(k, pricing, hours) for k, (pricing, hours) in PRICE_FIELDS.items()],
        schema={"key": pl.String, "pricing": pl.String, "hours": pl.Float64},
        orient="row",
    )
    frame = frame.join(terms, on="key", how="left", maintain_order="left")
    value = price_value("value_text")
    twin = price_value("twin_text")
    hourly = value / pl.col("hours")
    disagrees = (twin / (value * HOURS_PER_MONTH) - 1).abs() > TWIN_TOLERANCE
    twin_error = pl.when(disagrees & (value > 0)).then(
        pl.format(
            "{} '{}' disagrees with its monthly twin '{}' (expected {} h x the hourly price): "
            "upstream is inconsistent",
            "key",
            "value_text",
            "twin_text",
            pl.lit(f"{HOURS_PER_MONTH:g}"),
        )
    )
    frame = frame.with_columns(
        price_field=pl.when(pl.col("key") == NO_FIELD)
        .then(pl.lit(NO_FIELD))
        .otherwise(pl.format("cost.{}.{}", "region", "key")),
        observed_at=pl.lit(observed_at(document, snapshot), dtype=pl.Datetime("us", "UTC")),
        provider=pl.lit("gcp"),
        usd_per_hour=hourly,
        usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
        notes=pl.when(pl.col("hours") > 1).then(
            pl.format(
                "USD per month with committed use discount / {} h",
                pl.col("hours").cast(pl.Int64),
            )
        ),
        parse_error=pl.coalesce("record_error", "gpu_error", twin_error),
    )
    return finish(frame)
