"""The tick file `benchmarks.tick_load` loads (SYNTHETIC ticks of `bench_ticks`; no upstream
writes this format, and the real tracker loads through the polars path): its format, what a quote becomes in core.cloud_price,
and the reasons a quote is quarantined with (the polars path's own words).

## The tick file

UTF-8 CSV, comma-separated, `"` quotes, with exactly this header line:

    observed_at,provider,gpu_type,socket_type,usd_per_accelerator_hour

One line is one quote: the cheapest offer of one provider for one accelerator at one tick, the
shape of `sources.gpu_price_tracker.quotes` flattened (one line per `by_provider` entry).

- `observed_at`: ISO 8601 date and time ending in an explicit UTC offset (`+00:00`, `-0500`,
  `+05`) or `Z`, e.g. `2025-10-19T21:01:58.727366+00:00`; a time without one is not guessed.
- `provider`: the provider id (`sources.prices.provider_id`: `lambda`, `runpod`, `dc_roan`).
- `gpu_type`, `socket_type`: the accelerator as the upstream spells it (`H100_80GB`) and its
  form factor (`SXM5`, or empty). They resolve to `hardware_id` through core.hardware_alias
  rows of the snapshot's source, with the mention context `sources.gpu_price_tracker` gives:
  "gpu_type with socket_type <socket>" or "gpu_type without socket_type". Without a
  core.hardware_alias table, `hardware_id` stays null.
- `usd_per_accelerator_hour`: the price as written; `$` and thousands commas are read.

Blank lines are not quotes. A line with the wrong number of fields makes the whole file
unreadable (DuckDB's error names the line): nothing is written.

## What a quote becomes

`row_number` = `record_number` = the quote's number in the file (1-based, header excluded,
file order); `price_field` = "usd_per_accelerator_hour"; `pricing` = "marketplace";
`hardware_text` = `gpu_type`; `region`, `instance_type`, `accelerators_per_instance` and
`usd_per_hour` are null (the marketplace states no instance).

A quote is quarantined with the first reason that applies, in the polars path's words:

1. format: "unreadable timestamp '...'", NO_PRICE (empty price), "unreadable price '...'",
   ZERO_MEANS_MISSING (a zero price), "negative price '...'";
2. duplicate observation: the same time, provider, accelerator and form factor as an earlier
   quote of the file without a format error (the first one loads);
3. every check core.cloud_price declares, translated to SQL by `benchmarks.tick_sql_checks`
   ("usd_per_accelerator_hour failed less_than(100) (value 150.0)"), joined with "; ".

The quarantine record is the line's fields as JSON text, as written; for a quote rejected as
a duplicate or for its provider or accelerator id alone it is rebuilt from the parsed values
(the time as ISO 8601 UTC).
"""

from __future__ import annotations

from pathlib import Path

from schemas import CLOUD_PRICE

TICK_COLUMNS = ("observed_at", "provider", "gpu_type", "socket_type", "usd_per_accelerator_hour")
HEADER = ",".join(TICK_COLUMNS)
PRICE_FIELD = "usd_per_accelerator_hour"
PRICING = "marketplace"
TABLE = CLOUD_PRICE
# How a time may end: an offset or Z (SQL LIKE patterns; a ':' must occur before).
OFFSET_ENDINGS = ("%Z", "%z", "%+__:__", "%-__:__", "%+____", "%-____", "%+__", "%-__")


class TickFormatError(ValueError):
    """The file is not a tick file (its header differs); nothing was written."""


def check_header(csv_path: Path) -> None:
    with csv_path.open("rb") as handle:
        first = handle.readline().decode("utf-8-sig", errors="replace").strip()
    if first != HEADER:
        raise TickFormatError(
            f"{csv_path}: not a tick file: the header is {first[:200]!r}, expected {HEADER!r}"
        )
