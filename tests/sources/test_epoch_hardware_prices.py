"""Epoch's hardware price database read as price quotes, from the real bundled file."""

import dataclasses
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import epoch_hardware_prices as epoch
from sources.http import TruncatedBodyError
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import fetch
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

ON_DEMAND = "Price per chip-hour (on-demand)"
PURCHASE_FIELD = "Price (hardware purchase)"


@pytest.fixture(scope="module")
def version(bundled_store) -> Snapshot:
    (only,) = bundled_store.versions(epoch.SOURCE.name)
    return only


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return epoch.quotes(version)


@pytest.fixture(scope="module")
def recorded(version) -> bytes:
    return version.path(epoch.SOURCE.filename).read_bytes()


def quote(frame: pl.DataFrame, record: int, field: str) -> dict:
    (hit,) = frame.filter(
        (pl.col("record_number") == record) & (pl.col("price_field") == field)
    ).to_dicts()
    return hit


def stored(tmp_path, data: bytes) -> Snapshot:
    """`data` as the only version of the source in a fresh store."""
    store = SnapshotStore(tmp_path / "store")
    snapshot, _ = store.add(
        epoch.SOURCE.name,
        {epoch.SOURCE.filename: data},
        url="https://example.org/prices.csv",
        licence=epoch.SOURCE.licence,
        retrieved_at=datetime(2025, 6, 20, tzinfo=UTC),
    )
    return snapshot


def edited(recorded: bytes, record: int, **cells: str) -> bytes:
    """The recorded CSV with some cells of one record replaced (record numbers are 1-based)."""
    frame = pl.read_csv(recorded.decode("utf-8-sig").encode(), infer_schema=False)
    frame = frame.with_row_index("n", offset=1).with_columns(
        pl.when(pl.col("n") == record).then(pl.lit(value)).otherwise(pl.col(name)).alias(name)
        for name, value in cells.items()
    )
    return frame.drop("n").write_csv().encode()


def test_every_record_is_accounted_for_by_its_quotes(version, quotes):
    raw = epoch.parse(version.path())
    assert raw["row_number"].to_list() == list(range(1, 592))
    assert quotes.schema == QUOTE_SCHEMA
    assert quotes["row_number"].to_list() == list(range(1, quotes.height + 1))
    assert set(quotes["record_number"]) == set(range(1, 592))
    counts = dict(quotes.group_by("pricing").len().iter_rows())
    assert counts == {"on_demand": 465, "reserved_1y": 107, "reserved_3y": 110, "purchase": 123}
    by_field = quotes.group_by("price_field").agg(pl.col("record_number").n_unique())
    assert dict(by_field.iter_rows())[PURCHASE_FIELD] == 122
    cloud = quotes.filter(pl.col("price_field").str.starts_with("Price per chip-hour"))
    assert cloud["record_number"].n_unique() == 468


def test_the_only_record_without_a_price_is_one_quarantinable_quote(quotes):
    assert quotes.filter(pl.col("parse_error").is_not_null())["record_number"].to_list() == [578]
    empty = quotes.filter(pl.col("record_number") == 578).to_dicts()
    assert len(empty) == 1
    (q,) = empty
    assert (q["price_field"], q["value_text"], q["parse_error"]) == (NO_FIELD, None, NO_PRICE)
    assert q["hardware_text"] == "NVIDIA H100 SXM5 80GB" and q["pricing"] == "purchase"


def test_cloud_prices_per_chip_hour_with_dates_vendors_and_instances(quotes):
    p4d = quote(quotes, 83, ON_DEMAND)
    assert p4d["observed_at"] == datetime(2021, 6, 15, tzinfo=UTC)
    assert (p4d["provider"], p4d["region"]) == ("aws", "US East (Northern Virginia)")
    assert (p4d["instance_type"], p4d["hardware_text"]) == ("p4d.24xlarge", "NVIDIA A100")
    assert p4d["hardware_context"] == "Hardware model"
    assert (p4d["value_text"], p4d["usd_per_accelerator_hour"]) == ("4.10", 4.1)
    assert p4d["usd_per_hour"] is None  # Number of GPUs is empty in this record
    reserved = quote(quotes, 83, "Price per chip-hour (3-year CUD)")
    assert (reserved["pricing"], reserved["usd_per_accelerator_hour"]) == ("reserved_3y", 1.45)
    assert quote(quotes, 83, "Price per chip-hour (1-year CUD)")["usd_per_accelerator_hour"] == 2.4
    # copied from FSDL: V100 p3.16xlarge at 3.06 per chip-hour, 8 chips -> 24.48 per hour
    p3 = quote(quotes, 115, ON_DEMAND)
    assert (p3["instance_type"], p3["accelerators_per_instance"]) == ("p3.16xlarge", 8.0)
    assert p3["usd_per_hour"] == pytest.approx(24.48)
    assert p3["observed_at"] == datetime(2022, 8, 4, tzinfo=UTC)
    azure = quote(quotes, 361, ON_DEMAND)
    assert (azure["provider"], azure["instance_type"]) == ("azure", "ND96asr A100 v4")
    assert azure["notes"].startswith("instance ND96asr A100 v4 number of GPUs: 8x")
    assert quote(quotes, 20, ON_DEMAND)["provider"] == "gcp"
    assert quotes.filter(pl.col("pricing") != "purchase")["provider"].null_count() == 0
    assert quotes["price_usd"].filter(quotes["pricing"] != "purchase").null_count() == 682


def test_purchase_prices_per_chip_with_their_notes(quotes):
    h100 = quote(quotes, 548, PURCHASE_FIELD)
    assert (h100["price_usd"], h100["accelerators_per_instance"]) == (46875.0, 8.0)
    assert h100["notes"] == "$375,000.00 / 8 = 46 875 US$ per chip"
    assert h100["observed_at"] == datetime(2025, 3, 3, tzinfo=UTC)
    assert (h100["provider"], h100["usd_per_hour"], h100["instance_type"]) == (None, None, None)
    gtx = quote(quotes, 1, PURCHASE_FIELD)
    assert (gtx["hardware_text"], gtx["value_text"], gtx["price_usd"]) == (
        "NVIDIA GeForce GTX 580",
        "499.00",
        499.0,
    )
    assert gtx["notes"] == "Single-unit release price"
    purchases = quotes.filter(pl.col("price_field") == PURCHASE_FIELD)
    assert (
        purchases["price_usd"].min() > 0 and purchases["usd_per_accelerator_hour"].is_null().all()
    )


def test_spellings_are_exactly_the_mentions_the_alias_table_is_built_from(version, quotes):
    mentioned = epoch.hardware_mentions([version]).select("spelling", "context")
    spelled = quotes.select(
        pl.col("hardware_text").alias("spelling"), pl.col("hardware_context").alias("context")
    ).unique()
    assert spelled.join(mentioned, on=["spelling", "context"], how="anti").height == 0
    assert spelled.height == 82


@pytest.mark.parametrize(
    ("note", "instance"),
    [
        ("p3.16xlarge", "p3.16xlarge"),
        (" NC6s v3", "NC6s v3"),
        ("instance NC12 have 2 GPUs", "NC12"),
        ("instance NC24s v3 number of GPUs: 4X OS/Software: CentOS or Ubuntu Linux", "NC24s v3"),
        ("8A100.176V", "8A100.176V"),
        ("GPU2 MEDIUM", "GPU2 MEDIUM"),
        ("GPU MEDIUM", None),  # no digit: not told from a phrase
        ("27.92 for 8x", None),
        ("$84.80/8 = 10.6 US$", None),
        ("https://lambdalabs.com/service/gpu-cloud", None),
        ("Single-unit list price", None),
        (None, None),
    ],
)
def test_instance_types_read_from_notes_only_when_they_are_names(note, instance):
    assert epoch.instance_type(note) == instance


def test_record_problems_are_parse_errors_of_its_quotes(tmp_path, recorded):
    data = edited(recorded, 83, Vendor="")
    data = edited(data, 115, **{"Price date": "4 Aug 2022", "Number of GPUs": "eight"})
    data = edited(data, 19, **{"Price date": "", ON_DEMAND: "N/A"})
    data = edited(data, 20, **{ON_DEMAND: "0"})
    q = epoch.quotes(stored(tmp_path, data))
    assert q.height == 805
    errors = dict(
        q.filter(pl.col("parse_error").is_not_null())
        .group_by("record_number")
        .agg(pl.col("parse_error").unique())
        .iter_rows()
    )
    assert errors[83] == [epoch.NO_VENDOR]  # its three cloud quotes
    assert q.filter(pl.col("record_number") == 83)["parse_error"].to_list() == [epoch.NO_VENDOR] * 3
    assert errors[115] == ["unreadable Price date '4 Aug 2022'; unreadable Number of GPUs 'eight'"]
    assert sorted(errors[19]) == ["no Price date", "no Price date; unreadable price 'N/A'"]
    assert errors[20] == ["price '0' is zero, which this upstream writes for a missing price"]
    assert set(errors) == {19, 20, 83, 115, 578}


def test_a_live_fetch_lands_a_version_with_the_same_quotes(
    server, client, tmp_path, recorded, quotes
):
    url = server.script("/data/Hardware%20prices.csv", Reply(200, recorded, {"ETag": '"h1"'}))
    source = dataclasses.replace(epoch.SOURCE, url=url)
    outcome = fetch(source, SnapshotStore(tmp_path), client)
    assert outcome.changed and outcome.snapshot.etag == '"h1"'
    assert outcome.snapshot.sha256.startswith("e397345924db")
    assert epoch.quotes(outcome.snapshot).equals(quotes)


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html>\n<html><head><title>Rate limited</title></head>\n"
        b"<body>Slow down, please, and try later</body></html>\n",
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b"<!DOCTYPE html>\n<html>\n<body>Not Found</body>\n</html>\n",
    ],
)
def test_an_html_page_served_as_200_is_refused_naming_the_file(server, client, tmp_path, page):
    url = server.script("/prices.csv", Reply(200, page, {"Content-Type": "text/html"}))
    store = SnapshotStore(tmp_path / "store")
    with pytest.raises(UpstreamFormatError, match=r"sent text/html where .*/prices\.csv names"):
        fetch(dataclasses.replace(epoch.SOURCE, url=url), store, client)
    assert store.versions(epoch.SOURCE.name) == []  # refused before anything is stored
    # The parser refuses the page too, should one arrive labelled as CSV.
    with pytest.raises(
        UpstreamFormatError,
        match=r"/hardware_prices\.csv: (not a readable CSV|no records|columns \[.*\] are missing)",
    ):
        epoch.quotes(stored(tmp_path, page))


def test_a_renamed_price_column_is_named(tmp_path, recorded):
    renamed = recorded.replace(b"Price (hardware purchase)", b"Purchase price (USD)", 1)
    with pytest.raises(UpstreamFormatError, match=r"\['Price \(hardware purchase\)'\] are missing"):
        epoch.quotes(stored(tmp_path, renamed))


def test_a_truncated_download_stores_nothing(server, client, tmp_path, recorded):
    url = server.script("/prices.csv", Reply(200, recorded[:20_000], length=len(recorded)))
    store = SnapshotStore(tmp_path)
    with pytest.raises(TruncatedBodyError):
        fetch(dataclasses.replace(epoch.SOURCE, url=url), store, client)
    assert store.versions(epoch.SOURCE.name) == []


def test_a_file_cut_short_upstream_is_refused_not_read_as_empty_cells(tmp_path, recorded):
    # cut inside the last record, after its price fields: polars would fill the rest with nulls
    cut = recorded[: recorded.rfind(b"\n") + 1] + recorded[recorded.rfind(b"\n") + 1 :][:40]
    assert cut.count(b",") < recorded.count(b",")
    with pytest.raises(UpstreamFormatError, match=r"record 591 has \d+ fields for 13 columns"):
        epoch.quotes(stored(tmp_path, cut))
