"""The partitions of the price history: one per year of quotes. Here, apart from the assets
that use them, so the jobs, the CLI and `refresh` can name partitions without importing the
price assets."""

import dagster as dg

# The oldest bundled version is ec2instances.info's of 2013-09-26; the current year is a
# partition too (end_offset=1), so a refresh has somewhere to land.
PARTITIONS = dg.TimeWindowPartitionsDefinition(
    start="2013", cron_schedule="0 0 1 1 *", fmt="%Y", end_offset=1
)


def every_partition() -> dict[str, str]:
    """Run tags selecting every partition of the price history: one run rebuilds it all."""
    keys = PARTITIONS.get_partition_keys()
    return {
        "dagster/asset_partition_range_start": keys[0],
        "dagster/asset_partition_range_end": keys[-1],
    }
