"""Full Stack Deep Learning's serverless GPU table (sources/fsdl_serverless_gpus.py), every
bundled version: its span and the seven versions with the idle-time column, every record's
`GPU Type` a spelling (none blank), the ragged 2023-10-30 version read. Its price quotes are
tested with the cloud table's in test_fsdl_prices.py."""

from datetime import UTC, datetime

import pytest

from sources import fsdl_serverless_gpus
from sources.mentions import blanks
from sources.snapshots import Snapshot


@pytest.fixture(scope="module")
def versions(bundled_store) -> list[Snapshot]:
    return bundled_store.versions(fsdl_serverless_gpus.SOURCE.name)


def test_versions_span_2023_to_2024_and_seven_ask_about_idle_time(versions):
    assert len(versions) == 22
    # retrieved_at is each upstream commit's date (UTC)
    assert versions[0].retrieved_at == datetime(2023, 1, 11, 1, 52, 40, tzinfo=UTC)
    assert versions[-1].retrieved_at == datetime(2024, 5, 20, 18, 23, 14, tzinfo=UTC)
    with_idle = [
        v.retrieved_at.date().isoformat()
        for v in versions
        if fsdl_serverless_gpus.IDLE in fsdl_serverless_gpus.parse(v.path()).columns
    ]
    assert with_idle == [
        "2023-05-17",
        "2023-05-22",
        "2023-05-23",
        "2023-06-28",
        "2023-06-28",
        "2023-07-31",
        "2023-08-16",
    ]


def test_every_record_names_its_gpu(versions):
    records = fsdl_serverless_gpus.mention_records(versions)
    assert records.height == 565
    assert set(records["context"]) == {"GPU Type"}
    assert records["vendor_hint"].is_null().all()  # Vendor is the provider, not a manufacturer
    assert blanks(records).height == 0


def test_fsdl_serverless_types_including_the_ragged_version(versions):
    frame = fsdl_serverless_gpus.hardware_mentions(versions)
    assert frame["occurrences"].sum() == 565
    for spelling in ["A100 (20 GB)", "A10G (24GB)", "Nvidia T4", "L40 (48 GB)", "A40"]:
        assert spelling in frame["spelling"].to_list()
    # commit e1c1d272 (2023-10-30): ten records carry one empty field more than the header
    (ragged,) = [v for v in versions if "e1c1d272" in v.url]
    raw = fsdl_serverless_gpus.parse(ragged.path())
    assert raw.height == 29 and raw.columns[-1] == "Per-GPU"
