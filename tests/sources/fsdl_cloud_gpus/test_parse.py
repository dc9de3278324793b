"""Reading one version of the FSDL "Cloud GPUs" table strictly (sources/fsdl_cloud_gpus/parse.py):
an HTML page or a file cut off mid-record is refused, naming the file."""

import dataclasses
from datetime import UTC, datetime

import pytest

from sources import fsdl_cloud_gpus as cloud
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import fetch
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply


def stored(tmp_path, module, text: str) -> Snapshot:
    store = SnapshotStore(tmp_path / "store")
    snapshot, _ = store.add(
        module.SOURCE.name,
        {module.SOURCE.filename: text.encode()},
        url="https://example.org/table.csv",
        licence=module.SOURCE.licence,
        retrieved_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    return snapshot


@pytest.fixture()
def client():
    policy = HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=10, max_retries=0)
    with HttpClient(policy) as c:
        yield c


def test_an_html_page_served_as_200_is_refused_naming_the_file(server, client, tmp_path):
    page = b"<!DOCTYPE html>\n<html><body>Rate limited, try again later</body></html>\n"
    url = server.script("/cloud-gpus.csv", Reply(200, page, {"Content-Type": "text/html"}))
    store = SnapshotStore(tmp_path / "live")
    with pytest.raises(UpstreamFormatError, match=r"sent text/html where .*/cloud-gpus\.csv names"):
        fetch(dataclasses.replace(cloud.SOURCE, url=url), store, client)
    assert store.versions(cloud.SOURCE.name) == []  # refused before anything is stored
    # The parser refuses the page too, should one arrive labelled as CSV.
    with pytest.raises(UpstreamFormatError, match=r"/cloud-gpus\.csv: columns \[.*\] are missing"):
        cloud.quotes(stored(tmp_path, cloud, page.decode()))


def test_a_file_cut_off_mid_record_is_refused(bundled_store, tmp_path):
    text = bundled_store.latest(cloud.SOURCE.name).path().read_text()
    cut = text[: text.index("\n", len(text) // 2) + 30]
    with pytest.raises(UpstreamFormatError, match=r"record \d+ has \d+ fields for 11 columns"):
        cloud.quotes(stored(tmp_path, cloud, cut))
