"""The PNG plots of a materialisation, drawn only when their inputs or drawing code changed:
otherwise taken from the asset's previous materialisation in the Dagster instance, or from the
plot store on disk (`$FLOPBASE_CACHE_DIR/plots/`), which also serves a build with no earlier
materialisation to take them from (a build in memory, a new instance, a warehouse with its own
run history).

An image is a function of its digest (`Plots.png`), so a store entry is
`plots/<asset>/<plot>.<digest>.png`; writing a plot's new image removes its other digests, so
the folder holds one image per plot. Entries are written to a temporary file and renamed into
place; one that cannot be read is a miss.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import pickle
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib.metadata import version
from pathlib import Path

import dagster as dg
import polars as pl

from sources.parse_store import cache_root, write_entry

LIBRARIES = ("matplotlib", "pillow")  # draw and encode every plot (analyses/plots.py)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png(image: bytes, title: str) -> dg.MarkdownMetadataValue:
    """A PNG shown inline in the UI."""
    encoded = base64.b64encode(image).decode()
    return dg.MetadataValue.md(f"![{title}](data:image/png;base64,{encoded})")


PLOT_INPUTS = "digests_of_plots"  # metadata: each plot's digest of its inputs and drawing code


class Plots:
    """The PNG plots of one materialisation of `key`. Each is drawn only when its digest (its
    inputs, its drawing code, the plotting libraries) is new: otherwise the image is taken from
    the asset's previous materialisation in this Dagster instance, or from the plot store on
    disk, so a rebuild of unchanged data draws nothing (drawing was most of the trend step's
    time, and ~5 s of a build)."""

    def __init__(self, context: dg.AssetExecutionContext, key: dg.AssetKey):
        self._store = PlotStore.configured(key)
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
        if self._store is not None and (image := self._store.get(name, digest)) is not None:
            self.reused += 1
            return png(image, title)
        self.drawn += 1
        image = draw(*inputs)
        if self._store is not None:
            self._store.put(name, digest, image)
        return png(image, title)

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
    """The source of `draw`'s module and of the shared plot style, and the versions of the
    libraries that draw and encode: a change redraws."""
    from analyses import plots  # the style every plot module uses

    sources = {inspect.getsource(sys.modules[draw.__module__]), inspect.getsource(plots)}
    versions = [version(library) for library in LIBRARIES]
    return hashlib.sha256("".join([*sorted(sources), *versions]).encode()).digest()


class PlotStore:
    """The PNGs of one asset's plots under `root`, one file per plot."""

    def __init__(self, root: Path, key: dg.AssetKey) -> None:
        self.folder = Path(root) / "plots" / "__".join(key.path)

    @classmethod
    def configured(cls, key: dg.AssetKey) -> PlotStore | None:
        """The store of `key` under `$FLOPBASE_CACHE_DIR`, None when it is "off"."""
        root = cache_root()
        return None if root is None else cls(root, key)

    def _path(self, name: str, digest: str) -> Path:
        return self.folder / f"{name}.{digest}.png"

    def get(self, name: str, digest: str) -> bytes | None:
        try:
            image = self._path(name, digest).read_bytes()
        except OSError:
            return None
        return image if image.startswith(PNG_SIGNATURE) else None  # a damaged entry: a miss

    def put(self, name: str, digest: str, image: bytes) -> None:
        """Store `image` atomically in place of the plot's other digests; a failure to write
        costs a drawing later, nothing else."""
        keep = self._path(name, digest).name
        with suppress(OSError):
            for older in self.folder.glob(f"{name}.*.png"):
                if older.name != keep:
                    older.unlink()
        write_entry(self._path(name, digest), lambda out: out.write(image))
