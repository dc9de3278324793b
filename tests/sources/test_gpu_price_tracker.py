"""Compute Price Tracker marketplace quotes from the bundled version, and the live fetch of its
seven JSONL files against the local server."""

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import gpu_price_tracker
from sources.http import FetchError, HttpClient, HttpPolicy
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

NAME = gpu_price_tracker.SOURCE.name
FILES = gpu_price_tracker.FILES


@pytest.fixture(scope="module")
def version(bundled_store):
    return bundled_store.latest(NAME)


@pytest.fixture(scope="module")
def quotes(version) -> pl.DataFrame:
    return gpu_price_tracker.quotes(version)


def test_one_quote_per_provider_per_tick(quotes):
    assert quotes.schema == QUOTE_SCHEMA
    assert quotes.height == 25956
    assert quotes["row_number"].to_list() == list(range(1, 25957))
    # every line of the seven files is a record, numbered across the files in name order
    assert sorted(set(quotes["record_number"])) == list(range(1, 6495))
    assert quotes.select("record_number", "price_field").is_unique().all()
    assert set(quotes["pricing"]) == {"marketplace"}
    assert quotes["parse_error"].null_count() == quotes.height
    assert quotes["usd_per_hour"].is_null().all()
    assert quotes["region"].is_null().all() and quotes["instance_type"].is_null().all()
    counts = dict(quotes["provider"].value_counts().iter_rows())
    assert counts["runpod"] == 5650 and counts["lambda"] == 3189  # upstream key lambdalabs
    assert counts["dc_wildebeest"] == 1688  # an anonymous seller keeps its slug
    assert len(counts) == 14


def test_first_h100_sxm5_tick(quotes):
    # H100_80GB_SXM5.jsonl line 1 (2025-10-19T21:01:58.727366+00:00): runpod min 2.69 ...
    first = 957 * 3 + 752 + 957 + 1  # after A100 PCIe, A100 SXM4, B200, GH200, H100 PCIe
    tick = quotes.filter(record_number=first)
    assert tick["price_field"].to_list() == [
        "by_provider.runpod.min",
        "by_provider.lambdalabs.min",
        "by_provider.hyperstack.min",
        "by_provider.primecompute.min",
        "by_provider.dc_roan.min",
        "by_provider.nebius.min",
    ]
    assert tick["usd_per_accelerator_hour"].to_list() == [2.69, 3.29, 2.4, 1.0, 1.99, 2.12]
    assert tick["value_text"][1] == "3.29" and tick["provider"][1] == "lambda"
    row = tick.row(0, named=True)
    assert row["observed_at"] == datetime(2025, 10, 19, 21, 1, 58, 727366, tzinfo=UTC)
    assert (row["hardware_text"], row["hardware_context"]) == (
        "H100_80GB",
        "gpu_type with socket_type SXM5",
    )
    assert row["notes"] == "H100_80GB_SXM5.jsonl line 1"


def test_hardware_spelling_and_context_are_the_mentions(version, quotes):
    mentioned = gpu_price_tracker.mention_records([version]).select("spelling", "context")
    quoted = quotes.select(spelling="hardware_text", context="hardware_context")
    assert quoted.unique().sort(pl.all()).equals(mentioned.unique().sort(pl.all()))
    per_record = quotes.unique("record_number").sort("record_number")
    assert per_record.height == mentioned.height  # one mention record per line, same order
    assert per_record["hardware_context"].equals(mentioned["context"], check_names=False)


def stored(tmp_path, lines: list[dict]):
    store = SnapshotStore(tmp_path / "store")
    data = b"\n".join(json.dumps(line).encode() for line in lines) + b"\n"
    snapshot, _ = store.add(NAME, {"X_1GB.jsonl": data}, url="test", licence="test")
    return snapshot


def tick(**changes) -> dict:
    line = {
        "timestamp": "2025-11-01T00:00:00+00:00",
        "gpu_type": "H100_80GB",
        "socket_type": "PCIe",
        "price_stats": {},
        "availability": {},
        "by_provider": {"runpod": {"count": 1, "min": 2.0, "avg": 2.0}},
    }
    return {**line, **changes}


def test_empty_offers_zero_prices_and_broken_ticks_are_quotes_with_reasons(tmp_path):
    snapshot = stored(
        tmp_path,
        [
            tick(by_provider={}),
            tick(by_provider={"vultr": {"count": 2, "min": 0.0, "avg": 1.0}}),
            tick(by_provider={"nebius": {"count": 0}}),
            tick(timestamp="yesterday", socket_type=None),
        ],
    )
    frame = gpu_price_tracker.quotes(snapshot)
    assert frame["record_number"].to_list() == [1, 2, 3, 4]
    assert frame["price_field"][0] == NO_FIELD and frame["parse_error"][0] == NO_PRICE
    assert frame["parse_error"][1] == (
        "price '0.0' is zero, which this upstream writes for a missing price"
    )
    assert frame["parse_error"][2] == "by_provider.nebius states no 'min' price: {'count': 0}"
    assert frame["parse_error"][3] == "unreadable timestamp 'yesterday'"
    assert frame["hardware_context"][3] == "gpu_type without socket_type"


# --- live fetch ---------------------------------------------------------------------------


@pytest.fixture()
def client():
    policy = HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=20, max_retries=0)
    with HttpClient(policy) as c:
        yield c


def serve(server, files: dict[str, bytes]) -> str:
    for name, data in files.items():
        server.script(f"/summary/{name}", Reply(200, data))
    return server.base + "/summary"


def test_live_fetch_stores_the_seven_files_as_one_version(server, client, tmp_path, version):
    recorded = {name: version.path(name).read_bytes() for name in FILES}
    base = serve(server, recorded)
    store = SnapshotStore(tmp_path)
    outcome = gpu_price_tracker.fetch(store, client, base_url=base)
    assert outcome.changed
    assert sorted(outcome.snapshot.files) == FILES
    assert outcome.snapshot.sha256 == version.sha256  # byte-identical to the bundled copy
    assert gpu_price_tracker.quotes(outcome.snapshot).height == 25956
    again = gpu_price_tracker.fetch(store, client, base_url=base)
    assert not again.changed and again.snapshot == outcome.snapshot
    assert len(store.versions(NAME)) == 1


@pytest.fixture(scope="module")
def small(version) -> dict[str, bytes]:
    """The first three lines of each bundled file: enough for the broken variants."""
    return {
        name: b"".join(version.path(name).read_bytes().splitlines(keepends=True)[:3])
        for name in FILES
    }


BROKEN = "H100_80GB_PCIe.jsonl"


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("html", r"H100_80GB_PCIe.jsonl:1: not a JSON line"),
        ("renamed", r"H100_80GB_PCIe.jsonl:1: keys \['by_provider'\] are missing"),
        ("cut", r"H100_80GB_PCIe.jsonl:3: not a JSON line"),
    ],
)
def test_a_broken_file_stores_nothing(server, client, tmp_path, small, variant, message):
    data = small[BROKEN]
    body = {
        "html": b"<!DOCTYPE html>\n<html><body>Not Found</body></html>\n",
        "renamed": data.replace(b'"by_provider"', b'"providers"'),
        "cut": data[: len(data) - 40],
    }[variant]
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message):
        gpu_price_tracker.fetch(store, client, base_url=serve(server, {**small, BROKEN: body}))
    assert store.versions(NAME) == []
    assert not list(tmp_path.rglob("*.jsonl"))


def test_a_missing_file_stores_nothing(server, client, tmp_path, small):
    base = serve(server, {k: v for k, v in small.items() if k != BROKEN})
    store = SnapshotStore(tmp_path)
    with pytest.raises(FetchError, match="H100_80GB_PCIe.jsonl: HTTP 404"):
        gpu_price_tracker.fetch(store, client, base_url=base)
    assert store.versions(NAME) == []


def test_the_default_urls_are_the_upstream_head():
    assert gpu_price_tracker.BASE_URL == (
        "https://raw.githubusercontent.com/tugot17/gpu-price-tracker/HEAD/data/summary"
    )
    assert gpu_price_tracker.SOURCE.url == f"{gpu_price_tracker.BASE_URL}/H100_80GB_SXM5.jsonl"
