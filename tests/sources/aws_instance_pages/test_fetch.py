"""The live fetch of the ec2instances.info detail pages, against the local server, compared
with the real bundled pages."""

import re

import pytest

from sources import aws_instance_pages as pages
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply
from tests.sources.aws_instance_pages._aws_instance_pages_testkit import (
    FIXTURES,
    SOURCE,
    page_bytes,
)


@pytest.fixture()
def client():
    policy = HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=20, max_retries=0)
    with HttpClient(policy) as c:
        yield c


def serve(server, version, changed: dict[str, bytes] | None = None) -> str:
    for instance in pages.INSTANCES:
        body = (changed or {}).get(instance, page_bytes(version, instance))
        server.script(f"/repo/www/{instance}.html", Reply(200, body))
    return server.base + "/repo/"


def test_fetch_stores_the_48_pages_as_bundled(server, client, version, quotes, tmp_path):
    store = SnapshotStore(tmp_path)
    outcome = pages.fetch(store, client, base_url=serve(server, version))
    assert outcome.changed
    fetched = outcome.snapshot
    assert (fetched.version, fetched.sha256) == (version.version, version.sha256)
    assert fetched.files == version.files
    assert pages.quotes(fetched).equals(quotes)
    assert len(server.received) == 48


@pytest.mark.parametrize("broken", ["error page", "no _prices", "another page"])
def test_a_broken_page_stores_nothing(server, client, version, tmp_path, broken):
    body, message = {
        "error page": (
            (FIXTURES / "error_page.html").read_bytes(),
            r"f1\.2xlarge\.html: no '<group> \| Value'",
        ),
        "no _prices": (
            re.sub(rb"var _prices = .*?;\n", b"", page_bytes(version, "f1.2xlarge")),
            r"f1\.2xlarge\.html: expected one inline 'var _prices",
        ),
        "another page": (
            page_bytes(version, "f1.4xlarge"),
            r"f1\.2xlarge\.html: the page describes 'f1\.4xlarge', not 'f1\.2xlarge'",
        ),
    }[broken]
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match=message):
        pages.fetch(store, client, base_url=serve(server, version, {"f1.2xlarge": body}))
    assert len(server.received) == 3  # dl1.24xlarge, f1.16xlarge, f1.2xlarge: stopped there
    assert store.versions(SOURCE) == []
    assert not (tmp_path / SOURCE).exists() or not any((tmp_path / SOURCE).iterdir())
