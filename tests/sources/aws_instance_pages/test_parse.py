"""A detail page's "<group> | Value" attribute tables (sources/aws_instance_pages/parse.py), read
from the real bundled pages: the c5 placeholders are never read, an error page is named."""

import polars as pl
import pytest

from sources import aws_instance_pages as pages
from sources.upstream import UpstreamFormatError
from tests.sources.aws_instance_pages._aws_instance_pages_testkit import (
    FIXTURES,
    page_bytes,
    store_pages,
)


def test_the_c5_placeholder_is_never_read(quotes, version, tmp_path):
    assert not quotes.filter(
        pl.any_horizontal(pl.col(pl.String).str.contains("(?i)c5|compute-optimized"))
    ).height
    original = page_bytes(version, "p2.xlarge").decode()
    assert "The C5 High-CPU Double Extra Large" in original and "<td>c5.large</td>" in original
    # change the placeholders into something price-like: the quotes do not move
    tampered = original.replace("The C5 High-CPU", "Costs $99.999 per hour. The C5").replace(
        "<td>c5.large</td>", "<td>p2.xlarge</td>"
    )
    names = ["p2.xlarge", "p3.16xlarge"]
    plain = pages.quotes(store_pages(tmp_path / "a", version, {}, names))
    changed = pages.quotes(
        store_pages(tmp_path / "b", version, {"p2.xlarge": tampered.encode()}, names)
    )
    assert changed.equals(plain)
    assert 99.999 not in changed["usd_per_hour"]


def test_an_error_page_instead_of_an_instance_page_is_named(version, tmp_path):
    error = (FIXTURES / "error_page.html").read_bytes()
    snapshot = store_pages(tmp_path, version, {"g5.xlarge": error}, ["g5.xlarge", "p2.xlarge"])
    with pytest.raises(UpstreamFormatError, match=r"g5\.xlarge\.html: no '<group> \| Value'"):
        pages.quotes(snapshot)
