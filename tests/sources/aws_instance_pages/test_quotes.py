"""The price quotes of a version of the ec2instances.info detail pages
(sources/aws_instance_pages/quotes.py), read from the real bundled pages: records, Linux only, N/A
and zero prices, published list prices, a systematic headline mismatch."""

import re

import polars as pl
import pytest

from sources import aws_instance_pages as pages
from sources.prices import QUOTE_SCHEMA, ZERO_MEANS_MISSING
from sources.upstream import UpstreamFormatError
from tests.sources.aws_instance_pages._aws_instance_pages_testkit import (
    page_bytes,
    store_pages,
    us_east_1,
)


def test_quotes_have_the_shape_and_every_page_is_a_record(quotes, version):
    assert quotes.schema == QUOTE_SCHEMA
    assert quotes["row_number"].to_list() == list(range(1, quotes.height + 1))
    assert sorted(set(quotes["record_number"])) == list(range(1, 49))
    # records are the pages in sorted file-name order
    first = (
        quotes.group_by("record_number").agg(pl.col("instance_type").first()).sort("record_number")
    )
    assert [f"{t}.html" for t in first["instance_type"]] == sorted(version.files)
    assert list(pages.INSTANCES) == [n.removesuffix(".html") for n in sorted(version.files)]
    assert quotes.height == 1585
    assert dict(quotes.group_by("pricing").len().iter_rows()) == {
        "on_demand": 543,
        "reserved_1y": 539,
        "reserved_3y": 503,
    }
    assert set(quotes["provider"]) == {"aws"}
    assert set(quotes["observed_at"].dt.date().cast(pl.String)) == {"2022-07-07"}
    assert quotes.select("record_number", "price_field").is_unique().all()


def test_published_list_prices(quotes):
    # AWS on-demand list prices, us-east-1 Linux (aws.amazon.com/ec2/pricing/on-demand/):
    # p3.16xlarge 24.48 USD/h (8x V100), p2.xlarge 0.90 USD/h (1x K80).
    p3 = us_east_1(quotes, "p3.16xlarge", "on_demand")
    assert (p3["usd_per_hour"], p3["value_text"]) == (24.48, "24.480")
    assert (p3["accelerators_per_instance"], p3["usd_per_accelerator_hour"]) == (8.0, 3.06)
    assert (p3["hardware_text"], p3["price_field"]) == (
        "NVIDIA Tesla V100",
        "_prices.us-east-1.linux.ondemand",
    )
    assert p3["parse_error"] is None
    p2 = us_east_1(quotes, "p2.xlarge", "on_demand")
    assert (p2["usd_per_hour"], p2["accelerators_per_instance"]) == (0.9, 1.0)
    assert us_east_1(quotes, "p4d.24xlarge", "reserved_3y")["usd_per_hour"] == 12.499
    assert us_east_1(quotes, "p3.16xlarge", "reserved_1y")["usd_per_hour"] == 16.708


def test_only_linux_is_read(quotes, version):
    assert quotes["price_field"].str.contains(r"^_prices\.[a-z0-9-]+\.linux\.").all()
    # Windows on p3.16xlarge in us-east-1 is 27.424 (24.48 + licence): never a quote
    assert "'mswin': {'ondemand': '27.424'" in page_bytes(version, "p3.16xlarge").decode()
    assert 27.424 not in quotes.filter(pl.col("instance_type") == "p3.16xlarge")["usd_per_hour"]


def test_na_is_no_quote_and_zero_china_prices_are_flagged(quotes, version):
    text = "".join(version.path(n).read_text() for n in sorted(version.files) if "html" in n)
    spots = re.findall(r"'linux': \{'ondemand': '[^']*', 'spot': '([^']*)'", text)
    assert len(spots) == 543 and set(spots) == {"N/A"}  # the generator had no spot prices
    assert "spot" not in set(quotes["pricing"])
    assert not quotes.filter(pl.col("value_text") == "N/A").height
    errors = quotes.filter(pl.col("parse_error").is_not_null())
    assert errors.height == 79
    assert set(errors["parse_error"]) == {ZERO_MEANS_MISSING.format("0.000")}
    assert set(errors["region"]) == {"cn-north-1", "cn-northwest-1"}


def test_a_systematic_headline_mismatch_raises(version, tmp_path):
    names = ["g5.xlarge", "p2.xlarge", "p3.16xlarge"]
    p2 = page_bytes(version, "p2.xlarge").replace(b'id="p_od">0.900<', b'id="p_od">0.950<')
    with pytest.raises(UpstreamFormatError, match=r"disagree with _prices on 1 of 3 pages"):
        pages.quotes(store_pages(tmp_path, version, {"p2.xlarge": p2}, names))
