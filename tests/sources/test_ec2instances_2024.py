"""AWS price quotes from the 2024-04-04 ec2instances.info (opszero) extract: zeros and
10%-of-on-demand spot placeholders given their reason, and its live fetch at the pinned commit
against the local server.

Reference price: AWS's on-demand Linux list price in us-east-1 was 24.48 USD/h for p3.16xlarge
(https://aws.amazon.com/ec2/pricing/on-demand/; unchanged since its launch in 2017).
"""

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import ec2instances_2024
from sources.http import FetchError
from sources.prices import QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

SNAPSHOT_2024 = ec2instances_2024.SOURCE.name


@pytest.fixture(scope="module")
def quotes_2024(bundled_store) -> pl.DataFrame:
    return ec2instances_2024.quotes(bundled_store.latest(SNAPSHOT_2024))


def us_east_1(frame: pl.DataFrame, instance_type: str) -> dict[str, float]:
    rows = frame.filter(instance_type=instance_type, region="us-east-1")
    return dict(zip(rows["pricing"], rows["usd_per_hour"], strict=True))


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


# --- live fetch at the pinned commit ---------------------------------------------------------


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
