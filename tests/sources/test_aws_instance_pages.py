"""Price quotes of the ec2instances.info detail pages, read from the real bundled pages."""

import re
from pathlib import Path

import polars as pl
import pytest

from sources import aws_instance_pages as pages
from sources.prices import QUOTE_SCHEMA, ZERO_MEANS_MISSING
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "aws_instance_pages"
SOURCE = pages.SOURCE.name


@pytest.fixture(scope="module")
def version(bundled_store):
    (snapshot,) = bundled_store.versions(SOURCE)
    return snapshot


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return pages.quotes(version)


def page_bytes(version, instance: str) -> bytes:
    return version.path(f"{instance}.html").read_bytes()


def store_pages(root: Path, version, changed: dict[str, bytes], names=None):
    """A version of the bundled pages (all, or `names`) with some pages replaced."""
    names = names or [n.removesuffix(".html") for n in sorted(version.files)]
    files = {f"{n}.html": changed.get(n, page_bytes(version, n)) for n in names}
    snapshot, _ = SnapshotStore(root).add(
        SOURCE, files, url=version.url, licence=version.licence, retrieved_at=version.retrieved_at
    )
    return snapshot


def us_east_1(quotes: pl.DataFrame, instance: str, pricing: str) -> dict:
    (hit,) = quotes.filter(
        (pl.col("instance_type") == instance)
        & (pl.col("region") == "us-east-1")
        & (pl.col("pricing") == pricing)
    ).to_dicts()
    return hit


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


def test_hardware_is_spelled_as_the_mentions_spell_it(quotes, version):
    mentioned = pages.mention_records([version]).with_row_index("record_number", offset=1)
    per_record = quotes.select("record_number", "hardware_text", "hardware_context").unique()
    assert per_record.height == 48  # one spelling and context per page
    joined = per_record.join(
        mentioned.with_columns(pl.col("record_number").cast(pl.Int64)), on="record_number"
    )
    assert joined.height == 48
    assert (joined["hardware_context"] == joined["context"]).all()
    assert joined["hardware_text"].eq_missing(joined["spelling"]).all()
    assert per_record["hardware_text"].null_count() == 19  # "None" on the page is null
    dl1 = us_east_1(quotes, "dl1.24xlarge", "on_demand")
    assert dl1["accelerators_per_instance"] is None  # the page counts 0 GPUs (8 Gaudi)


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


def test_a_systematic_headline_mismatch_raises(version, tmp_path):
    names = ["g5.xlarge", "p2.xlarge", "p3.16xlarge"]
    p2 = page_bytes(version, "p2.xlarge").replace(b'id="p_od">0.900<', b'id="p_od">0.950<')
    with pytest.raises(UpstreamFormatError, match=r"disagree with _prices on 1 of 3 pages"):
        pages.quotes(store_pages(tmp_path, version, {"p2.xlarge": p2}, names))


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


def test_an_error_page_instead_of_an_instance_page_is_named(version, tmp_path):
    error = (FIXTURES / "error_page.html").read_bytes()
    snapshot = store_pages(tmp_path, version, {"g5.xlarge": error}, ["g5.xlarge", "p2.xlarge"])
    with pytest.raises(UpstreamFormatError, match=r"g5\.xlarge\.html: no '<group> \| Value'"):
        pages.quotes(snapshot)
