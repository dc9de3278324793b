"""MLPerf Training test input: the bundled version read and conformed once per process (the
reading takes about a second, and three test modules use it)."""

import functools

import polars as pl

from sources import mlperf, mlperf_conform
from sources.snapshots import Snapshot, SnapshotStore
from tests.conftest import REPO


@functools.cache
def conformed_version() -> tuple[Snapshot, pl.DataFrame, pl.DataFrame]:
    """(snapshot, conformed systems without hardware ids, conformed results) of the newest
    bundled version."""
    snapshot = SnapshotStore(REPO / "data" / "snapshots").latest("mlperf")
    systems, results = mlperf.read_version(snapshot)
    conformed = mlperf_conform.to_systems(systems).with_columns(hardware_id=pl.lit(None, pl.String))
    return snapshot, conformed, mlperf_conform.to_results(results, conformed)
