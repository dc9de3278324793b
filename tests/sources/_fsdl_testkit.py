"""Helpers of the tests of FSDL's two tables ("Cloud GPUs", sources/fsdl_cloud_gpus, and
"Serverless GPUs", sources/fsdl_serverless_gpus), each given the table's module: the quotes of
every version, one quote, a version stored from text."""

from datetime import UTC, datetime

import polars as pl

from sources.snapshots import Snapshot, SnapshotStore


def all_quotes(module, versions: list[Snapshot]) -> pl.DataFrame:
    return pl.concat([module.quotes(v).with_columns(version=pl.lit(v.version)) for v in versions])


def quote(frame: pl.DataFrame, version: str, record: int, pricing: str) -> dict:
    (hit,) = frame.filter(
        pl.col("version").str.starts_with(version)
        & (pl.col("record_number") == record)
        & (pl.col("pricing") == pricing)
    ).to_dicts()
    return hit


def stored(tmp_path, module, text: str) -> Snapshot:
    store = SnapshotStore(tmp_path / "store")
    snapshot, _ = store.add(
        module.SOURCE.name,
        {module.SOURCE.filename: text.encode()},
        url="https://example.org/table.csv",
        licence=module.SOURCE.licence,
        retrieved_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    return snapshot
