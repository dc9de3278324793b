"""AWS price quotes from the ec2instances.info extracts (history 2013-2017 and the 2024-04-04
opszero snapshot), and their live fetch at the pinned commits against the local server.

Reference prices: AWS's on-demand Linux list prices in us-east-1 were 0.90 USD/h for
p2.xlarge and 24.48 USD/h for p3.16xlarge (https://aws.amazon.com/ec2/pricing/on-demand/;
unchanged since launch in 2016 and 2017).
"""

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import ec2instances_2024, ec2instances_history
from sources.http import FetchError, HttpClient, HttpPolicy
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

HISTORY = ec2instances_history.SOURCE.name
SNAPSHOT_2024 = ec2instances_2024.SOURCE.name
LAST = "2017-11-12-b370f2859046"  # upstream commit 94e1f006 (the pinned one)


@pytest.fixture(scope="module")
def history(bundled_store) -> dict[str, pl.DataFrame]:
    return {v.version: ec2instances_history.quotes(v) for v in bundled_store.versions(HISTORY)}


@pytest.fixture(scope="module")
def quotes_2024(bundled_store) -> pl.DataFrame:
    return ec2instances_2024.quotes(bundled_store.latest(SNAPSHOT_2024))


def us_east_1(frame: pl.DataFrame, instance_type: str) -> dict[str, float]:
    rows = frame.filter(instance_type=instance_type, region="us-east-1")
    return dict(zip(rows["pricing"], rows["usd_per_hour"], strict=True))


# --- history --------------------------------------------------------------------------------


def test_p2_and_p3_list_prices_in_us_east_1(history):
    frame = history[LAST]
    assert us_east_1(frame, "p2.xlarge") == {
        "on_demand": 0.9,
        "reserved_1y": 0.585,  # yrTerm1Standard.partialUpfront, effective USD/h
        "reserved_3y": 0.425,
    }
    assert us_east_1(frame, "p3.16xlarge") == {
        "on_demand": 24.48,
        "reserved_1y": 15.912,
        "reserved_3y": 9.866,
    }
    p3 = frame.filter(instance_type="p3.16xlarge", region="us-east-1", pricing="on_demand")
    row = p3.row(0, named=True)
    assert row["price_field"] == "pricing.us-east-1.linux.ondemand"
    assert (row["accelerators_per_instance"], row["usd_per_accelerator_hour"]) == (8.0, 3.06)
    assert row["observed_at"] == datetime(2017, 11, 12, 16, 13, 8, tzinfo=UTC)
    assert (row["provider"], row["hardware_text"], row["parse_error"]) == ("aws", None, None)
    # the same p2.xlarge on-demand price in all 27 versions since its launch (2016-10)
    p2 = pl.concat(history.values()).filter(
        instance_type="p2.xlarge", region="us-east-1", pricing="on_demand"
    )
    assert p2.height == 27 and set(p2["value_text"]) == {"0.9"}


def test_early_text_prices_and_regions_not_offered(history):
    first = history["2013-09-27-d7d6702f33c8"]
    assert first.select("region", "value_text", "parse_error").rows() == [
        (
            "us-west-2",
            "N/A",
            "'N/A': upstream lists no cg1.4xlarge price in us-west-2 (not offered)",
        ),
        ("us-east-1", "2.100", None),
        ("eu-west-1", "2.36", None),
    ]
    assert set(first["price_field"]) == {
        "pricing.us-west-2.linux",
        "pricing.us-east-1.linux",
        "pricing.eu-west-1.linux",
    }
    assert first["observed_at"][0] == datetime(2013, 9, 27, 0, 7, 24, tzinfo=UTC)
    assert first["accelerators_per_instance"].is_null().all()  # no GPU field in 2013


def test_reserved_terms_across_the_three_reserved_schemas(history):
    nested = history["2015-08-03-9ef81602d8c3"]  # yrTerm1: {partialUpfront, ...}
    g2 = nested.filter(instance_type="g2.2xlarge", region="us-east-1")
    assert g2.select("price_field", "value_text").rows() == [
        ("pricing.us-east-1.linux.ondemand", "0.65"),
        ("pricing.us-east-1.linux.reserved.yrTerm1.partialUpfront", "0.4052"),
        ("pricing.us-east-1.linux.reserved.yrTerm3.partialUpfront", "0.3"),
    ]
    flat = history["2015-08-03-803b0fbe2bfe"]  # "yrTerm1.partialUpfront" keys
    assert flat.filter(instance_type="g2.2xlarge", region="us-east-1")["value_text"].to_list() == [
        "0.65",
        "0.4052",
        "0.3",
    ]


def test_every_history_record_is_accounted_for(bundled_store, history):
    every = pl.concat(history.values())
    assert dict(every["pricing"].value_counts().iter_rows()) == {
        "on_demand": 1980,
        "reserved_1y": 1454,
        "reserved_3y": 1454,
        None: 24,
    }
    reasons = every["parse_error"].str.replace(r"'N/A': .*", "N/A").value_counts()
    assert dict(reasons.iter_rows()) == {None: 4677, "N/A": 211, NO_PRICE: 24}
    # f1 in 2016-11 .. 2017-03: `pricing: {}`, one NO_PRICE quote per record
    no_price = every.filter(price_field=NO_FIELD)
    assert set(no_price["instance_type"]) == {"f1.2xlarge", "f1.16xlarge"}
    records = 0
    for snapshot in bundled_store.versions(HISTORY):
        frame = history[snapshot.version]
        assert frame.schema == QUOTE_SCHEMA
        assert frame["row_number"].to_list() == list(range(1, frame.height + 1))
        n = len(json.loads(snapshot.path().read_bytes())["instances"])
        assert sorted(set(frame["record_number"])) == list(range(1, n + 1))
        records += n
    assert records == 350
    # Linux only: no other operating system's price is read
    assert every["price_field"].str.contains(r"\.linux").sum() == every.height - 24


def test_accelerators_are_gpus_or_fpgas(history):
    frame = history[LAST]
    per_type = dict(
        frame.group_by("instance_type").agg(pl.col("accelerators_per_instance").first()).rows()
    )
    assert per_type["f1.16xlarge"] == 8.0  # FPGAs
    assert per_type["p2.16xlarge"] == 16.0
    assert per_type["g2.2xlarge"] is None  # upstream says GPU 0 for g2 from 2017-07


# --- 2024 snapshot --------------------------------------------------------------------------


def test_2024_quotes_zeros_and_placeholders(quotes_2024):
    frame = quotes_2024
    assert frame.schema == QUOTE_SCHEMA
    assert frame.height == 1332 and frame["record_number"].n_unique() == 737
    assert frame["row_number"].to_list() == list(range(1, 1333))
    assert dict(frame["pricing"].value_counts().iter_rows()) == {"on_demand": 737, "spot": 595}
    reasons = frame["parse_error"].str.extract(r"(placeholder|zero)").value_counts()
    assert dict(reasons.iter_rows()) == {None: 1253, "placeholder": 69, "zero": 10}
    assert us_east_1(frame, "p3.16xlarge")["on_demand"] == 24.48
    g5 = frame.filter(instance_type="g5.16xlarge", region="ap-northeast-1")
    assert g5["value_text"].to_list() == ["5.94042", "0.594042"]
    assert g5["parse_error"][1] == (
        "spot_avg '0.594042' is exactly 10% of on-demand '5.94042' (to the 6 decimals written): "
        "a placeholder, not a price"
    )
    p5 = frame.filter(instance_type="p5.48xlarge", region="us-east-1")
    assert p5["parse_error"].to_list() == [
        "price '0' is zero, which this upstream writes for a missing price",
        "price '0.000000' is zero, which this upstream writes for a missing price",
    ]
    assert frame["observed_at"].unique().to_list() == [datetime(2024, 4, 4, 7, 1, 19, tzinfo=UTC)]
    assert frame.filter(pl.col("accelerators_per_instance").is_null())[
        "instance_type"
    ].unique().to_list() == ["dl1.24xlarge"]
    trn = frame.filter(instance_type="trn1.32xlarge", region="us-east-1", pricing="on_demand")
    assert trn["usd_per_accelerator_hour"].to_list() == [pytest.approx(21.5 / 16)]


def test_placeholder_rule_uses_the_written_decimals():
    error = ec2instances_2024.placeholder_error
    assert error("21.5", "2.150000") is not None
    assert error("0.526", "0.052600") is not None
    assert error("0.526", "0.052601") is None  # one unit off in the last written decimal
    assert error("0", "0.000000") is None  # zeros are flagged as missing, not placeholders
    assert error("0.526", None) is None


# --- live fetch at the pinned commits -------------------------------------------------------


@pytest.fixture()
def client():
    policy = HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=10, max_retries=0)
    with HttpClient(policy) as c:
        yield c


def non_gpu(name: str) -> dict:
    return {"instance_type": name, "family": "General purpose", "pricing": {"us-east-1": {}}}


@pytest.fixture(scope="module")
def instances_json(bundled_store) -> bytes:
    """www/instances.json at 94e1f006 as upstream serves it: a list of every instance (the
    bundled GPU instances, interleaved with others the extract must drop)."""
    gpu = json.loads(bundled_store.latest(HISTORY).path().read_bytes())["instances"]
    listed = [non_gpu("m4.large"), *gpu[:5], non_gpu("c4.xlarge"), *gpu[5:], non_gpu("x1.32xl")]
    return json.dumps(listed, indent=2).encode()


def history_url(server, body: bytes, *replies: Reply) -> str:
    commit = ec2instances_history.PINNED_COMMIT
    server.script(f"/vantage/{commit}/www/instances.json", Reply(200, body), *replies)
    return server.base + "/vantage"


def test_history_fetch_reproduces_the_bundled_extract(
    server, client, tmp_path, bundled_store, instances_json
):
    commit = ec2instances_history.PINNED_COMMIT
    path = f"/vantage/{commit}/www/instances.json"
    server.script(path, Reply(200, instances_json, {"ETag": '"h1"'}), Reply(304))
    store = SnapshotStore(tmp_path)
    outcome = ec2instances_history.fetch(store, client, base_url=server.base + "/vantage")
    bundled = bundled_store.latest(HISTORY)
    assert outcome.changed
    assert (outcome.snapshot.version, outcome.snapshot.sha256) == (bundled.version, bundled.sha256)
    again = ec2instances_history.fetch(store, client, base_url=server.base + "/vantage")
    assert not again.changed and again.snapshot == outcome.snapshot
    assert server.requests_to(path)[1]["If-None-Match"] == '"h1"'


def test_history_fetch_into_the_bundled_store_stores_nothing_new(
    server, client, tmp_path, bundled_store, instances_json
):
    import shutil

    shutil.copytree(bundled_store.root / HISTORY, tmp_path / HISTORY)
    store = SnapshotStore(tmp_path)
    outcome = ec2instances_history.fetch(
        store, client, base_url=history_url(server, instances_json)
    )
    assert not outcome.changed and outcome.snapshot.version == LAST
    assert len(store.versions(HISTORY)) == 71


def broken_history(instances_json: bytes, variant: str) -> tuple[bytes, str]:
    listed = json.loads(instances_json)
    if variant == "html":
        return b"<html><body>404: Not Found</body></html>", "instances.json\\): not JSON"
    if variant == "renamed type":
        listed[3]["instanceType"] = listed[3].pop("instance_type")
        return json.dumps(listed).encode(), "instance 4 has no 'instance_type'"
    if variant == "renamed pricing":
        for instance in listed:
            instance["prices"] = instance.pop("pricing")
        return json.dumps(listed).encode(), "no GPU instance has a pricing.<region>.linux price"
    return instances_json[: len(instances_json) // 2], "instances.json\\): not JSON"  # cut


@pytest.mark.parametrize("variant", ["html", "renamed type", "renamed pricing", "cut"])
def test_a_broken_history_file_stores_nothing(server, client, tmp_path, instances_json, variant):
    body, message = broken_history(instances_json, variant)
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message) as err:
        ec2instances_history.fetch(store, client, base_url=history_url(server, body))
    assert "www/instances.json" in str(err.value)
    assert store.versions(HISTORY) == []


@pytest.fixture(scope="module")
def opszero_json(bundled_store) -> bytes:
    """opszero-app/instances.json at a19cd859 as upstream serves it: {"data": [13,767 rows]},
    the bundled 737 GPU/accelerator rows among CPU-only rows."""
    extract = json.loads(bundled_store.latest(SNAPSHOT_2024).path().read_bytes())
    cpu = {
        "instance-type": "c5d.2xlarge",
        "arch": "x86_64",
        "memory": 16.0,
        "vCPU": 8,
        "GPU": 0,
        "GPU_memory": 0,
        "current-generation": True,
        "region": "af-south-1",
        "ondemand": "0.52",
        "spot_avg": "0.130000",
    }
    padding = [cpu] * (extract["n_rows_total"] - len(extract["data"]))
    rows = padding[:500] + extract["data"] + padding[500:]
    return json.dumps({"data": rows}).encode()


def test_2024_fetch_reproduces_the_bundled_extract(
    server, client, tmp_path, bundled_store, opszero_json
):
    commit = ec2instances_2024.PINNED_COMMIT
    server.script(f"/vantage/{commit}/opszero-app/instances.json", Reply(200, opszero_json))
    store = SnapshotStore(tmp_path)
    outcome = ec2instances_2024.fetch(store, client, base_url=server.base + "/vantage")
    bundled = bundled_store.latest(SNAPSHOT_2024)
    assert outcome.changed
    assert (outcome.snapshot.version, outcome.snapshot.sha256) == (bundled.version, bundled.sha256)
    assert ec2instances_2024.quotes(outcome.snapshot).height == 1332


@pytest.mark.parametrize(
    ("variant", "message"),
    [
        ("html", "opszero-app/instances.json\\): not JSON"),
        ("renamed", "row 1 lacks keys \\['ondemand'\\]"),
        ("cut", "opszero-app/instances.json\\): not JSON"),
        ("transfer", "instances.json: body cut off"),
    ],
)
def test_a_broken_2024_file_stores_nothing(
    server, client, tmp_path, opszero_json, variant, message
):
    commit = ec2instances_2024.PINNED_COMMIT
    body = {
        "html": b"<!DOCTYPE html><html><body>Service Unavailable</body></html>",
        "renamed": opszero_json.replace(b'"ondemand"', b'"on_demand"'),
        "cut": opszero_json[:-1000],
        "transfer": opszero_json[:1000],
    }[variant]
    length = len(opszero_json) if variant == "transfer" else None
    server.script(f"/vantage/{commit}/opszero-app/instances.json", Reply(200, body, length=length))
    store = SnapshotStore(tmp_path)
    with pytest.raises((UpstreamFormatError, FetchError), match=message):
        ec2instances_2024.fetch(store, client, base_url=server.base + "/vantage")
    assert store.versions(SNAPSHOT_2024) == []
