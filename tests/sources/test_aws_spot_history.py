"""Spot price quotes of the AWS spot price history extract, read from the real bundled TSV."""

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
import zstandard

from sources import aws_spot_history as spot
from sources.prices import NO_FIELD, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = spot.SOURCE.name


@pytest.fixture(scope="module")
def version(bundled_store):
    (snapshot,) = bundled_store.versions(SOURCE)
    return snapshot


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return spot.quotes(version)


def stored(root: Path, content: bytes):
    snapshot, _ = SnapshotStore(root).add(
        SOURCE, {spot.FILENAME: content}, url="file:test", licence="test"
    )
    return snapshot


def test_every_line_is_one_quote(quotes):
    assert quotes.schema == QUOTE_SCHEMA
    assert quotes.height == 1965
    assert quotes["row_number"].to_list() == list(range(1, 1966))
    assert quotes["record_number"].to_list() == list(range(1, 1966))
    assert set(quotes["price_field"]) == {"SpotPrice"}
    assert set(quotes["pricing"]) == {"spot"} and set(quotes["provider"]) == {"aws"}
    assert quotes["usd_per_hour"].null_count() == 0
    for column in ("hardware_text", "hardware_context", "accelerators_per_instance"):
        assert quotes[column].null_count() == 1965


def test_values_region_and_time_as_written(quotes):
    first = quotes.row(0, named=True)
    assert (first["region"], first["instance_type"], first["value_text"]) == (
        "euw3-az2",
        "g4dn.4xlarge",
        "0.466400",
    )
    assert first["usd_per_hour"] == 0.4664
    assert first["observed_at"] == datetime(2022, 5, 31, 18, 20, 41, tzinfo=UTC)
    # line 144: p3.16xlarge (8x V100) spot in use1-az1 at 18:51:23
    p3 = quotes.filter(pl.col("record_number") == 144).row(0, named=True)
    assert (p3["instance_type"], p3["region"], p3["usd_per_hour"], p3["parse_error"]) == (
        "p3.16xlarge",
        "use1-az1",
        9.7359,
        None,
    )
    # regions are availability-zone ids as written, never region names
    assert quotes["region"].str.contains(r"^[a-z]+[0-9]-az[0-9]+$").all()
    assert quotes["region"].n_unique() == 52
    assert quotes["observed_at"].min() == datetime(2022, 5, 31, 18, 20, 41, tzinfo=UTC)
    assert quotes["observed_at"].max() == datetime(2022, 5, 31, 23, 59, 29, tzinfo=UTC)


def test_non_linux_lines_are_read_and_refused_with_their_reason(quotes):
    reasons = dict(quotes.group_by("parse_error").len().iter_rows())
    keep = "flopbase keeps Linux/UNIX prices (others include a licence fee)"
    assert reasons == {
        None: 548,
        f"product description 'Red Hat Enterprise Linux': {keep}": 548,
        f"product description 'SUSE Linux': {keep}": 548,
        f"product description 'Windows': {keep}": 321,
    }


def test_malformed_lines_carry_their_problem(tmp_path):
    content = (FIXTURES / "aws_spot_history" / "malformed.tsv").read_bytes()
    quotes = spot.quotes(stored(tmp_path, content))
    rows = quotes.select("record_number", "price_field", "usd_per_hour", "parse_error").rows()
    windows = "product description 'Windows': flopbase keeps Linux/UNIX prices"
    assert [r[:3] for r in rows] == [
        (1, "SpotPrice", 0.918),
        (2, NO_FIELD, None),
        (3, "SpotPrice", 0.918),
        (4, "SpotPrice", 0.918),
        (5, "SpotPrice", None),
        (6, "SpotPrice", 1.47),
        (7, "SpotPrice", 0.92),
    ]
    errors = [r[3] for r in rows]
    assert errors[0] is None and errors[6] is None
    assert errors[1].startswith("line has 4 tab-separated fields, expected 5")
    assert (
        errors[2] == "unreadable Timestamp '31/05/2022 18:30' (expected ISO 8601 with UTC offset)"
    )
    assert errors[3].startswith("unreadable Timestamp '2022-05-31T18:30:00'")  # no offset
    assert errors[4] == "unreadable price 'N/A'"
    assert errors[5].startswith("unreadable Timestamp 'yesterday'") and windows in errors[5]
    assert quotes["notes"][1] == "use1-az4\tp3.2xlarge\tLinux/UNIX\t0.918000"
    # +02:00 is converted: the price took effect at 18:30 UTC
    assert quotes["observed_at"][6] == datetime(2022, 5, 31, 18, 30, tzinfo=UTC)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00", "not_a_tsv.csv"])
def test_a_file_that_is_not_this_tsv_raises(tmp_path, content):
    if isinstance(content, str):
        content = (FIXTURES / "aws_spot_history" / content).read_bytes()
    path = tmp_path / spot.FILENAME
    path.write_bytes(content)
    with pytest.raises(UpstreamFormatError, match="2022-05_gpu_accelerator_subset.tsv"):
        spot._read(content, path)


# --- live fetch against the local server ------------------------------------------------------


def upstream_month(extract: bytes) -> bytes:
    """The extract back in its month file: other families' lines around and between, in two
    zstandard frames with content checksums (as the zstd command line writes them)."""
    lines = extract.splitlines(keepends=True)
    other = b"use1-az4\tc5.large\tLinux/UNIX\t0.034000\t2022-05-31T18:20:41+00:00\n"
    mixed = [other] + [line + (other if i % 3 == 0 else b"") for i, line in enumerate(lines)]
    half = len(mixed) // 2
    compress = zstandard.ZstdCompressor(write_checksum=True).compress
    return compress(b"".join(mixed[:half])) + compress(b"".join(mixed[half:]))


PATH = "/repo/prices/2022/05.tsv.zst"


def test_fetch_stores_the_extract_as_bundled(server, client, version, quotes, tmp_path):
    body = upstream_month(version.path().read_bytes())
    server.script(PATH, Reply(200, body, {"ETag": '"m5"'}), Reply(304, headers={"ETag": '"m5"'}))
    store = SnapshotStore(tmp_path)
    outcome = spot.fetch(store, client, base_url=server.base + "/repo/")
    assert outcome.changed
    fetched = outcome.snapshot
    assert (fetched.version, fetched.sha256) == (version.version, version.sha256)
    assert fetched.etag == '"m5"' and fetched.url.endswith("/repo/prices/2022/05.tsv.zst")
    assert spot.quotes(fetched).equals(quotes)
    again = spot.fetch(store, client, base_url=server.base + "/repo")
    assert not again.changed and again.snapshot == fetched
    assert server.requests_to(PATH)[1]["If-None-Match"] == '"m5"'


@pytest.mark.parametrize("broken", ["truncated", "corrupt", "html", "no gpu lines"])
def test_a_broken_download_stores_nothing(server, client, version, tmp_path, broken):
    good = upstream_month(version.path().read_bytes())
    body, message = {
        "truncated": (
            good[: len(good) // 2 + 7],
            "ends inside a frame: the download was truncated",
        ),
        "corrupt": (good[:200] + b"\x00" * 64 + good[264:], "not a readable zstandard file"),
        "html": (
            (FIXTURES / "aws_instance_pages" / "error_page.html").read_bytes(),
            "not a readable zstandard file",
        ),
        "no gpu lines": (
            zstandard.ZstdCompressor().compress(b"use1-az4\tc5.large\tLinux/UNIX\t0.03\tx\n"),
            "no line of a GPU/accelerator instance family",
        ),
    }[broken]
    server.script(PATH, Reply(200, body))
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message):
        spot.fetch(store, client, base_url=server.base + "/repo/")
    assert store.versions(SOURCE) == []
    assert not (tmp_path / SOURCE).exists()
