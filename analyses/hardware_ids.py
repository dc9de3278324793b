"""Canonical accelerator ids: one readable, stable slug per product name."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

_NOT_SLUG = re.compile(r"[^a-z0-9.]+")
_LOOSE_DOT = re.compile(r"(?<![0-9])\.|\.(?![0-9])")  # keep dots only inside numbers: 'v4.5'


def hardware_id(name: str) -> str:
    """'NVIDIA H100 SXM5 80GB' -> 'nvidia-h100-sxm5-80gb'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = _NOT_SLUG.sub("-", _LOOSE_DOT.sub("-", ascii_name))
    return re.sub(r"-{2,}", "-", slug).strip("-")


def hardware_id_expr(name: pl.Expr) -> pl.Expr:
    """`hardware_id` applied to a column of names."""
    return name.map_elements(hardware_id, return_dtype=pl.String)
