"""One source's fault stops only what reads that source (issue 21, point 5).

Fault injection: the newest FSDL cloud GPU table of a copy of the bundled store gets a drifted
header ('GPU Type' renamed), its manifest rewritten to match, as if upstream had published it.
Before, the hardware alias step failed on it and the models were skipped with it (DAWNBench
reads core.cloud_price for its list prices, so it does depend on the price tables)."""

import hashlib
import json
import shutil

import dagster as dg
import duckdb

from tests.faults._faults_kit import BUNDLED, TABLES, run

FSDL = "fsdl_cloud_gpus"
SELECTION = [
    *TABLES,
    dg.AssetKey(["core", "hardware_alias"]),
    dg.AssetKey(["meta", "unresolved_hardware"]),
    dg.AssetKey(["core", "model_record"]),
    dg.AssetKey(["core", "model"]),
    dg.AssetKey(["core", "model_estimate"]),  # the model checks compare with it
]


def drift_newest_fsdl_header(store) -> str:
    """Rename a column of the newest FSDL version in place and make its manifest agree."""
    newest = sorted(p for p in (store / FSDL).iterdir() if p.is_dir())[-1]
    table = newest / "cloud-gpus.csv"
    table.write_text(table.read_text().replace("GPU Type", "GPU Model", 1))
    digest = hashlib.sha256(table.read_bytes()).hexdigest()
    manifest = json.loads((newest / "snapshot.json").read_text())
    manifest["files"]["cloud-gpus.csv"] = digest
    manifest["sha256"] = digest
    (newest / "snapshot.json").write_text(json.dumps(manifest, indent=2))
    return newest.name


def fsdl_aliases(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM core.hardware_alias WHERE source = ?", [FSDL]
        ).fetchone()[0]


def test_a_drifted_price_table_does_not_stop_the_models(tmp_path):
    store = tmp_path / "snapshots"
    shutil.copytree(BUNDLED, store)
    db = tmp_path / "flopbase.duckdb"
    first = run(SELECTION, store=store, db=db)
    assert first.success
    linked = fsdl_aliases(db)
    assert linked > 20

    drift_newest_fsdl_header(store)
    second = run(SELECTION, store=store, db=db)

    # the alias step goes on: the other sources' spellings are read, FSDL's earlier aliases
    # are kept, and the unreadable source is named with its reason in one line
    assert second.success
    (event,) = second.asset_materializations_for_node("hardware_aliases")[:1]
    failed = event.metadata["unreadable_sources"].value
    assert list(failed) == [FSDL] and "GPU Type" in failed[FSDL] and "\n" not in failed[FSDL]
    assert fsdl_aliases(db) == linked
    # what does not read FSDL's data was built again
    built = {e.asset_key for e in second.get_asset_materialization_events()}
    assert {dg.AssetKey(["core", "model_record"]), dg.AssetKey(["core", "model"])} <= built
