"""The hardware alias asset (pipelines/hardware_aliases.py): core.hardware_alias and
meta.unresolved_hardware after the chips and every mention source's raw snapshot (the
registry's mention role), in the `gpu_specs` group and the warehouse pool with a blocking schema
check per table. Its spellings from a store of real snapshots: each source's mentions folded
once however many versions repeat them, instance types left out; a source whose stored file
was edited in place (a fault) is left out with the reason while the others go on."""

import shutil

import polars as pl
import pytest

from pipelines import hardware_aliases
from pipelines.resources import SnapshotStoreResource
from schemas import HARDWARE_ALIAS, UNRESOLVED_HARDWARE
from sources import registry
from tests.conftest import REPO
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

BUNDLED = REPO / "data" / "snapshots"
SOURCES = ("dawnbench", "epoch_hardware_prices")  # two small mention sources


def test_the_aliases_after_the_chips_and_every_mention_source():
    mention = {f"raw/{s.name}" for s in registry.with_role(registry.MENTION)}
    assert [s.name for s in hardware_aliases.MENTION_SOURCES] == [
        s.name for s in registry.with_role(registry.MENTION)
    ]
    upstream = {"core/hardware"} | mention
    assert deps(hardware_aliases.assets) == {
        key_of(HARDWARE_ALIAS): upstream,
        key_of(UNRESOLVED_HARDWARE): upstream,
    }
    assert groups(hardware_aliases.assets) == {"gpu_specs"}
    assert pools(hardware_aliases.assets) == {"warehouse"}
    assert checks(hardware_aliases.assets) == schema_checks(HARDWARE_ALIAS, UNRESOLVED_HARDWARE)


@pytest.fixture()
def store(tmp_path):
    """A copy of the bundled snapshots of SOURCES (the other mention sources: none stored)."""
    for name in SOURCES:
        shutil.copytree(BUNDLED / name, tmp_path / name)
    return tmp_path


def test_a_sources_mentions_fold_once_however_many_versions_repeat_them(bundled_store):
    records = registry.parsed(bundled_store.latest("dawnbench")).mentions
    once = hardware_aliases.source_mentions([records])
    assert once.equals(hardware_aliases.source_mentions([records, records]))
    assert once["occurrences"].sum() == records.height
    empty = hardware_aliases.source_mentions([])
    assert empty.height == 0 and empty.columns == once.columns


def test_the_spellings_of_the_stored_sources_without_instance_types(store):
    mentions, failed = hardware_aliases.mentions_of(SnapshotStoreResource(root=str(store)))
    assert failed == {}
    assert set(mentions["source"]) == set(SOURCES)
    assert not mentions["context"].is_in(hardware_aliases.INSTANCE_CONTEXTS).any()
    assert mentions.columns == [
        "source",
        "alias",
        "vendor_hint",
        "qualifier",
        "context",
        "occurrences",
    ]
    assert mentions.filter(pl.col("source") == "dawnbench").height > 0


def test_an_edited_stored_file_leaves_its_source_out_with_the_reason(store):
    (version,) = (store / "dawnbench").glob("20*")
    edited = next(version.glob("ImageNet/**/*.json"))
    edited.write_text(edited.read_text() + " ")  # the fault: a stored file edited in place
    mentions, failed = hardware_aliases.mentions_of(SnapshotStoreResource(root=str(store)))
    assert list(failed) == ["dawnbench"]
    assert failed["dawnbench"].startswith("SnapshotTampered: ")
    assert set(mentions["source"]) == {"epoch_hardware_prices"}
