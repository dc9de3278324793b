"""A snapshot edited in place (a hand "fix" of a recorded upstream file) is refused before it
is parsed, naming the file and both hashes; only the steps that read that source stop. Its
`raw/<source>` asset records the versions as always and fails its `matches_manifest` check."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.hardware_aliases import MENTION_SOURCES
from tests.faults._faults_kit import (
    BUNDLED,
    SPEC_SOURCES,
    TABLES,
    failure_text,
    raw_key,
    run,
    warehouse_fingerprint,
)


def tamper(store, source: str) -> tuple[str, str, str]:
    """Change one number in the newest version's file of `source` without touching its
    manifest; (file, recorded sha256, actual sha256)."""
    version = sorted(p for p in (store / source).iterdir() if p.is_dir())[-1]
    manifest = json.loads((version / "snapshot.json").read_text())
    name, recorded = next(iter(manifest["files"].items()))
    target = version / name
    target.chmod(0o644)
    data = target.read_bytes()
    edited = data.replace(b",700,", b",701,", 1) if b",700," in data else data + b"\n"
    target.write_bytes(edited)
    return str(target), recorded, hashlib.sha256(edited).hexdigest()


def check_of(result, source: str):
    """The `matches_manifest` evaluation of `raw/<source>` in this run."""
    (evaluation,) = [
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key == raw_key(source) and e.check_name == "matches_manifest"
    ]
    return evaluation


def test_the_raw_asset_reports_an_edited_snapshot_and_its_readers_refuse_it(slice_copy) -> None:
    """The raw asset records the versions and fails its `matches_manifest` check naming the
    file and both hashes; the step that parses the file refuses it; nothing is written."""
    store, db = slice_copy
    before = warehouse_fingerprint(db)
    target, recorded, actual = tamper(store, "epoch_chips")

    result = run([raw_key(s) for s in SPEC_SOURCES] + TABLES, store=store, db=db)

    assert not result.success
    failed = [e.step_key for e in result.all_events if e.is_step_failure]
    assert failed == ["core_hardware_spec"]  # every raw asset ran; the reader refused
    text = failure_text(result)
    assert "SnapshotTampered" in text and target in text
    assert f"sha256 {actual}, manifest says {recorded}" in text
    check = check_of(result, "epoch_chips")
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert target in check.description and actual in check.description
    assert check.metadata["not_matching"].value == [
        {"file": target, "recorded_sha256": recorded, "actual_sha256": actual}
    ]
    assert all(check_of(result, s).passed for s in SPEC_SOURCES if s != "epoch_chips")
    after = warehouse_fingerprint(db)
    for table in ("core.hardware", "core.hardware_spec", "meta.quarantine", "meta.snapshot"):
        assert after[table] == before[table], table


# What reads the hardware aliases but not the price tables, and one month of the price history
ALIASES = [dg.AssetKey(["core", "hardware_alias"]), dg.AssetKey(["meta", "unresolved_hardware"])]
MODELS = [
    dg.AssetKey(["core", "model_record"]),
    dg.AssetKey(["core", "model"]),
    dg.AssetKey(["core", "model_estimate"]),  # the model checks compare with it
]
PRICES = [dg.AssetKey(["core", "cloud_price"]), dg.AssetKey(["core", "hardware_price"])]
OTHER_SOURCES = ("owid_ai", "openai_ai_and_compute")  # core.model_estimate's


def test_an_edited_price_snapshot_stops_only_its_readers(slice_copy) -> None:
    """A GCP price file edited in place: its raw asset's check fails, the alias step names
    GCP as unreadable in one line and keeps its earlier aliases, the models are built again,
    and only the price step, which parses the file, fails (naming it and both hashes).
    Before, `raw/gcp_pricing` failed and the alias step and every model table were skipped."""
    store, db = slice_copy
    mention_sources = [m.SOURCE.name for m in MENTION_SOURCES]
    for name in [*mention_sources, *OTHER_SOURCES]:
        shutil.copytree(BUNDLED / name, store / name)
    first = run(ALIASES, store=store, db=db)  # aliases of an earlier build
    assert first.success, failure_text(first)
    gcp_aliases = source_aliases(db, "gcp_pricing")
    assert gcp_aliases > 5

    target, recorded, actual = tamper(store, "gcp_pricing")
    year = Path(target).parent.name[:4]  # the edited version's price partition
    result = run(
        [raw_key(s) for s in mention_sources] + ALIASES + MODELS + PRICES,
        store=store,
        db=db,
        tags={"dagster/partition": year},
    )

    failed = [e.step_key for e in result.all_events if e.is_step_failure]
    assert failed == ["price_history"], failure_text(result)
    text = failure_text(result)
    assert target in text and f"sha256 {actual}, manifest says {recorded}" in text
    check = check_of(result, "gcp_pricing")
    assert not check.passed and target in check.description
    (aliases,) = result.asset_materializations_for_node("hardware_aliases")[:1]
    unreadable = aliases.metadata["unreadable_sources"].value
    assert list(unreadable) == ["gcp_pricing"]
    reason = unreadable["gcp_pricing"]
    assert reason.startswith("SnapshotTampered: ") and "\n" not in reason
    assert target in reason and actual in reason and recorded in reason
    assert source_aliases(db, "gcp_pricing") == gcp_aliases  # earlier aliases kept
    built = {e.asset_key for e in result.get_asset_materialization_events()}
    assert {*ALIASES, *MODELS} <= built
    assert not set(PRICES) & built


def source_aliases(db: Path, source: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM core.hardware_alias WHERE source = ?", [source]
        ).fetchone()[0]


def test_a_table_asset_alone_refuses_it_too(slice_copy) -> None:
    """Materialising a table without its raw assets (a UI click) still checks before parsing."""
    store, db = slice_copy
    before = warehouse_fingerprint(db)
    target, recorded, actual = tamper(store, "techpowerup")

    result = run(TABLES[:2], store=store, db=db)  # core/hardware_spec + meta/hardware_merge

    assert not result.success
    text = failure_text(result)
    assert target in text and actual in text and recorded in text
    assert warehouse_fingerprint(db) == before
