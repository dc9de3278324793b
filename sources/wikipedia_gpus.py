"""Wikipedia's GPU lists, as parsed by owensgroup/gpustats: NVIDIA and AMD cards with a price.

gpustats (John Owens' group, UC Davis) scrapes the tables of "List of Nvidia graphics
processing units" and "List of AMD graphics processing units", adds a few derived columns
(`Vendor`, `Single-precision GFLOPS`, ...) and plots them with Vega-Lite. We read the rows of
its "Release price over Time" plot: one JSON object per table row, keyed by the flattened
Wikipedia column headers, many cells still raw wiki text ("355 W", "2 GB 4 GB", "[51]").

`parse` reads the file in upstream terms (every used field as text, plus `row_number`);
`to_spec_records` maps it onto the shared spec-record shape (SI units), noting per row what
could not be read; `extract_rows` pulls the rows out of the plot's HTML as a live fetch gets it.

Reading rules (each tested on real strings in tests/sources/test_wikipedia_gpus.py):

- Footnote marks ("[51]", "[h]") are removed and spaces collapsed before anything else.
- A number is one figure, optionally with a leading '$' or '~', thousands commas and the
  column's unit ("355 W", "$1,999", "149 mm2", "16 GB"). "N/a" (and '-', '—', 'TBA') means
  "not applicable": null, not an error. Anything else (ranges "60-80 W", bounds "<75 W",
  per-variant lists "2 GB 4 GB", prose) is unreadable: reported in `parse_error`, not guessed.
- Where several upstream columns hold the same fact, the first non-empty one in the listed
  precedence is read and the others are ignored (`PRECEDENCE`).
- `name` is `Model` (or `Model (codename)`) as spelled, footnote marks removed; AMD's names
  keep the chip code name Wikipedia gives them ("Radeon RX 7900 XTX (Navi 31)").
- `launch_price_usd` is `Release Price (USD)` alone (every row; NVIDIA's MSRP column). It
  equals `Release price (USD) Founders Edition` wherever that is not "N/a" and the first
  dollar amount of AMD's `Release Date & Price` in every row; the other price keys of the
  dataset (`MSRP (USD)`, `MSRP`, ...) are empty in all of these rows.
- Memory is stored as vendors state it, like every spec source of the project (docs/naming.md):
  a '24 GB' card is 24e9 bytes. Wikipedia's MB counts are binary (1024 MB is the '1 GB' card),
  so MB are converted at 1024 MB = 1e9 B. `Memory Size (MB)` wins over `Memory Size (GB)`
  because gpustats derived the latter as MB / 1000 (1024 MB -> 1.024). Bandwidth 'GB/s' is
  decimal (1e9 B/s: bus width x data rate).
- Combined "Transistors Die Size" cells ("1500×106 123 mm2", "29.7 billion 199 mm2") hold
  the transistor count with its superscript exponent flattened ('×106' = ×10^6) and the die
  area; they are read only where the separate columns are empty.
- `fp16_tensor_flop_per_s` (never BF16: the column is FP16, and a GeForce card's figure is with
  FP16 accumulate) is read only from "Tensor compute (FP16) (2: sparse)" cells that give the
  dense figure with the sparse one in parentheses ("60 (121)"; two pairs are base and boost
  clock, "292 (585) 330 (661)": the boost = peak dense figure is taken). Cells of that column
  without parentheses ("235.08 285.48", the RTX 30 rows) are two *sparse* figures at base and
  boost clock, not dense/sparse: they carry no dense figure and are not mapped (nor are the
  sparse-only "(sparse)" columns or "Tensor compute FP (2: sparse)", which names no precision).
- `fp32/fp16/fp64_flop_per_s` come from gpustats' "... GFLOPS" columns, which hold the first
  figure of Wikipedia's "base boost" cells: for recent cards that is the base-clock figure
  (RTX 3090: 29.28 TFLOPS at 1,395 MHz, where NVIDIA quotes 35.58 at boost).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import polars as pl

from sources import source as generic
from sources.http import HttpClient
from sources.snapshots import SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError, spec_records

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

_FOOTNOTE = r"\[[^\[\]]{1,20}\]"
_NOT_APPLICABLE = r"(?i)^(n/?a|-|–|—|tba|tbd|unknown)$"
_FIGURE = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
# An add-on that is not GPU memory: the Radeon Pro SSG's "4 GB +1 TB SSD".
_SSD = r"\s*\+\s*[0-9.]+\s*TB SSD$"
# "1500×106 123 mm2", "2.2×109 101 mm2", "29.7 billion 199 mm2", "57.7×109 ~531 mm2".
_TRANSISTORS_DIE = (
    r"^(" + _FIGURE + r")\s*(?:×\s*10([0-9]{1,2})|(billion|million))\s+~?(" + _FIGURE + r")\s*mm2$"
)
_PAIR = r"(" + _FIGURE + r") \((" + _FIGURE + r")\)"
_DENSE_SPARSE = r"^" + _PAIR + r"(?: " + _PAIR + r")?$"  # "60 (121)", "292 (585) 330 (661)"
_SPARSE_ONLY = r"^(" + _FIGURE + r") (" + _FIGURE + r")$"  # "235.08 285.48" (base, boost)
_SPARSITY = (1.9, 2.1)  # sparse / dense of NVIDIA's 2:4 structured sparsity (exactly 2, rounded)


def clean(expr: pl.Expr) -> pl.Expr:
    """Wiki text without footnote marks, non-breaking or repeated spaces."""
    return (
        expr.str.replace_all(_FOOTNOTE, " ").str.replace_all(r"[\s\u00a0]+", " ").str.strip_chars()
    )


def _figure(text: pl.Expr) -> pl.Expr:
    return text.str.replace_all(",", "").cast(pl.Float64, strict=False)


def quantity(column: str, unit: str) -> pl.Expr:
    """One figure in `column`, in upstream units: '355 W' -> 355; '$1,999' -> 1999;
    'N/a' -> null (not applicable); '60-80 W', '<75 W', '2 GB 4 GB' -> null (unreadable)."""
    text = clean(pl.col(column))
    if column == "Memory Size":
        text = text.str.replace(_SSD, "")
    pattern = r"^(?:US ?)?[$~]?\s*(" + _FIGURE + r")\s*(?:" + re.escape(unit) + r")?$"
    return _figure(text.str.extract(pattern, 1))


def not_applicable(column: str) -> pl.Expr:
    return clean(pl.col(column)).str.contains(_NOT_APPLICABLE).fill_null(False)


def transistors_and_die(column: str) -> tuple[pl.Expr, pl.Expr]:
    """(transistor count, die area in mm2) from a combined 'Transistors Die Size' cell."""
    text = clean(pl.col(column))
    count = _figure(text.str.extract(_TRANSISTORS_DIE, 1))
    exponent = text.str.extract(_TRANSISTORS_DIE, 2).cast(pl.Int64, strict=False)
    word = text.str.extract(_TRANSISTORS_DIE, 3)
    scale = (
        pl.when(exponent.is_in([6, 9]))
        .then(pl.lit(10.0).pow(exponent))
        .when(word == "billion")
        .then(pl.lit(1e9))
        .when(word == "million")
        .then(pl.lit(1e6))
    )
    return count * scale, _figure(text.str.extract(_TRANSISTORS_DIE, 4))


def tensor_dense(column: str) -> tuple[pl.Expr, pl.Expr]:
    """(dense figure, sparse-only?) of a 'Tensor compute (FP16) (2: sparse)' cell, in TFLOPS:
    '60 (121)' -> 60; '292 (585) 330 (661)' -> 330 (boost); '235.08 285.48' -> null and
    sparse-only; a pair whose sparse figure is not twice the dense one -> null (unreadable)."""
    text = clean(pl.col(column))
    groups = [_figure(text.str.extract(_DENSE_SPARSE, i)) for i in (1, 2, 3, 4)]
    low, high = _SPARSITY

    def twice(dense: pl.Expr, sparse: pl.Expr) -> pl.Expr:
        return (sparse / dense).is_between(low, high)

    consistent = (
        twice(groups[0], groups[1]) & (groups[2].is_null() | twice(groups[2], groups[3]))
    ).fill_null(False)
    dense = pl.when(consistent).then(pl.coalesce(groups[2], groups[0]))
    return dense, text.str.contains(_SPARSE_ONLY).fill_null(False)


def _present(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().str.len_chars().fill_null(0) > 0


def _readings() -> dict[str, tuple[pl.Expr, pl.Expr]]:
    """Upstream column -> (value in SI units of our column, is the cell readable)."""
    readings: dict[str, tuple[pl.Expr, pl.Expr]] = {}
    for column, (unit, multiplier, divisor) in _UNITS.items():
        value = quantity(column, unit)
        readings[column] = (
            value * multiplier / divisor,
            value.is_not_null() | not_applicable(column),
        )
    for column in ["Transistors & Die Size", "Transistors Die Size"]:
        count, die_mm2 = transistors_and_die(column)
        ok = (count.is_not_null() & die_mm2.is_not_null()) | not_applicable(column)
        readings[f"{column}:transistor_count"] = (count, ok)
        readings[f"{column}:die_area_m2"] = (die_mm2 / 1e6, ok)
    tensor = PRECEDENCE["fp16_tensor_flop_per_s"][0]
    dense, sparse_only = tensor_dense(tensor)
    readings[tensor] = (dense * 1e12, dense.is_not_null() | sparse_only | not_applicable(tensor))
    return readings


def _first_present(
    ours: str, readings: dict[str, tuple[pl.Expr, pl.Expr]]
) -> tuple[pl.Expr, dict[str, pl.Expr]]:
    """(value, {upstream column: check}) for one of our columns by `PRECEDENCE`: the first
    non-empty upstream cell is read; a check is null where that chosen cell is unreadable."""
    value: pl.Expr = pl.lit(None, pl.Float64)
    checks: dict[str, pl.Expr] = {}
    earlier_present: pl.Expr = pl.lit(False)
    for column in PRECEDENCE[ours]:
        parsed, ok = readings.get(f"{column}:{ours}") or readings[column]
        chosen = ~earlier_present & _present(column)
        value = pl.when(chosen).then(parsed).otherwise(value)
        checks[column] = pl.when(ok | ~chosen).then(pl.lit(True))
        earlier_present = earlier_present | _present(column)
    return value, checks


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream row (see `sources.upstream.spec_records`)."""
    readings = _readings()
    values: dict[str, pl.Expr] = {
        "name": clean(pl.coalesce(*(pl.col(c) for c in NAME))),
        "vendor": clean(pl.col("Vendor")),
        "kind": pl.lit("gpu"),
        "released_on": pl.col("Launch")
        .str.strip_chars()
        .str.to_date("%Y-%m-%dT%H:%M:%S", strict=False),
    }
    checked: dict[str, pl.Expr] = {"Launch": values["released_on"]}
    for ours in PRECEDENCE:
        value, checks = _first_present(ours, readings)
        values[ours] = value
        for column, check in checks.items():
            # A column read for two facts (transistors and die) is unreadable if either is.
            checked[column] = checked[column].and_(check) if column in checked else check
    return spec_records(raw, values, checked)


def parse(path: Path) -> pl.DataFrame:
    """The rows as text columns in upstream terms (`COLUMNS`; a key a row lacks is null),
    with a 1-based `row_number`. Reads the JSON extract, or the plot HTML a live fetch stores."""
    data = path.read_bytes()
    if data.lstrip()[:1] == b"<":
        data = extract_rows(data)
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as err:
        raise UpstreamFormatError(f"{path}: not JSON ({err})") from None
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise UpstreamFormatError(
            f"{path}: expected an object with a non-empty 'rows' list of objects; "
            "the gpustats extract changed shape: update sources/wikipedia_gpus.py"
        )
    problems = []
    for number, row in enumerate(rows, start=1):
        lacking = [k for k in EVERY_ROW if k not in row]
        if not any(k in row for k in NAME):
            lacking.append(" or ".join(NAME))
        if lacking:
            problems.append(f"row {number} lacks {lacking}")
    never = [c for c in SOME_ROW if not any(c in row for row in rows)]
    if never:
        problems.append(f"no row has {never}")
    if problems:
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise UpstreamFormatError(
            f"{path}: {shown} (keys renamed upstream?): update sources/wikipedia_gpus.py"
        )
    frame = pl.DataFrame(
        {c: [_text(row.get(c)) for row in rows] for c in COLUMNS},
        schema=dict.fromkeys(COLUMNS, pl.String),
    )
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def _text(value: object) -> str | None:
    """A JSON value as the text it stands for: 6.0 -> '6.0', 85 -> '85', 'N/a' -> 'N/a'."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


# --- live fetch: the rows out of the plot's HTML -------------------------------------------

# Where Altair's HTML puts the spec: `const spec = {...};` (or `vegaEmbed('#vis', {...}`).
_SPEC_START = re.compile(r"\bspec\s*=\s*(?=\{)|vegaEmbed\(\s*(['\"])[^'\"]*\1\s*,\s*(?=\{)")
EXTRACTION = (
    "the inline Vega-Lite dataset (spec.datasets) embedded in the plot HTML; rows unchanged; "
    "keys whose value is null/NaN/empty were dropped from each row (no other change)"
)


def extract_rows(html: bytes) -> bytes:
    """The plotted rows of a gpustats Vega-Lite HTML page, as the JSON the bundled snapshot
    holds (`{"extraction", "dataset_name", "rows"}`; keys with null/NaN/'' values dropped)."""
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"plot HTML is not UTF-8 ({err})") from None
    decoder = json.JSONDecoder()  # accepts the NaN that Altair writes for missing values
    for match in _SPEC_START.finditer(text):
        try:
            spec, _ = decoder.raw_decode(text, match.end())
        except ValueError:
            continue
        if isinstance(spec, dict) and isinstance(spec.get("datasets"), dict):
            break
    else:
        raise UpstreamFormatError(
            "no Vega-Lite spec with 'datasets' found in the plot HTML (gpustats changed its "
            "page layout?): update sources/wikipedia_gpus.extract_rows"
        )
    datasets = spec["datasets"]
    data = spec.get("data")
    name = data.get("name") if isinstance(data, dict) else None
    if name not in datasets:
        if len(datasets) != 1:
            raise UpstreamFormatError(
                f"the plot spec has datasets {sorted(datasets)} and names none of them as its data"
            )
        (name,) = datasets
    rows = datasets[name]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UpstreamFormatError(f"dataset {name!r} of the plot spec is not a list of rows")
    kept = [{k: v for k, v in row.items() if not _empty(v)} for row in rows]
    document = {"extraction": EXTRACTION, "dataset_name": name, "rows": kept}
    return json.dumps(document, indent=0, ensure_ascii=False).encode()


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def fetch(store: SnapshotStore, client: HttpClient) -> FetchOutcome:
    """Download the plot HTML at `SOURCE.url` (conditional GET) and store its rows
    (`extract_rows`) as a new version when they changed; a page without the plot's dataset,
    or rows `parse` cannot read, raise and store nothing."""
    return generic.fetch(
        SOURCE,
        store,
        client,
        transform=extract_rows,
        check=parse,
        extra={"obtained_via": f"live GET of {SOURCE.url}; {EXTRACTION}"},
    )
