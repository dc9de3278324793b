"""The cell-reading rules of the Wikipedia GPU source (sources/wikipedia_gpus/cells.py), each on
real cell texts of the bundled file."""

import polars as pl
import pytest

from sources import wikipedia_gpus


def read(function, column: str, text: str | None, *args):
    """Apply a cell rule of the module to one real cell text."""
    frame = pl.DataFrame({column: [text]}, schema={column: pl.String})
    outputs = function(column, *args)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    return frame.select(*(o.alias(f"out{i}") for i, o in enumerate(outputs))).row(0)


@pytest.mark.parametrize(
    ("column", "unit", "text", "expected"),
    [  # real cell texts from the file
        ("TBP", "W", "355 W", 355),
        ("TBP", "W", "250 W[62]", 250),  # footnote mark
        ("TBP (W)", "W", "275", 275),
        ("TDP (Watts) Max", "W", "19.1", 19.1),
        ("Release price (USD) Founders Edition", "USD", "$1,999", 1999),
        ("Release price (USD) Founders Edition", "USD", "$699", 699),
        ("Die size (mm2)", "mm2", "149 mm2", 149),
        ("Memory Size", "GB", "24 GB", 24),
        ("Memory Size", "GB", "4 GB +1 TB SSD", 4),  # the SSD is storage, not memory
        ("Release Price (USD)", "USD", "1499.0", 1499),
        ("Single-precision GFLOPS", "GFLOPS", "16309.999999999998", 16309.999999999998),
        ("Release price (USD) Founders Edition", "USD", "N/a", None),  # not applicable
        ("TBP", "W", "60-80 W", None),  # a range: unreadable
        ("TBP", "W", "<75 W", None),  # a bound: unreadable
        ("TBP", "W", "107 W 113 W", None),  # per-variant figures: unreadable
        ("TBP", "W", "30 W, <45 W (4 GB)[52]", None),
        ("TDP (Watts) Max", "W", "18 27", None),
        ("Memory Size", "GB", "2 GB 4 GB", None),
    ],
)
def test_quantity_rule_on_real_cells(column, unit, text, expected):
    (value,) = read(wikipedia_gpus.quantity, column, text, unit)
    assert value == expected
    (is_na,) = read(wikipedia_gpus.not_applicable, column, text)
    assert is_na == (text == "N/a")


@pytest.mark.parametrize(
    ("text", "transistors", "die_mm2"),
    [
        ("1500×106 123 mm2", 1.5e9, 123),  # '×106' is x10^6 with its superscript flattened
        ("5000×106 359 mm2 [56]", 5e9, 359),
        ("2.2×109 101 mm2", 2.2e9, 101),
        ("12.5×109 495mm2", 12.5e9, 495),
        ("57.7×109 ~531 mm2", 57.7e9, 531),
        ("29.7 billion 199 mm2", 29.7e9, 199),
        ("53.9 billion 356.5 mm2", 53.9e9, 356.5),
    ],
)
def test_combined_transistors_and_die_cells(text, transistors, die_mm2):
    count, area = read(wikipedia_gpus.transistors_and_die, "Transistors Die Size", text)
    assert count == pytest.approx(transistors) and area == die_mm2


@pytest.mark.parametrize(
    ("text", "dense", "sparse_only"),
    [
        ("60 (121)", 60, False),  # RTX 4060: dense (sparse)
        ("292 (585) 330 (661)", 330, False),  # RTX 4090: base pair, boost pair -> boost
        ("114 (227) 142 (284)", 142, False),
        ("235.08 285.48", None, True),  # RTX 3090: sparse at base and at boost clock
        ("30.1 60.2", None, True),  # RTX 3050 6 GB: same format, not read as dense/sparse
    ],
)
def test_tensor_cells_give_dense_only_when_marked(text, dense, sparse_only):
    column = "Processing power (TFLOPS) Tensor compute (FP16) (2: sparse)"
    assert read(wikipedia_gpus.tensor_dense, column, text) == (dense, sparse_only)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Radeon R9 280X[54] (Tahiti XTL)[55]", "Radeon R9 280X (Tahiti XTL)"),
        ("Radeon RX 560[h] (Polaris 21)", "Radeon RX 560 (Polaris 21)"),
        ("Radeon R7 350  (Cape Verde XTL)", "Radeon R7 350 (Cape Verde XTL)"),
        ("GeForce RTX 3050", "GeForce RTX 3050"),
    ],
)
def test_names_lose_footnote_marks_only(text, name):
    frame = pl.DataFrame({"Model": [text]})
    assert frame.select(wikipedia_gpus.clean(pl.col("Model"))).item() == name
