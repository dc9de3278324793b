"""Shared pieces of the fault suite: a small real warehouse, live runs through a mirror, and
fingerprints of the warehouse and the snapshot store to prove nothing changed.

The warehouse is the gpu_specs slice of the real pipeline (four spec sources -> the raw assets,
core.hardware_spec, core.hardware), built offline from copies of the bundled snapshots. Live
runs point `SnapshotStoreResource.mirror` at the test server on 127.0.0.1, so the real
upstream URLs (`https://epoch.ai/data/ml_hardware.csv`) arrive as `/epoch.ai/data/...`.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import duckdb

from pipelines.definitions import defs
from sources import epoch_hardware, wikipedia_gpus

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "data" / "snapshots"
SPEC_SOURCES = ("epoch_hardware", "epoch_chips", "techpowerup", "wikipedia_gpus")
# core/hardware_spec is a multi-asset with meta/hardware_merge: selected whole or not at all
TABLES = [
    dg.AssetKey(["core", "hardware_spec"]),
    dg.AssetKey(["meta", "hardware_merge"]),
    dg.AssetKey(["core", "hardware"]),
]
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
# Short bounds so that every fault ends within seconds (the defaults are minutes).
FAST_HTTP = {
    "connect_timeout_s": 0.5,
    "read_timeout_s": 0.5,
    "deadline_s": 2.5,
    "max_retries": 1,
    "backoff_s": 0.05,
    "max_bytes": 2_000_000,
}


def raw_key(source: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", source])


def mirror_path(url: str) -> str:
    """The path a real upstream URL has on the mirror: `/<host><path>`."""
    parts = urlsplit(url)
    return f"/{parts.netloc}{parts.path}"


EPOCH_PATH = mirror_path(epoch_hardware.SOURCE.url)
WIKIPEDIA_PATH = mirror_path(wikipedia_gpus.SOURCE.url)


def copy_store(target: Path, sources: tuple[str, ...] = SPEC_SOURCES) -> Path:
    """A writable copy of the bundled versions of `sources` (the bundled store is never
    written by a test)."""
    for name in sources:
        shutil.copytree(BUNDLED / name, target / name)
    return target


def run(
    selection: list[dg.AssetKey],
    *,
    store: Path,
    db: Path,
    live: bool = False,
    mirror: str = "",
    tags: dict[str, str] | None = None,
    **http: object,
) -> dg.ExecuteInProcessResult:
    """Materialise `selection` (and the checks of those assets) with the project's job;
    `tags` may pick price partitions (`{"dagster/partition": "2026"}`)."""
    snapshots = {"root": str(store), "live": live, "mirror": mirror, **(FAST_HTTP if live else {})}
    snapshots.update(http)
    config = {
        **QUIET,
        "resources": {
            "snapshots": {"config": snapshots},
            "warehouse": {"config": {"path": str(db)}},
        },
    }
    return defs.resolve_job_def("build_all").execute_in_process(
        run_config=config, asset_selection=selection, raise_on_error=False, tags=tags
    )


def failure_text(result: dg.ExecuteInProcessResult) -> str:
    """Every failed step's error, causes included."""
    return "\n".join(
        e.event_specific_data.error.to_string() for e in result.all_events if e.is_step_failure
    )


def materialized(result: dg.ExecuteInProcessResult, key: dg.AssetKey) -> dict[str, object]:
    """The metadata of `key`'s materialisation in this run (raises if it did not happen)."""
    (event,) = [m for m in result.asset_materializations_for_node(node_name(key))]
    return {k: v.value for k, v in event.metadata.items()}


def node_name(key: dg.AssetKey) -> str:
    return "__".join(key.path)


def warehouse_fingerprint(db: Path) -> dict[str, tuple[int, str]]:
    """(row count, md5 over the sorted rows) of every base table in the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT internal ORDER BY ALL"
        ).fetchall()
        result = {}
        for schema, table in tables:
            name = f'"{schema}"."{table}"'  # names read from the file's own catalogue
            count, digest = con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) "
                f"FROM (SELECT CAST(t AS VARCHAR) AS r FROM {name} AS t)"
            ).fetchone()
            result[f"{schema}.{table}"] = (count, digest)
        return result
    finally:
        con.close()


def store_fingerprint(store: Path) -> dict[str, str]:
    """Every file under the store (relative path -> sha256), hidden staging folders too."""
    return {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file()
    }
