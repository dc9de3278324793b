"""Trend fits kept on disk between builds (`analyses.trend_estimates.FitMemo`): a rebuild whose
trend inputs did not change reads each fit back instead of bootstrapping it again.

A fit is seeded, so its key (`fit_key`: the points it reads, which of them it selects, the
options) and the code give the same fit every time. Entries live in
`$FLOPBASE_CACHE_DIR/fits/<code digest>/<key>.npz`, where the code digest covers every .py file
under analyses/ and schemas/ and the numpy and polars versions: any change to that code misses
every entry (coarse on purpose, as for the parses: `sources.parse_store`), and the folders of
other digests are removed at the first write. An entry is written to a temporary file and
renamed into place; one that cannot be read is a miss. No pickle: the bootstrap draws are
arrays, the estimate is JSON (floats round-trip exactly).
"""

from __future__ import annotations

import dataclasses
import io
import json
from contextlib import suppress
from datetime import date
from pathlib import Path

import numpy as np

from analyses.trend_fit import TrendEstimate, TrendFit
from analyses.trend_points import Dropped
from sources.parse_store import ROOT, cache_root, code_digest, drop_other_digests, write_entry

CODE = ("analyses", "schemas")
LIBRARIES = ("numpy", "polars")
DATES = ("window_start_on", "window_end_on")


def encode(fit: TrendFit) -> bytes:
    """`fit` as an .npz file: the bootstrap draws as arrays, the rest as JSON."""
    described = {
        "estimate": {
            k: v.isoformat() if k in DATES else v
            for k, v in dataclasses.asdict(fit.estimate).items()
        },
        "dropped": dataclasses.asdict(fit.dropped),
        "slope_ci": list(fit.slope_ci),
        "center_year": fit.center_year,
        "log10_at_center": fit.log10_at_center,
        "seed": fit.seed,
        "resamples_used": fit.resamples_used,
    }
    out = io.BytesIO()
    np.savez(
        out,
        described=np.array(json.dumps(described)),
        boot_slopes=fit.boot_slopes,
        boot_levels=fit.boot_levels,
    )
    return out.getvalue()


def decode(data: bytes) -> TrendFit:
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        described = json.loads(str(arrays["described"]))
        slopes, levels = arrays["boot_slopes"], arrays["boot_levels"]
    estimate = described.pop("estimate")
    estimate.update({k: date.fromisoformat(estimate[k]) for k in DATES})
    return TrendFit(
        estimate=TrendEstimate(**estimate),
        dropped=Dropped(**described.pop("dropped")),
        slope_ci=tuple(described.pop("slope_ci")),
        boot_slopes=slopes,
        boot_levels=levels,
        **described,
    )


class FitStore:
    """Fits on disk under `root`, one file per key and code digest."""

    def __init__(self, root: Path, code: str | None = None) -> None:
        self.root = Path(root) / "fits"
        self.code = (code or code_digest(ROOT, CODE, LIBRARIES))[:32]

    def _path(self, key: str) -> Path:
        return self.root / self.code / f"{key}.npz"

    def get(self, key: str) -> TrendFit | None:
        path = self._path(key)
        try:
            return decode(path.read_bytes())
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - an unreadable entry is only a miss
            with suppress(OSError):
                path.unlink()
            return None

    def put(self, key: str, fit: TrendFit) -> None:
        """Store `fit` atomically; a failure to write costs a fit later, nothing else."""
        drop_other_digests(self.root, self.code)
        write_entry(self._path(key), lambda out: out.write(encode(fit)))


def configured() -> FitStore | None:
    """The fit store under `$FLOPBASE_CACHE_DIR`, None when it is "off"."""
    root = cache_root()
    return None if root is None else FitStore(root)
