"""The plots of a materialisation as Dagster metadata, each drawn only when its inputs or its
drawing code changed (the column schema, row count and preview of a table are in
pipelines/tables.py)."""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import pickle
import sys
from collections.abc import Callable
from functools import cache

import dagster as dg
import polars as pl


def png(image: bytes, title: str) -> dg.MarkdownMetadataValue:
    """A PNG shown inline in the UI."""
    encoded = base64.b64encode(image).decode()
    return dg.MetadataValue.md(f"![{title}](data:image/png;base64,{encoded})")


PLOT_INPUTS = "digests_of_plots"  # metadata: each plot's digest of its inputs and drawing code


class Plots:
    """The PNG plots of one materialisation of `key`. Each is drawn only when its inputs or its
    drawing code changed since the asset's previous materialisation in this Dagster instance;
    otherwise the image stored with that materialisation is reused, so a rebuild of unchanged
    data draws nothing (drawing was most of the trend step's time)."""

    def __init__(self, context: dg.AssetExecutionContext, key: dg.AssetKey):
        event = context.instance.get_latest_materialization_event(key)
        materialization = event.asset_materialization if event else None
        self._previous = dict(materialization.metadata) if materialization else {}
        stored = self._previous.get(PLOT_INPUTS)
        self._stored = dict(stored.value) if stored is not None else {}
        self.digests: dict[str, str] = {}
        self.drawn = self.reused = 0

    def png(
        self, name: str, title: str, draw: Callable[..., bytes], *inputs: object
    ) -> dg.MarkdownMetadataValue:
        """Metadata entry `name`: the PNG of `draw(*inputs)`, or the stored one if unchanged."""
        digest = hashlib.sha256(_code_digest(draw) + _canonical_bytes(inputs)).hexdigest()
        self.digests[name] = digest
        previous = self._previous.get(name)
        if previous is not None and self._stored.get(name) == digest:
            self.reused += 1
            return previous
        self.drawn += 1
        return png(draw(*inputs), title)

    def metadata(self) -> dict[str, object]:
        return {
            PLOT_INPUTS: dg.MetadataValue.json(self.digests),
            "plots_drawn": self.drawn,
            "plots_reused": self.reused,
        }


class _RowOrderFree(pickle.Pickler):
    """Pickles a polars frame as its rows sorted: frames read from the warehouse come in the
    order DuckDB's threads return them, which says nothing about a plot's content."""

    def reducer_override(self, obj: object) -> object:
        if not isinstance(obj, pl.DataFrame):
            return NotImplemented
        try:
            rows = obj.sort(obj.columns, nulls_last=True)
        except pl.exceptions.PolarsError:  # a column polars cannot sort by: as it comes
            rows = obj
        content = repr(rows.schema).encode() + rows.hash_rows(seed=0).to_numpy().tobytes()
        return (bytes, (content,))


def _canonical_bytes(inputs: tuple) -> bytes:
    buffer = io.BytesIO()
    pickler = _RowOrderFree(buffer)
    # no memo: with it, an object met twice is written as a reference the second time, so
    # equal inputs gave different bytes when one of them shared a string the other copied
    # (a fit read back from the fit cache against a fresh one). Inputs hold no cycles (fast
    # mode would recurse forever on one); the attribute is documented as deprecated but kept.
    pickler.fast = True
    pickler.dump(inputs)
    return buffer.getvalue()


@cache
def _code_digest(draw: Callable[..., bytes]) -> bytes:
    """The source of `draw`'s module and of the shared plot style: a change redraws."""
    from analyses import plots  # the style every plot module uses

    sources = {inspect.getsource(sys.modules[draw.__module__]), inspect.getsource(plots)}
    return hashlib.sha256("".join(sorted(sources)).encode()).digest()
