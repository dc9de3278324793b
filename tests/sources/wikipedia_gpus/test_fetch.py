"""The live fetch of the Wikipedia GPU source (sources/wikipedia_gpus/fetch.py) through the local
server, on a plot page made of the real bundled rows: the stored version is the rows the page
plots, read as the bundled file is; a page without the plot's dataset stores nothing."""

import json
from urllib.parse import urlsplit

import pytest

from sources import wikipedia_gpus
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import SnapshotStore
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply
from tests.sources.wikipedia_gpus._plot_page_kit import altair_html

HTML = {"Content-Type": "text/html"}
UPSTREAM = urlsplit(wikipedia_gpus.SOURCE.url)
PATH = f"/{UPSTREAM.netloc}{UPSTREAM.path}"  # where the mirror serves the plot page


@pytest.fixture()
def client(server):
    with HttpClient(HttpPolicy(mirror=server.base, deadline_s=10, max_retries=0)) as c:
        yield c


def test_the_fetched_page_is_stored_as_its_rows(server, client, snapshot, document, tmp_path):
    server.script(PATH, Reply(200, altair_html(document["rows"], document["dataset_name"]), HTML))
    outcome = wikipedia_gpus.fetch(SnapshotStore(tmp_path), client)
    assert outcome.changed and list(outcome.snapshot.files) == [wikipedia_gpus.SOURCE.filename]
    stored = json.loads(outcome.snapshot.path().read_bytes())
    assert stored["rows"] == document["rows"] and len(stored["rows"]) == 226
    assert stored["extraction"] == wikipedia_gpus.EXTRACTION
    assert wikipedia_gpus.parse(outcome.snapshot.path()).equals(
        wikipedia_gpus.parse(snapshot.path())
    )


def test_a_page_without_the_plot_stores_nothing(server, client, tmp_path):
    # fault input: a page of the right type that holds no Vega-Lite dataset
    page = b"<!DOCTYPE html>\n<html><body><p>Moved</p></body></html>\n"
    server.script(PATH, Reply(200, page, HTML))
    store = SnapshotStore(tmp_path)
    with pytest.raises(UpstreamFormatError, match="no Vega-Lite spec with 'datasets'"):
        wikipedia_gpus.fetch(store, client)
    assert store.versions(wikipedia_gpus.SOURCE.name) == []
