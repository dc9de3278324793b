"""AWS price quotes from the ec2instances.info history extract (71 versions, 2013-2017), and
its live fetch at the pinned commit against the local server.

Reference prices: AWS's on-demand Linux list prices in us-east-1 were 0.90 USD/h for
p2.xlarge and 24.48 USD/h for p3.16xlarge (https://aws.amazon.com/ec2/pricing/on-demand/;
unchanged since launch in 2016 and 2017).
"""

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import ec2instances_history
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

HISTORY = ec2instances_history.SOURCE.name
LAST = "2017-11-12-b370f2859046"  # upstream commit 94e1f006 (the pinned one)


@pytest.fixture(scope="module")
def history(bundled_store) -> dict[str, pl.DataFrame]:
    return {v.version: ec2instances_history.quotes(v) for v in bundled_store.versions(HISTORY)}


def us_east_1(frame: pl.DataFrame, instance_type: str) -> dict[str, float]:
    rows = frame.filter(instance_type=instance_type, region="us-east-1")
    return dict(zip(rows["pricing"], rows["usd_per_hour"], strict=True))


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


# --- live fetch at the pinned commit ---------------------------------------------------------


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
