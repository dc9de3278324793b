"""A live fetch through the real HTTP client, against the local server serving the real file."""

import pytest

from sources import epoch_hardware
from sources.http import HttpClient, HttpPolicy, HttpStatusError
from sources.snapshots import SnapshotStore
from sources.source import SourceInfo, fetch
from tests.localserver import Reply

BUNDLED_CSV = epoch_hardware.SOURCE.filename


def local(source: SourceInfo, url: str) -> SourceInfo:
    """The real source declaration, pointed at the local server instead of epoch.ai."""
    return SourceInfo(**{**source.__dict__, "url": url})


@pytest.fixture()
def client():
    with HttpClient(HttpPolicy(connect_timeout_s=1, read_timeout_s=2, deadline_s=10)) as c:
        yield c


@pytest.fixture()
def recorded(bundled_store) -> bytes:
    return bundled_store.latest("epoch_hardware").path().read_bytes()


def test_first_fetch_stores_a_version_that_parses(server, client, tmp_path, recorded):
    url = server.script("/data/ml_hardware.csv", Reply(200, recorded, {"ETag": '"e1"'}))
    store = SnapshotStore(tmp_path)
    outcome = fetch(local(epoch_hardware.SOURCE, url), store, client)
    assert outcome.changed
    snapshot = outcome.snapshot
    assert snapshot.sha256 == "7d691b6ecc061d36c7d1f5322508b6b1c85edb3f21def1b1ca0410c9c1c77ea9"
    assert snapshot.etag == '"e1"' and snapshot.licence == "CC BY 4.0"
    assert snapshot.path().name == BUNDLED_CSV
    assert epoch_hardware.parse(snapshot.path()).height == 169


def test_refetch_is_conditional_and_304_stores_nothing(server, client, tmp_path, recorded):
    path = "/data/ml_hardware.csv"
    url = server.script(
        path, Reply(200, recorded, {"ETag": '"e1"'}), Reply(304, headers={"ETag": '"e1"'})
    )
    store = SnapshotStore(tmp_path)
    source = local(epoch_hardware.SOURCE, url)
    first = fetch(source, store, client)
    second = fetch(source, store, client)
    assert not second.changed and second.snapshot == first.snapshot
    assert server.requests_to(path)[1]["If-None-Match"] == '"e1"'
    assert len(store.versions("epoch_hardware")) == 1


def test_same_content_without_validators_is_not_stored_twice(server, client, tmp_path, recorded):
    url = server.script("/x.csv", Reply(200, recorded))
    store = SnapshotStore(tmp_path)
    source = local(epoch_hardware.SOURCE, url)
    fetch(source, store, client)
    assert not fetch(source, store, client).changed
    assert len(store.versions("epoch_hardware")) == 1


def test_changed_content_becomes_a_new_version(server, client, tmp_path, recorded):
    # The recorded file with its last record removed, as if upstream had changed.
    shorter = recorded[: recorded.rstrip(b"\n").rfind(b"\n") + 1]
    url = server.script("/x.csv", Reply(200, recorded), Reply(200, shorter))
    store = SnapshotStore(tmp_path)
    source = local(epoch_hardware.SOURCE, url)
    fetch(source, store, client)
    outcome = fetch(source, store, client)
    assert outcome.changed
    assert len(store.versions("epoch_hardware")) == 2
    assert store.latest("epoch_hardware") == outcome.snapshot


def test_a_missing_file_upstream_stores_nothing(server, client, tmp_path):
    url = server.script("/gone.csv", Reply(404, b"not found"))
    store = SnapshotStore(tmp_path)
    with pytest.raises(HttpStatusError, match="404"):
        fetch(local(epoch_hardware.SOURCE, url), store, client)
    assert store.versions("epoch_hardware") == []
