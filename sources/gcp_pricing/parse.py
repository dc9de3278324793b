"""The extract of one version: its machine types, each with its GPU keys and counts."""

from __future__ import annotations

import json
from numbers import Real
from pathlib import Path

import polars as pl

from sources.gcp_pricing.layout import ATTRIBUTES, COLUMNS
from sources.upstream import UpstreamFormatError


def _load(data: bytes, label: str) -> dict:
    """The extract as a dict with a non-empty `instances` object (else UpstreamFormatError)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    instances = document.get("instances") if isinstance(document, dict) else None
    if not isinstance(instances, dict) or not instances:
        raise UpstreamFormatError(f"{label}: no 'instances' object of machine types")
    return document


def _gpu_keys(machine_type: str, attributes: object, label: str) -> dict[str, float]:
    """The GPU keys of one machine type with their counts (checked as `parse` does)."""
    if not isinstance(attributes, dict) or "cost" not in attributes:
        raise UpstreamFormatError(f"{label}: machine type {machine_type!r} has no 'cost'")
    gpus = {}
    for key, count in attributes.items():
        if key in ATTRIBUTES:
            continue
        if not isinstance(count, Real) or isinstance(count, bool):
            raise UpstreamFormatError(
                f"{label}: machine type {machine_type!r} has key {key!r} = {count!r}, neither "
                f"a known attribute {sorted(ATTRIBUTES)} nor a GPU count"
            )
        gpus[key] = float(count)
    return gpus


def parse(path: Path) -> pl.DataFrame:
    """One row per machine type and GPU key (`machine_type`, `gpu_key`, `gpu_count`); a machine
    type without a GPU key gets one row with null `gpu_key` rather than none."""
    document = _load(path.read_bytes(), str(path))
    rows = []
    for machine_type, attributes in document["instances"].items():
        gpus = _gpu_keys(machine_type, attributes, str(path))
        rows.extend((machine_type, key, count) for key, count in gpus.items())
        if not gpus:
            rows.append((machine_type, None, None))
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")
