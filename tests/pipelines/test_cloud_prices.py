"""The cloud price history (pipelines/cloud_prices.py): one step partitioned by year (run over
every year at once) writing core.cloud_price and core.hardware_price after the hardware aliases
and every price source's raw snapshot, and the two views on the prices; in the `cloud_prices`
group and the warehouse pool; blocking checks: schemas, every version's rows accounted for per
price source, the share linked to a chip. On the bundled snapshots: every stored price version
falls in a partition, a year selects its versions, a version's quotes carry what the quarantine
keeps; a run covering every year is a rebuild."""

from datetime import UTC, datetime

import dagster as dg
import pytest

from pipelines import cloud_prices
from pipelines.partitions import PARTITIONS
from pipelines.resources import WarehouseResource
from schemas import CLOUD_PRICE, CLOUD_PRICE_CHANGE, HARDWARE_PRICE
from schemas.views import PRICE_QUALITY
from sources import registry
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks

PRICE = [s.name for s in registry.with_role(registry.PRICE)]
YEAR_2022 = (datetime(2022, 1, 1, tzinfo=UTC), datetime(2023, 1, 1, tzinfo=UTC))


def test_the_price_tables_after_the_aliases_and_every_price_source_then_the_views():
    upstream = {"core/hardware_alias"} | {f"raw/{name}" for name in PRICE}
    assert deps(cloud_prices.assets) == {
        key_of(CLOUD_PRICE): upstream,
        key_of(HARDWARE_PRICE): upstream,
        key_of(CLOUD_PRICE_CHANGE): {"core/cloud_price"},
        key_of(PRICE_QUALITY): {"core/cloud_price"},
    }
    assert groups(cloud_prices.assets) == {"cloud_prices"}
    assert pools(cloud_prices.assets) == {"warehouse"}
    history = cloud_prices.price_history
    assert history.partitions_def == PARTITIONS
    assert history.backfill_policy == dg.BackfillPolicy.single_run()


def test_every_price_version_is_accounted_for_and_prices_are_linked_to_chips():
    assert checks(cloud_prices.assets) == {
        **schema_checks(CLOUD_PRICE, HARDWARE_PRICE, CLOUD_PRICE_CHANGE, PRICE_QUALITY),
        **{f"core/cloud_price:rows_accounted_for_{name}": True for name in PRICE},
        "core/cloud_price:linked_to_hardware": True,
    }
    assert cloud_prices.LINK_GOAL == 0.95


def test_every_stored_price_version_falls_in_a_partition(bundled_store):
    first = datetime(int(PARTITIONS.get_first_partition_key()), 1, 1, tzinfo=UTC)
    newest = max(bundled_store.latest(name).retrieved_at for name in PRICE)
    chosen, stored = cloud_prices.versions_in(
        bundled_store, first, datetime(newest.year + 1, 1, 1, tzinfo=UTC)
    )
    assert len(chosen) == stored == sum(len(bundled_store.versions(name)) for name in PRICE)


def test_a_year_selects_the_versions_published_in_it(bundled_store):
    chosen, stored = cloud_prices.versions_in(bundled_store, *YEAR_2022)
    assert 0 < len(chosen) < stored
    assert all(YEAR_2022[0] <= s.retrieved_at < YEAR_2022[1] for _, s in chosen)
    assert all(source.name == s.source for source, s in chosen)


def test_a_versions_quotes_carry_what_the_quarantine_keeps(bundled_store):
    chosen, _ = cloud_prices.versions_in(bundled_store, *YEAR_2022)
    (azure,) = [(m, s) for m, s in chosen if s.source == "azure_dev_backup"]
    quotes = cloud_prices.read_quotes([azure])
    assert quotes.height > 0
    assert set(cloud_prices.QUOTE_RECORD) <= set(quotes.columns)
    assert quotes.select("source", "sha256").unique().rows() == [
        ("azure_dev_backup", azure[1].sha256)
    ]
    assert quotes["row_number"].is_unique().all()
    assert cloud_prices.read_quotes([]).height == 0


@pytest.mark.parametrize("every_year", [True, False])
def test_a_run_over_every_year_is_a_rebuild(every_year):
    keys = PARTITIONS.get_partition_keys()
    selected = (
        dg.PartitionKeyRange(keys[0], keys[-1])
        if every_year
        else dg.PartitionKeyRange("2022", "2022")
    )
    context = dg.build_asset_context(partition_key_range=selected)
    assert cloud_prices._covers_all(context) is every_year


def test_without_a_price_table_no_quotes_are_stored(tmp_path):
    resource = WarehouseResource(path=str(tmp_path / "none.duckdb"))
    assert cloud_prices.stored_quotes(resource, []) is None
