"""The Azure development backup: every price is read, and none is kept (the module's decision)."""

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from sources import azure_dev_backup as azure
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = azure.SOURCE.name


@pytest.fixture(scope="module")
def version(bundled_store):
    (snapshot,) = bundled_store.versions(SOURCE)
    return snapshot


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return azure.quotes(version)


def price(quotes: pl.DataFrame, size: str, region: str) -> float:
    return quotes.filter((pl.col("instance_type") == size) & (pl.col("region") == region))[
        "usd_per_hour"
    ].item()


def test_every_size_is_accounted_for(quotes):
    assert quotes.schema == QUOTE_SCHEMA
    assert quotes.height == 601
    assert quotes["row_number"].to_list() == list(range(1, 602))
    assert sorted(set(quotes["record_number"])) == list(range(1, 57))
    assert quotes.select("record_number", "price_field").is_unique().all()
    assert set(quotes["provider"]) == {"azure"} and set(quotes["pricing"]) == {"on_demand"}
    assert set(quotes["observed_at"]) == {datetime(2022, 12, 15, 17, 44, 40, tzinfo=UTC)}
    assert quotes["hardware_text"].null_count() == 601  # GPU_model is never populated
    assert quotes["accelerators_per_instance"].null_count() == 601  # GPU is always 0
    unpriced = quotes.filter(pl.col("price_field") == NO_FIELD)
    assert sorted(unpriced["instance_type"]) == [
        "Standard_NC12_Promo",
        "Standard_NC24_Promo",
        "Standard_NC24r_Promo",
        "Standard_NC6_Promo",
        "Standard_ND40s_v3",
        "Standard_NV12_Promo",
        "Standard_NV24_Promo",
        "Standard_NV6_Promo",
    ]
    assert set(unpriced["parse_error"]) == {NO_PRICE}


def test_no_price_is_kept_as_a_fact(quotes):
    assert quotes["parse_error"].null_count() == 0
    priced = quotes.filter(pl.col("price_field") != NO_FIELD)
    assert priced.height == 593
    assert set(priced["parse_error"]) == {azure.DEV_BACKUP}
    assert priced["price_field"].str.contains(r"^pricing\.[a-z0-9]+\.ondemand$").all()


def test_the_evidence_for_the_decision(quotes):
    # Azure Linux pay-as-you-go list prices in East US: NC6 (1x K80) 0.90, NC24s_v3 (4x V100)
    # 12.24, ND96asr_v4 (8x A100 40GB) ~27.20 USD/h. The backup holds other meters:
    assert price(quotes, "Standard_NC6", "eastus") == 0.434
    assert price(quotes, "Standard_NC24s_v3", "eastus") == pytest.approx(12.24 * 0.2)  # low prio
    assert price(quotes, "Standard_ND96asr_v4", "eastus") == pytest.approx(27.197 * 0.2, abs=1e-3)
    assert price(quotes, "Standard_NC6s_v3", "eastus") == pytest.approx(3.06 + 6 * 0.046)  # Win
    assert price(quotes, "Standard_NC12s_v3", "eastus") == 51467.0  # a reservation total
    assert price(quotes, "Standard_NV8as_v4", "canadacentral") == 3135.0  # PROVENANCE's example
    spread = (
        quotes.filter(pl.col("usd_per_hour").is_not_null())
        .group_by("instance_type")
        .agg((pl.col("usd_per_hour").max() / pl.col("usd_per_hour").min()).alias("ratio"))
    )
    assert spread.height == 48 and spread.filter(pl.col("ratio") > 10_000).height == 30
    # value_text is the JSON number as written
    row = quotes.filter(pl.col("instance_type") == "Standard_NV8as_v4").row(0, named=True)
    assert isinstance(row["value_text"], str)
    assert quotes.filter(pl.col("value_text") == "3135.0").height == 1


def test_odd_records_are_accounted_for(tmp_path):
    content = (FIXTURES / "azure_dev_backup" / "odd_records.json").read_bytes()
    snapshot, _ = SnapshotStore(tmp_path).add(
        SOURCE, {azure.FILENAME: content}, url="file:test", licence="test"
    )
    rows = azure.quotes(snapshot).select(
        "record_number", "price_field", "value_text", "parse_error"
    )
    assert rows.rows() == [
        (1, "pricing.eastus.ondemand", "0.90", azure.DEV_BACKUP),
        (1, "pricing.westus2.ondemand", "1e-05", azure.DEV_BACKUP),
        (2, NO_FIELD, None, "no 'pricing' object"),
        (3, NO_FIELD, None, NO_PRICE),
        (4, "pricing.eastus.ondemand", "N/A", azure.DEV_BACKUP),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>rate limited</html>", "not JSON"),
        (b'{"data": []}', "non-empty 'data' list"),
        (b'{"data": [{"instance_type": "Standard_NC6"}]}', "no readable 'commit_date'"),
    ],
)
def test_a_file_of_another_shape_raises(content, message):
    with pytest.raises(UpstreamFormatError, match=message):
        azure._read(content, "azure_nseries_vms.json")


# --- live fetch against the local server ------------------------------------------------------


def upstream_backup(version) -> bytes:
    """The full backup as upstream lays it out (a JSON list, indent 1): the 56 N-series sizes
    in order, between 656 other sizes (712 in all, as the header records)."""
    sizes = json.loads(version.path().read_bytes())["data"]

    def other(name: str) -> dict:
        return {"instance_type": name, "pricing": {"eastus": {"ondemand": 0.1}}}

    mixed = []
    for i, size in enumerate(sizes):
        mixed += [size] + [other(f"Standard_D{i}_{j}s_v5") for j in range(11)]
    mixed += [other("Standard_NP10s")] * (712 - len(mixed))  # FPGA N-series: not NC/ND/NG/NV
    assert len(mixed) == 712
    return json.dumps(mixed, indent=1).encode()


PATH = "/repo/www/azure/instances.json.bak"


def test_fetch_writes_the_extract_as_bundled(server, client, version, quotes, tmp_path):
    server.script(PATH, Reply(200, upstream_backup(version)))
    store = SnapshotStore(tmp_path)
    outcome = azure.fetch(store, client, base_url=server.base + "/repo/")
    assert outcome.changed
    fetched = outcome.snapshot
    assert (fetched.version, fetched.sha256) == (version.version, version.sha256)
    assert azure.quotes(fetched).equals(quotes)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ((FIXTURES / "aws_instance_pages" / "error_page.html").read_bytes(), "not JSON"),
        (b'{"instances": []}', "expected a JSON list of VM size objects"),
        (json.dumps([{"instance_type": "Standard_D2s_v5"}]).encode(), "no N-series"),
        (b'[{"instance_type": "Standard_NC6", "pricing": {}', "not JSON"),  # truncated
    ],
)
def test_a_broken_download_stores_nothing(server, client, tmp_path, body, message):
    server.script(PATH, Reply(200, body))
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message):
        azure.fetch(store, client, base_url=server.base + "/repo/")
    assert store.versions(SOURCE) == []
    assert not (tmp_path / SOURCE).exists()
