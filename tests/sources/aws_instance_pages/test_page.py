"""One detail page's price quotes (sources/aws_instance_pages/page.py) on real bundled pages, some
changed: a headline price that disagrees with `_prices`, a missing or unreadable `_prices` script or
headline element."""

import re

import polars as pl
import pytest

from sources import aws_instance_pages as pages
from sources.upstream import UpstreamFormatError
from tests.sources.aws_instance_pages._aws_instance_pages_testkit import page_bytes, store_pages


def test_a_headline_mismatch_is_the_quotes_parse_error(version, tmp_path):
    p3 = page_bytes(version, "p3.16xlarge").replace(b'id="p_od">24.480<', b'id="p_od">24.400<')
    p2 = page_bytes(version, "p2.xlarge").replace(b'id="p_spot">N/A<', b'id="p_spot">0.270<')
    snapshot = store_pages(tmp_path, version, {"p3.16xlarge": p3, "p2.xlarge": p2})
    quotes = pages.quotes(snapshot)
    errors = quotes.filter(
        pl.col("parse_error").is_not_null() & ~pl.col("parse_error").str.starts_with("price '0")
    )
    assert errors.select("instance_type", "price_field", "value_text", "parse_error").rows() == [
        (
            "p2.xlarge",
            "#p_spot",
            "0.270",
            "headline p_spot '0.270' disagrees with _prices.us-east-1.linux.spot 'N/A'",
        ),
        (
            "p3.16xlarge",
            "_prices.us-east-1.linux.ondemand",
            "24.480",
            "headline p_od '24.400' disagrees with _prices.us-east-1.linux.ondemand '24.480'",
        ),
    ]
    assert quotes.height == 1585 + 1


def test_a_page_without_its_prices_script_is_named(version, tmp_path):
    html = page_bytes(version, "p4d.24xlarge").decode()
    stripped = re.sub(r"var _prices = .*?;\n", "", html).encode()
    snapshot = store_pages(
        tmp_path, version, {"p4d.24xlarge": stripped}, ["g5.xlarge", "p4d.24xlarge"]
    )
    with pytest.raises(UpstreamFormatError, match=r"p4d\.24xlarge\.html: expected one inline"):
        pages.quotes(snapshot)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((b"var _prices = {", b"var _prices = {{"), r"p2\.xlarge\.html: the inline _prices object"),
        ((b"'us-east-1': {'emr'", b"'us-east-9': {'emr'"), r"1 of 2 pages.*p2\.xlarge\.html"),
        ((b'id="p_3yr"', b'id="p_5yr"'), r"p2\.xlarge\.html: expected one headline.*p_3yr"),
    ],
)
def test_a_changed_page_fails_loudly(version, tmp_path, change, message):
    page = page_bytes(version, "p2.xlarge")
    assert change[0] in page
    snapshot = store_pages(
        tmp_path, version, {"p2.xlarge": page.replace(*change)}, ["g5.xlarge", "p2.xlarge"]
    )
    with pytest.raises(UpstreamFormatError, match=message):
        pages.quotes(snapshot)
