"""The gpustats upstream as it is laid out: the pinned commit, the source, the columns every
row or some row must have, which upstream columns hold each of our facts (`PRECEDENCE`) and
the units their cells are in."""

from __future__ import annotations

from sources.source import SourceInfo

COMMIT = "652aeda983b6681f20a66766cc7fc2d25ce641f2"

SOURCE = SourceInfo(
    name="wikipedia_gpus",
    title="Wikipedia, lists of Nvidia and AMD graphics processing units (via owensgroup/gpustats)",
    homepage="https://github.com/owensgroup/gpustats",
    url=(
        f"https://raw.githubusercontent.com/owensgroup/gpustats/{COMMIT}/"
        "plots/Release%20price%20over%20Time.html"
    ),
    filename="release_price_rows.json",
    licence="CC BY-SA 4.0",
    citation=(
        "Wikipedia contributors, 'List of Nvidia graphics processing units' and 'List of AMD "
        "graphics processing units', Wikipedia, The Free Encyclopedia (CC BY-SA 4.0); tables "
        f"parsed by owensgroup/gpustats (BSD-3-Clause), commit {COMMIT}, "
        "'plots/Release price over Time.html'."
    ),
    cadence="irregular (gpustats rebuilds its plots from Wikipedia now and then); the URL is "
    "pinned to one commit",
)

# The model name; the R7/R9 200 table of the AMD list heads that column "Model (codename)".
NAME = ["Model", "Model (codename)"]
# Every row must have these (the plot's own fields: x = Launch, y = Release Price (USD)).
EVERY_ROW = ["Vendor", "Launch", "Release Price (USD)"]

# Our column -> upstream columns holding it, in precedence order (first non-empty wins).
PRECEDENCE: dict[str, list[str]] = {
    "launch_price_usd": ["Release Price (USD)"],
    "memory_bytes": ["Memory Size (MB)", "Memory Size (GB)", "Memory Size"],
    "memory_bandwidth_bytes_per_s": ["Memory Bandwidth (GB/s)"],
    "tdp_w": ["TDP (Watts)", "TDP", "TBP (W)", "TBP", "TDP (Watts) Max"],
    "process_size_m": ["Fab (nm)"],
    "die_area_m2": ["Die size (mm2)", "Transistors & Die Size", "Transistors Die Size"],
    "transistor_count": [
        "Transistors (billion)",
        "Transistors (million)",
        "Transistors & Die Size",
        "Transistors Die Size",
    ],
    "fp32_flop_per_s": ["Single-precision GFLOPS"],
    "fp16_flop_per_s": ["Half-precision GFLOPS"],
    "fp64_flop_per_s": ["Double-precision GFLOPS"],
    "fp16_tensor_flop_per_s": ["Processing power (TFLOPS) Tensor compute (FP16) (2: sparse)"],
}
# gpustats' normalised columns (and the tensor one) must occur in some row, or the export
# changed shape; the fallbacks come and go with the Wikipedia tables the rows are from.
SOME_ROW = [
    "Memory Size (GB)",
    *(columns[0] for ours, columns in PRECEDENCE.items() if ours != "memory_bytes"),
]
COLUMNS = list(dict.fromkeys([*NAME, *EVERY_ROW, *(c for cs in PRECEDENCE.values() for c in cs)]))

# Upstream column -> (unit the cell may repeat, multiplier, divisor) to our SI unit. Dividing
# by powers of ten rather than multiplying by 1e-9 keeps '8 nm' exactly 8e-9.
# A vendor's "GB" of memory, in bytes, and Wikipedia's binary MB of it (1024 MB = 1 GB).
MIB, GIB = 1e9 / 1024, 1e9
_UNITS: dict[str, tuple[str, float, float]] = {
    "Release Price (USD)": ("USD", 1, 1),
    "Memory Size (MB)": ("MB", MIB, 1),
    "Memory Size (GB)": ("GB", GIB, 1),
    "Memory Size": ("GB", GIB, 1),
    "Memory Bandwidth (GB/s)": ("GB/s", 1e9, 1),
    "TDP (Watts)": ("W", 1, 1),
    "TDP": ("W", 1, 1),
    "TBP (W)": ("W", 1, 1),
    "TBP": ("W", 1, 1),
    "TDP (Watts) Max": ("W", 1, 1),
    "Fab (nm)": ("nm", 1, 1e9),
    "Die size (mm2)": ("mm2", 1, 1e6),
    "Transistors (billion)": ("billion", 1e9, 1),
    "Transistors (million)": ("million", 1e6, 1),
    "Single-precision GFLOPS": ("GFLOPS", 1e9, 1),
    "Half-precision GFLOPS": ("GFLOPS", 1e9, 1),
    "Double-precision GFLOPS": ("GFLOPS", 1e9, 1),
}
