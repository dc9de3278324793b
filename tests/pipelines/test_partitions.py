"""The price history's yearly partitions, and the run tags that select them: `every_partition`
(a full build) and `refresh.partition_range` (a refresh) name Dagster's range tags apiece (each
block imports no other pipelines module), so they are held to the same tags here."""

from datetime import UTC, datetime

from pipelines.partitions import PARTITIONS, every_partition
from pipelines.refresh import partition_range


def test_one_partition_per_year_from_2013_with_the_current_year():
    # a fixed "now", so the test does not depend on today's date
    keys = PARTITIONS.get_partition_keys(current_time=datetime(2026, 6, 1, tzinfo=UTC))
    assert keys[0] == "2013"
    assert keys[-1] == "2026"  # end_offset=1: the year under way is a partition too
    assert keys == [str(y) for y in range(2013, 2027)]


def test_a_full_build_and_a_refresh_of_every_year_select_the_same_range():
    tags = every_partition()
    assert tags == partition_range(PARTITIONS.get_partition_keys())
    assert set(tags) == {
        "dagster/asset_partition_range_start",
        "dagster/asset_partition_range_end",
    }
    assert tags["dagster/asset_partition_range_start"] == "2013"
