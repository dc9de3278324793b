"""The pricing.yml upstream as sources/gcp_pricing/layout.py describes it, held against the 54
bundled extracts: the repository, file and selection their headers name, the machine-type keys
that are not GPU kinds, and upstream's 730-hour month."""

import json

import pytest

from sources.gcp_pricing import layout
from tests.sources.gcp_pricing._gcp_pricing_testkit import GPU_KEYS


@pytest.fixture(scope="module")
def documents(bundled_store) -> list[dict]:
    return [
        json.loads(v.path(layout.SOURCE.filename).read_bytes())
        for v in bundled_store.versions(layout.SOURCE.name)
    ]


def test_the_extracts_name_the_upstream_file(documents):
    assert len(documents) == 54
    assert layout.SOURCE.url == f"https://raw.githubusercontent.com/{layout.REPO}/HEAD/pricing.yml"
    for document in documents:
        assert document["source_repo"] == layout.REPO
        assert document["source_path"] == layout.UPSTREAM_PATH
        assert document["selection"] == layout.SELECTION


def test_every_other_key_is_a_gpu_kind(documents):
    keys = {key for d in documents for machine in d["instances"].values() for key in machine}
    assert keys - layout.ATTRIBUTES == GPU_KEYS
    assert keys & layout.ATTRIBUTES == layout.ATTRIBUTES  # every attribute key occurs


def test_a_month_is_730_hours_in_every_record(documents):
    ratios = [
        prices["month"] / prices["hour"]
        for d in documents
        for machine in d["instances"].values()
        for prices in machine["cost"].values()
    ]
    assert len(ratios) == 34769
    assert all(abs(r / layout.HOURS_PER_MONTH - 1) < layout.TWIN_TOLERANCE for r in ratios)
    assert layout.PRICE_FIELDS["month_1y"] == ("reserved_1y", 730.0)
