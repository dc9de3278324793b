"""The SYNTHETIC ticks of `bench_ticks`: their shape (the tracker's accelerator spellings and
provider ids, a tick every 30 minutes from 2000-01-01, prices 0.50..10.00 USD), the DuckDB
SELECT that writes them, and the alias fixture that ids the spellings."""

from __future__ import annotations

SOURCE = "synthetic_ticks"
SHA256 = "5" * 64  # a stand-in: the synthetic file is not a stored snapshot
GPUS = [
    ("A100_80GB", "PCIe", 1.4),
    ("A100_80GB", "SXM4", 1.6),
    ("B200_180GB", None, 5.5),
    ("GH200_96GB", None, 2.2),
    ("H100_80GB", "PCIe", 2.1),
    ("H100_80GB", "SXM5", 2.4),
    ("H200_141GB", None, 3.4),
]
PROVIDERS = [
    "runpod",
    "lambda",
    "hyperstack",
    "massedcompute",
    "nebius",
    "crusoe",
    "oblivus",
    "latitude",
    "primecompute",
    "dc_roan",
    "datacrunch",
    "fluidstack",
    "tensordock",
    "vastai",
    "coreweave",
]
SERIES = len(GPUS) * len(PROVIDERS)
# Benchmark fixture, not a claim: the synthetic spellings' ids, so the alias join is timed.
ALIASES = {
    ("A100_80GB", "PCIe"): "nvidia-a100-pcie-80gb",
    ("A100_80GB", "SXM4"): "nvidia-a100-sxm4-80gb",
    ("B200_180GB", None): "nvidia-b200",
    ("GH200_96GB", None): "nvidia-gh200",
    ("H100_80GB", "PCIe"): "nvidia-h100-pcie-80gb",
    ("H100_80GB", "SXM5"): "nvidia-h100-sxm5-80gb",
    ("H200_141GB", None): "nvidia-h200-sxm",
}


def _list(values) -> str:
    return "[" + ", ".join("NULL" if v is None else repr(v) for v in values) + "]"


def tick_sql(rows: int) -> str:
    """SELECT of the synthetic ticks: line i (0-based) is tick i // SERIES of provider
    (i // 7) % 15 and accelerator i % 7."""
    gpu = f"i % {len(GPUS)} + 1"
    return f"""
SELECT strftime(TIMESTAMPTZ '2000-01-01 00:00:00+00' + to_minutes(CAST((i // {SERIES}) * 30 AS BIGINT)),
                '%Y-%m-%dT%H:%M:%S+00:00') AS observed_at,
       {_list(PROVIDERS)}[(i // {len(GPUS)}) % {len(PROVIDERS)} + 1] AS provider,
       {_list(g for g, _, _ in GPUS)}[{gpu}] AS gpu_type,
       {_list(s for _, s, _ in GPUS)}[{gpu}] AS socket_type,
       round(greatest(0.5, least(10.0, {_list(b for _, _, b in GPUS)}[{gpu}]
             * (0.6 + 0.8 * ((hash(i) % 1000) / 1000.0)))), 2) AS usd_per_accelerator_hour
FROM range({rows}) r(i)"""


def rows_label(rows: int) -> str:
    exponent = len(str(rows)) - 1
    return f"1e{exponent}" if rows == 10**exponent else str(rows)
