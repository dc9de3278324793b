"""GCP GPU machine-type price quotes (sources/gcp_pricing/quotes.py) from the 54 bundled versions,
and from crafted versions what the source flags."""

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from sources import gcp_pricing
from sources.prices import NO_FIELD, NO_PRICE, QUOTE_SCHEMA
from sources.snapshots import SnapshotStore
from tests.sources.gcp_pricing._gcp_pricing_testkit import FILE, NAME, VERSION


def one(frame: pl.DataFrame, **where) -> dict:
    (hit,) = frame.filter(**where).to_dicts()
    return hit


def test_a2_highgpu_1g_in_us_central1_in_may_2024(all_quotes):
    frame = all_quotes[VERSION]
    rows = frame.filter(instance_type="a2-highgpu-1g", region="us-central1")
    # upstream: hour 3.673385, hour_spot 1.469355, month_1y 1689.3711392, month_3y 938.56707798
    assert rows["pricing"].to_list() == ["on_demand", "spot", "reserved_1y", "reserved_3y"]
    assert rows["value_text"].to_list() == ["3.673385", "1.469355", "1689.3711392", "938.56707798"]
    assert rows["usd_per_hour"].to_list() == pytest.approx(
        [3.673385, 1.469355, 1689.3711392 / 730, 938.56707798 / 730]
    )
    on_demand = rows.row(0, named=True)
    assert on_demand["price_field"] == "cost.us-central1.hour"
    assert on_demand["usd_per_accelerator_hour"] == 3.673385
    assert on_demand["accelerators_per_instance"] == 1.0
    assert (on_demand["provider"], on_demand["hardware_text"]) == ("gcp", "a100")
    assert on_demand["hardware_context"] == "machine type a2-highgpu-1g"
    # the file's generation timestamp 1717041242, 18 s before the commit
    assert on_demand["observed_at"] == datetime(2024, 5, 30, 3, 54, 2, tzinfo=UTC)
    assert rows["parse_error"].is_null().all()
    reserved = rows.row(2, named=True)
    assert reserved["notes"] == "USD per month with committed use discount / 730 h"


def test_per_gpu_price_of_an_eight_gpu_machine(all_quotes):
    frame = all_quotes["2026-07-30-6c0a0c7cd8f2"]
    a3 = one(frame, instance_type="a3-highgpu-8g", region="africa-south1", pricing="on_demand")
    assert a3["value_text"] == "115.542415126575"
    assert a3["usd_per_accelerator_hour"] == pytest.approx(115.542415126575 / 8)
    shared = one(frame, instance_type="g4-standard-6", region="asia-east1", pricing="spot")
    assert shared["accelerators_per_instance"] == 0.125  # an eighth of an RTX PRO 6000
    assert shared["usd_per_accelerator_hour"] == pytest.approx(0.2911775 / 0.125)


def test_every_record_of_every_version_is_accounted_for(versions, all_quotes):
    counts = pl.concat(all_quotes.values())["pricing"].value_counts().sort("pricing")
    assert dict(counts.iter_rows()) == {
        "on_demand": 34769,
        "reserved_1y": 30922,
        "reserved_3y": 30929,
        "spot": 30797,
    }
    records = 0
    for snapshot in versions:
        frame = all_quotes[snapshot.version]
        assert frame.schema == QUOTE_SCHEMA
        assert frame["row_number"].to_list() == list(range(1, frame.height + 1))
        instances = json.loads(snapshot.path(FILE).read_bytes())["instances"]
        n = sum(len(m["cost"]) for m in instances.values())
        assert sorted(set(frame["record_number"])) == list(range(1, n + 1))
        assert frame.select("record_number", "price_field").is_unique().all()
        records += n
    assert records == 34769
    assert pl.concat(all_quotes.values())["parse_error"].null_count() == 127417


def test_observed_at_is_the_generation_time_for_every_version(versions, all_quotes):
    for snapshot in versions:
        stamp = json.loads(snapshot.path(FILE).read_bytes())["timestamp"]
        assert all_quotes[snapshot.version]["observed_at"].unique().to_list() == [
            datetime.fromtimestamp(stamp, UTC)
        ]
    # 2022-02-27: generated 15:41:02 UTC, committed 18:15:49
    assert all_quotes["2022-02-27-330e50ae3b49"]["observed_at"][0] == datetime(
        2022, 2, 27, 15, 41, 2, tzinfo=UTC
    )


# --- crafted versions: what the source flags -------------------------------------------------


def stored(tmp_path, document: dict):
    store = SnapshotStore(tmp_path / "store")
    data = json.dumps(document).encode()
    snapshot, _ = store.add(
        NAME,
        {FILE: data},
        url="test",
        licence="test",
        retrieved_at=datetime(2024, 6, 1, tzinfo=UTC),
    )
    return snapshot


HEADER = {"commit_date": "2024-05-30T03:54:20+00:00", "timestamp": 1717041242}


def test_zero_missing_twin_mismatch_and_a_record_without_prices(tmp_path):
    cost = {
        "us-central1": {"hour": 0, "hour_spot": 1.0, "month": 0, "month_spot": 800.0},
        "us-east1": {"month": 2000.0},  # no price field the source reads
        "us-west1": "n/a",
        "europe-west4": {"hour": 2.0, "month": 1500.0, "month_1y": None},
    }
    document = {**HEADER, "instances": {"a2-highgpu-1g": {"a100": 1, "cost": cost}}}
    frame = gcp_pricing.quotes(stored(tmp_path, document))
    assert frame["record_number"].to_list() == [1, 1, 2, 3, 4]
    errors = frame["parse_error"].to_list()
    assert errors[0] == "price '0' is zero, which this upstream writes for a missing price"
    assert errors[1] == (
        "hour_spot '1.0' disagrees with its monthly twin '800.0' (expected 730 h x the hourly "
        "price): upstream is inconsistent"
    )
    assert frame["price_field"][2] == NO_FIELD and errors[2] == NO_PRICE
    assert errors[3] == "cost.us-west1 is not an object"
    assert "hour '2.0' disagrees with its monthly twin '1500.0'" in errors[4]


def test_several_gpu_keys_and_an_insane_timestamp(tmp_path):
    document = {
        "commit_date": "2024-05-30T03:54:20+00:00",
        "timestamp": 17170412420,  # milliseconds' worth of digits: year 2514
        "instances": {"x9-gpu": {"a100": 1, "l4": 2, "cost": {"r1": {"hour": 1.5}}}},
    }
    (quote,) = gcp_pricing.quotes(stored(tmp_path, document)).to_dicts()
    assert quote["parse_error"] == (
        "machine type carries several GPU keys ['a100', 'l4']: which is priced?"
    )
    assert quote["hardware_text"] is None
    assert quote["observed_at"] == datetime(2024, 5, 30, 3, 54, 20, tzinfo=UTC)
