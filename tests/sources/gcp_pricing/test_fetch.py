"""The live pricing.yml fetch of the GCP source against the local server (recorded content in
upstream's YAML shape, made from a bundled version)."""

import json

import pytest
import yaml

from sources import gcp_pricing
from sources.http import FetchError
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply
from tests.sources.gcp_pricing._gcp_pricing_testkit import FILE, NAME, VERSION


@pytest.fixture(scope="module")
def bundled(bundled_store):
    """The bundled version the recorded pricing.yml is made from."""
    (snapshot,) = [v for v in bundled_store.versions(NAME) if v.version == VERSION]
    return snapshot


@pytest.fixture(scope="module")
def pricing_yml(bundled) -> bytes:
    """The May 2024 version's machine types in upstream's pricing.yml shape (about, compute
    with instance/license, region, storage; sorted keys), plus a non-GPU machine type."""
    extract = json.loads(bundled.path(FILE).read_bytes())
    instances = dict(extract["instances"])
    instances["n1-standard-1"] = {"cpu": 1, "ram": 3.75, "cost": {"us-central1": {"hour": 0.05}}}
    document = {
        "about": {
            "copyright": "Copyright 2022-2024 Nils Knieling. All Rights Reserved.",
            "generated": extract["generated"],
            "timestamp": extract["timestamp"],
            "url": "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator",
        },
        "compute": {
            "instance": instances,
            "license": {"sles": {"cost": {"1": {"hour": 0.02}}}},
        },
        "region": {"us-central1": {"location": "Iowa"}},
        "storage": {"bucket": {"standard": {"cost": {"us-central1": {"month": 0.02}}}}},
    }
    return yaml.dump(document, Dumper=yaml.CSafeDumper, sort_keys=True).encode()


def test_live_fetch_extracts_the_gpu_machine_types(server, client, tmp_path, bundled, pricing_yml):
    server.script("/gcp/pricing.yml", Reply(200, pricing_yml, {"ETag": '"p1"'}))
    store = SnapshotStore(tmp_path)
    outcome = gcp_pricing.fetch(store, client, base_url=server.base + "/gcp")
    assert outcome.changed
    snapshot = outcome.snapshot
    assert (snapshot.etag, list(snapshot.files)) == ('"p1"', [FILE])
    document = json.loads(snapshot.path(FILE).read_bytes())
    assert "n1-standard-1" not in document["instances"] and len(document["instances"]) == 18
    assert document["timestamp"] == 1717041242 and document["source_commit"] is None
    fetched = gcp_pricing.quotes(snapshot)
    assert fetched.height == 2880
    assert fetched.equals(gcp_pricing.quotes(bundled))  # same quotes, same observed_at


def test_refetch_is_conditional_and_304_returns_the_latest(server, client, tmp_path, pricing_yml):
    path = "/gcp/pricing.yml"
    server.script(path, Reply(200, pricing_yml, {"ETag": '"p1"'}), Reply(304))
    store = SnapshotStore(tmp_path)
    first = gcp_pricing.fetch(store, client, base_url=server.base + "/gcp")
    second = gcp_pricing.fetch(store, client, base_url=server.base + "/gcp")
    assert not second.changed and second.snapshot == first.snapshot
    assert server.requests_to(path)[1]["If-None-Match"] == '"p1"'
    assert len(store.versions(NAME)) == 1


def broken(pricing_yml: bytes, variant: str) -> tuple[bytes, str]:
    """A broken pricing.yml and the message its fetch must fail with."""
    if variant == "html":
        return b"<!DOCTYPE html>\n<html><body>Rate limited</body></html>\n", "pricing.yml"
    if variant == "renamed":
        renamed = pricing_yml.replace(b"\n  instance:\n", b"\n  instances:\n", 1)
        return renamed, "no 'about' and 'compute.instance'"
    if variant == "cut":  # a clean line end: still YAML, but half the file
        cut = pricing_yml[: len(pricing_yml) // 2]
        return cut[: cut.rfind(b"\n") + 1], "looks truncated"
    return pricing_yml[: len(pricing_yml) // 3 + 5], "pricing.yml"  # mid-line


@pytest.mark.parametrize("variant", ["html", "renamed", "cut", "mid-line"])
def test_a_broken_pricing_yml_stores_nothing(server, client, tmp_path, pricing_yml, variant):
    body, message = broken(pricing_yml, variant)
    server.script("/gcp/pricing.yml", Reply(200, body))
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message) as err:
        gcp_pricing.fetch(store, client, base_url=server.base + "/gcp")
    assert "pricing.yml" in str(err.value)
    assert store.versions(NAME) == []
    assert not list(tmp_path.rglob("*.json"))


def test_a_body_cut_off_in_transfer_stores_nothing(server, client, tmp_path, pricing_yml):
    server.script("/gcp/pricing.yml", Reply(200, pricing_yml[:5000], length=len(pricing_yml)))
    store = SnapshotStore(tmp_path)
    with pytest.raises(FetchError, match="pricing.yml"):
        gcp_pricing.fetch(store, client, base_url=server.base + "/gcp")
    assert store.versions(NAME) == []


def test_the_default_url_is_the_upstream_head():
    assert gcp_pricing.SOURCE.url == (
        "https://raw.githubusercontent.com/Cyclenerd/google-cloud-pricing-cost-calculator/HEAD/"
        "pricing.yml"
    )
