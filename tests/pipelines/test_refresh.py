"""What `refresh` (pipelines/refresh.py) decides without running anything: every stored source is
a raw asset, the price years a new version reloads, the run tags of a range of years, and every
table an asset writes is declared in the schemas (where it looks for missing tables). Refreshes
of a built warehouse run in tests/e2e/test_refresh.py."""

from pipelines.cli import definitions
from pipelines.partitions import PARTITIONS, every_partition
from pipelines.refresh import (
    missing_tables,
    partition_range,
    price_partitions,
    raw_keys,
    stale_sources,
)
from sources.snapshots import SnapshotStore


def test_every_stored_source_is_a_raw_asset():
    assert [key.path[1] for key in raw_keys(definitions())] == SnapshotStore().sources()


def test_price_partitions_are_the_new_versions_years_or_all_when_chips_changed():
    store = SnapshotStore()
    year = store.latest("fsdl_cloud_gpus").retrieved_at.strftime("%Y")
    assert price_partitions(store, ["fsdl_cloud_gpus"], PARTITIONS) == {
        "dagster/asset_partition_range_start": year,
        "dagster/asset_partition_range_end": year,
    }
    # a chip source feeds the aliases, which link every year's prices
    assert (
        price_partitions(store, ["fsdl_cloud_gpus", "epoch_hardware"], PARTITIONS)
        == every_partition()
    )


def test_a_refresh_of_some_years_selects_from_the_first_to_the_last():
    assert partition_range(["2019", "2021", "2024"]) == {
        "dagster/asset_partition_range_start": "2019",
        "dagster/asset_partition_range_end": "2024",
    }


def test_every_table_asset_is_declared_in_the_schemas():
    """refresh finds missing tables from schemas.TABLES without loading Dagster: every
    table or view an asset writes must be declared there."""
    from pipelines.definitions import defs
    from schemas import TABLES

    declared = {t.qualified_name for t in TABLES}
    graph = defs.resolve_asset_graph()
    written = {".".join(k.path) for k in graph.get_all_asset_keys() if k.path[0] != "raw"}
    assert written <= declared, written - declared


def test_without_a_warehouse_every_source_is_stale_and_no_table_is_missing(
    warehouse_file, bundled_store
):
    """A first build is `build`'s job: no file means every source new, not every table gone."""
    assert not warehouse_file.exists()
    assert stale_sources(bundled_store) == bundled_store.sources()
    assert missing_tables() == []


def test_a_warehouse_without_the_ledger_lacks_every_declared_table(small_warehouse, bundled_store):
    from schemas import TABLES

    assert stale_sources(bundled_store) == bundled_store.sources()  # no meta.snapshot
    assert set(missing_tables()) == {t.qualified_name for t in TABLES}
