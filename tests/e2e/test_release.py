"""Releases for many readers (warehouse/release.py, issue #24): a release of the session's
warehouse holds a copy of the DuckDB file and Parquet of every table and view that a second
engine reads with the manifest's row counts; `latest` switches and old releases go; a reader
holding a release keeps reading it while another process builds and publishes the next."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

import warehouse
from pipelines.cli import main, release, source_infos
from tests.conftest import REPO
from warehouse.release import LATEST, ReleaseError, open_release, publish, releases, sha256_of


@pytest.fixture()
def warehouse_copy(built, tmp_path, monkeypatch):
    """A copy of the session's warehouse (publishing takes the write lock), FLOPBASE_DB and
    FLOPBASE_RELEASES pointing into tmp_path."""
    path = tmp_path / "flopbase.duckdb"
    shutil.copyfile(built[0], path)
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    monkeypatch.setenv("FLOPBASE_RELEASES", str(tmp_path / "releases"))
    return path


def test_release_files_match_the_manifest_and_read_in_a_second_engine(warehouse_copy):
    release = publish(source_infos())
    manifest = release.manifest()
    assert manifest["release"] == release.id
    assert manifest["warehouse"]["sha256"] == sha256_of(release.db)
    relations = {r["relation"]: r for r in manifest["relations"]}
    assert {"core.hardware", "core.cloud_price", "analysis.trend_estimate"} <= relations.keys()
    with duckdb.connect(str(warehouse_copy), read_only=True) as con:
        for name, entry in relations.items():
            file = release.path / entry["file"]
            assert sha256_of(file) == entry["sha256"], name
            # polars and pyarrow, not DuckDB, read the Parquet: the manifest's count is theirs
            assert pl.scan_parquet(file).select(pl.len()).collect().item() == entry["rows"]
            assert pq.ParquetFile(file).metadata.num_rows == entry["rows"], name
            assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == entry["rows"]
        versions = con.execute("SELECT count(*) FROM meta.snapshot").fetchone()[0]
    assert len(manifest["snapshots"]) == versions
    dawnbench = [s for s in manifest["snapshots"] if s["source"] == "dawnbench"]
    assert [(s["version"], s["rows_loaded"] > 0) for s in dawnbench] == [
        ("2020-03-26-ab81ad3c09dc", True)
    ]
    # A published figure through the release's Parquet: DAWNBench ImageNet training cost fell
    # from $1,112.64 (ResNet-152, 8 K80, 2017) to $7.43 (2020), DAWNBench leaderboard
    # (https://dawn.cs.stanford.edu/benchmark/).
    progress = pl.read_parquet(release.path / relations["analysis.dawnbench_progress"]["file"])
    cost = progress.filter(
        (pl.col("task") == "ImageNet") & (pl.col("kind") == "train") & (pl.col("basis") == "cost")
    )
    assert cost["cost_reduction"].item() == pytest.approx(1112.64 / 7.43, rel=1e-3)
    assert all(not os.access(f, os.W_OK) or os.geteuid() == 0 for f in release.path.rglob("*.*"))
    assert all(oct(f.stat().st_mode)[-3:] == "444" for f in release.path.rglob("*.parquet"))


def test_latest_switches_a_date_names_its_release_and_old_ones_go(warehouse_copy, tmp_path):
    root = tmp_path / "releases"
    days = [datetime(2026, 11, 30, 6, tzinfo=UTC), datetime(2026, 12, 1, 6, tzinfo=UTC)]
    days.append(datetime(2026, 12, 1, 18, tzinfo=UTC))
    made = [publish(source_infos(), keep=2, at=day) for day in days]
    assert [r.id for r in releases(root)] == ["2026-12-01T060000Z", "2026-12-01T180000Z"]
    assert not made[0].path.exists()
    assert os.readlink(root / LATEST) == "release=2026-12-01T180000Z"
    assert open_release("2026-12-01").id == "2026-12-01T180000Z"  # that day's newest
    assert open_release("2026-12-01T060000Z").id == "2026-12-01T060000Z"
    with pytest.raises(ReleaseError, match="no release '2026-11-30'"):
        open_release("2026-11-30")
    with pytest.raises(ReleaseError, match="releases are immutable"):
        publish(source_infos(), at=days[-1])
    # one Hive-partitioned dataset over the releases: a `release` column per folder
    history = pl.scan_parquet(
        root / "release=*" / "parquet" / "core.hardware.parquet", hive_partitioning=True
    )
    per_release = history.group_by("release").len().collect()
    assert per_release.height == 2 and per_release["len"].n_unique() == 1


def test_query_reads_a_release(warehouse_copy, capsys):
    publish(source_infos(), at=datetime(2026, 12, 1, 6, tzinfo=UTC))
    warehouse_copy.unlink()  # the release alone answers
    sql = "SELECT count(*) AS n FROM meta.snapshot WHERE source = 'dawnbench'"
    assert main(["query", sql, "--release", "2026-12-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 1}]
    assert main(["query", sql, "--release", "2026-11-01"]) == 2
    assert "no release '2026-11-01'" in capsys.readouterr().err


def test_a_reader_holding_a_release_keeps_reading_while_a_build_publishes(warehouse_copy):
    first = publish(source_infos(), at=datetime(2026, 12, 1, 6, tzinfo=UTC))
    reader = duckdb.connect(str(first.db), read_only=True)
    query = "SELECT count(*), sum(time_to_target_s) FROM core.dawnbench_entry"
    before = reader.execute(query).fetchone()
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e._release_writer"],
        cwd=REPO,
        env={**os.environ, "DAGSTER_HOME": "", "FLOPBASE_RELEASE_KEEP": "5"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "locked"
        # the build holds the write lock: the warehouse refuses even a reader at once ...
        with (
            pytest.raises(warehouse.WarehouseLocked),
            warehouse.connect(read_only=True, lock_timeout_s=0),
        ):
            pass
        # ... and the release answers as before
        assert reader.execute(query).fetchone() == before
        writer.stdin.write("go\n")
        writer.stdin.flush()
        reads = 0
        while writer.poll() is None:  # steps write, then the next release is published
            assert reader.execute(query).fetchone() == before
            reads += 1
        out, err = writer.communicate(timeout=300)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err[-3000:]
    assert reads > 0
    second = open_release(LATEST)
    assert second.id != first.id and "released" in out
    assert reader.execute(query).fetchone() == before  # the held release, unchanged
    with duckdb.connect(str(second.db), read_only=True) as con:
        assert con.execute(query).fetchone() == before  # same snapshot, same rows
    reader.close()


def test_a_build_whose_release_cannot_take_the_lock_stands_and_says_so(
    warehouse_copy, monkeypatch, capsys
):
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e._release_writer"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("FLOPBASE_LOCK_TIMEOUT_S", "0.5")
        warehouse.connection.reset_lock_waits()
        assert release() is False
    finally:
        holder.communicate("stop\n", timeout=60)  # let go of the lock without building
    assert "the build stands, but no release was published" in capsys.readouterr().err
    assert releases() == []
