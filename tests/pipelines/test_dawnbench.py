"""The DAWNBench assets (pipelines/dawnbench.py): entries and curves from the raw snapshot,
the hardware aliases and the cloud prices; progress and frontier from the entries; in the
`dawnbench` group and the warehouse pool, with a blocking schema check per table and the
blocking checks that every record read is accounted for and every entry meets its target."""

from pipelines import dawnbench
from schemas.dawnbench import (
    DAWNBENCH_CURVE,
    DAWNBENCH_ENTRY,
    DAWNBENCH_FRONTIER,
    DAWNBENCH_PROGRESS,
)
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

LEADERBOARD = {"raw/dawnbench", "core/hardware_alias", "core/cloud_price"}


def test_entries_and_curves_from_the_snapshot_then_progress_and_frontier_from_the_entries():
    assert deps(dawnbench.assets) == {
        key_of(DAWNBENCH_ENTRY): LEADERBOARD,
        key_of(DAWNBENCH_CURVE): LEADERBOARD,
        key_of(DAWNBENCH_PROGRESS): {"core/dawnbench_entry"},
        key_of(DAWNBENCH_FRONTIER): {"core/dawnbench_entry"},
    }
    assert [a.node_def.name for a in dawnbench.assets] == [
        "dawnbench_entries",
        "dawnbench_progress",
    ]
    assert groups(dawnbench.assets) == {"dawnbench"}
    assert pools(dawnbench.assets) == {"warehouse"}


def test_every_record_is_accounted_for_and_every_entry_meets_its_target():
    tables = (DAWNBENCH_ENTRY, DAWNBENCH_CURVE, DAWNBENCH_PROGRESS, DAWNBENCH_FRONTIER)
    assert checks(dawnbench.assets) == {
        **schema_checks(*tables),
        "core/dawnbench_entry:rows_accounted_for_dawnbench": True,
        "core/dawnbench_entry:meets_target": True,
    }
    assert dawnbench.meets_target.table is DAWNBENCH_ENTRY
