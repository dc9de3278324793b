"""Reading one wiki-text cell: footnote marks removed, one figure in the column's unit,
"not applicable" words, combined transistor/die cells and dense/sparse tensor pairs."""

from __future__ import annotations

import re

import polars as pl

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
