"""The ec2instances.info detail pages as a package (sources/aws_instance_pages): its price quotes
and its mention records, from the real bundled pages, spell the hardware alike."""

import polars as pl

from sources import aws_instance_pages as pages
from tests.sources.aws_instance_pages._aws_instance_pages_testkit import us_east_1


def test_hardware_is_spelled_as_the_mentions_spell_it(aws_pages_quotes, aws_pages_version):
    mentioned = pages.mention_records([aws_pages_version]).with_row_index("record_number", offset=1)
    per_record = aws_pages_quotes.select(
        "record_number", "hardware_text", "hardware_context"
    ).unique()
    assert per_record.height == 48  # one spelling and context per page
    joined = per_record.join(
        mentioned.with_columns(pl.col("record_number").cast(pl.Int64)), on="record_number"
    )
    assert joined.height == 48
    assert (joined["hardware_context"] == joined["context"]).all()
    assert joined["hardware_text"].eq_missing(joined["spelling"]).all()
    assert per_record["hardware_text"].null_count() == 19  # "None" on the page is null
    dl1 = us_east_1(aws_pages_quotes, "dl1.24xlarge", "on_demand")
    assert dl1["accelerators_per_instance"] is None  # the page counts 0 GPUs (8 Gaudi)
