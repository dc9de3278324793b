"""Wikipedia's GPU lists, as parsed by owensgroup/gpustats: NVIDIA and AMD cards with a price.

The source's face (what the registry and the pipelines use); the work is in `layout`,
`cells` (reading one cell), `conform`, `parse`, `extract` and `fetch`.

gpustats (John Owens' group, UC Davis) scrapes the tables of "List of Nvidia graphics
processing units" and "List of AMD graphics processing units", adds a few derived columns
(`Vendor`, `Single-precision GFLOPS`, ...) and plots them with Vega-Lite. We read the rows of
its "Release price over Time" plot: one JSON object per table row, keyed by the flattened
Wikipedia column headers, many cells still raw wiki text ("355 W", "2 GB 4 GB", "[51]").

`parse` reads the file in upstream terms (every used field as text, plus `row_number`);
`to_spec_records` maps it onto the shared spec-record shape (SI units), noting per row what
could not be read; `extract_rows` pulls the rows out of the plot's HTML as a live fetch gets it.

Reading rules (each tested on real strings in tests/sources/wikipedia_gpus/test_cells.py):

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

from sources.wikipedia_gpus.cells import (
    clean,
    not_applicable,
    quantity,
    tensor_dense,
    transistors_and_die,
)
from sources.wikipedia_gpus.conform import to_spec_records
from sources.wikipedia_gpus.extract import EXTRACTION, extract_rows
from sources.wikipedia_gpus.fetch import fetch
from sources.wikipedia_gpus.layout import COLUMNS, COMMIT, PRECEDENCE, SOURCE
from sources.wikipedia_gpus.parse import parse

__all__ = [
    "COLUMNS",
    "COMMIT",
    "EXTRACTION",
    "PRECEDENCE",
    "SOURCE",
    "clean",
    "extract_rows",
    "fetch",
    "not_applicable",
    "parse",
    "quantity",
    "tensor_dense",
    "to_spec_records",
    "transistors_and_die",
]
