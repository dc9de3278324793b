"""A snapshot edited in place (a hand "fix" of a recorded upstream file) is refused before it
is parsed, naming the file and both hashes; only what depends on that source stops."""

from __future__ import annotations

import hashlib
import json

from _faults_kit import SPEC_SOURCES, TABLES, failure_text, raw_key, run, warehouse_fingerprint


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


def test_the_raw_asset_refuses_an_edited_snapshot(slice_copy) -> None:
    store, db = slice_copy
    before = warehouse_fingerprint(db)
    target, recorded, actual = tamper(store, "epoch_chips")

    result = run([raw_key(s) for s in SPEC_SOURCES] + TABLES, store=store, db=db)

    assert not result.success
    failed = [e.step_key for e in result.all_events if e.is_step_failure]
    assert failed == ["raw__epoch_chips"]  # the other sources' raw assets ran
    text = failure_text(result)
    assert "SnapshotTampered" in text and target in text
    assert f"sha256 {actual}, manifest says {recorded}" in text
    after = warehouse_fingerprint(db)
    for table in ("core.hardware", "core.hardware_spec", "meta.quarantine"):
        assert after[table] == before[table], table


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
