"""Live fetch of the multi-file sources from their real upstream URLs, through the mirror, from
a real server on 127.0.0.1: dawnbench (a GitHub repository zip unpacked into the bundled
layout) and owid_ai (five grapher CSVs stored as one version).

The bodies are built here from the recorded files of the bundled versions: served as recorded
they must give back the bundled version (same sha256, `changed: false`); a changed file is a
new version that parses; a broken download is refused and stores nothing.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest

from sources import dawnbench, owid_ai
from sources.http import HttpClient, HttpPolicy, HttpStatusError
from sources.snapshots import SnapshotStore
from sources.source import RejectedDownload
from tests.faults._faults_kit import (
    BUNDLED,
    copy_store,
    failure_text,
    materialized,
    mirror_path,
    raw_key,
    run,
    store_fingerprint,
    warehouse_fingerprint,
)
from tests.localserver import Reply

DAWN = next((BUNDLED / "dawnbench").glob("*/snapshot.json")).parent
DAWN_FILES = json.loads((DAWN / "snapshot.json").read_text())["files"]
OWID = next((BUNDLED / "owid_ai").glob("*/snapshot.json")).parent
ZIP_TYPE = {"Content-Type": "application/zip"}
CSV_TYPE = {"Content-Type": "text/csv; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<!DOCTYPE html><html><body><h1>Something went wrong</h1></body></html>"
# GitHub names an archive's top folder <repository>-<commit>.
TOP = "dawn-bench-entries-" + dawnbench.SOURCE.url.rsplit("/", 1)[-1].removesuffix(".zip")
# What the repository holds besides the files a version keeps (never stored).
NOT_KEPT = {
    ".travis.yml": b"language: python\n",
    ".gitignore": b"*.pyc\n",
    "requirements.txt": b"pytest\n",
    "tests/test_submissions.py": b"def test_nothing():\n    pass\n",
}
Change = Callable[[str, bytes], bytes | None]  # None: leave the file out


def dawn_zip(change: Change = lambda name, data: data, extra: dict | None = None) -> bytes:
    """The bundled files (and a few the loader does not read) as GitHub zips a commit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{TOP}/", b"")
        for name in sorted(DAWN_FILES):
            data = change(name, (DAWN / name).read_bytes())
            if data is not None:
                archive.writestr(f"{TOP}/{name}", data)
        for name, data in {**NOT_KEPT, **(extra or {})}.items():
            archive.writestr(name if name.startswith(("/", "..")) else f"{TOP}/{name}", data)
    return buffer.getvalue()


def client_for(server) -> HttpClient:
    return HttpClient(HttpPolicy(mirror=server.base, deadline_s=5, max_retries=0))


def test_dawnbench_live(tmp_path, server) -> None:
    """raw/dawnbench live: the recorded files zipped are the bundled version; a changed curve
    is a new version with the bundled layout; a 304 keeps it; broken zips store nothing."""
    store, db = copy_store(tmp_path / "snapshots", ("dawnbench",)), tmp_path / "w.duckdb"
    path = mirror_path(dawnbench.SOURCE.url)
    assert path.endswith(".zip") and path.startswith("/github.com/")

    def live():
        return run([raw_key("dawnbench")], store=store, db=db, live=True, mirror=server.base)

    server.script(path, Reply(200, dawn_zip(), ZIP_TYPE))
    result = live()
    assert result.success, failure_text(result)
    meta = materialized(result, raw_key("dawnbench"))
    assert meta["changed"] is False and meta["version"] == DAWN.name
    assert meta["sha256"] == json.loads((DAWN / "snapshot.json").read_text())["sha256"]

    # One training curve loses its last epoch: a new version, the same 188 paths, parsed.
    curve = "CIFAR10/train/basenet.tsv"
    shorter = dawn_zip(lambda n, d: d[: d.rstrip().rfind(b"\n") + 1] if n == curve else d)
    server.script(path, Reply(200, shorter, {**ZIP_TYPE, "ETag": '"v2"'}))
    result = live()
    assert result.success, failure_text(result)
    meta = materialized(result, raw_key("dawnbench"))
    assert meta["changed"] is True and meta["versions_stored"] == 2
    new = SnapshotStore(store).latest("dawnbench")
    assert new.version == meta["version"] and new.etag == '"v2"'
    assert sorted(new.files) == sorted(DAWN_FILES)
    assert {n for n in new.files if new.files[n] != DAWN_FILES[n]} == {curve}
    assert not (new.directory / "tests").exists() and not (new.directory / ".travis.yml").exists()
    old = SnapshotStore(store).versions("dawnbench")[0]
    assert dawnbench.parse_entries(new).equals(dawnbench.parse_entries(old))
    curves = dawnbench.parse_curves(new)
    assert curves.height == dawnbench.parse_curves(old).height - 1
    # E-mail addresses stay in the raw files as upstream has them; the parser never returns them.
    entry = "ImageNet/train/fastai_pytorch.json"
    assert (new.directory / entry).read_bytes() == (DAWN / entry).read_bytes()

    # Not modified: the conditional GET sends the stored ETag, nothing new is stored.
    server.script(path, Reply(304))
    with client_for(server) as client:
        outcome = dawnbench.fetch(SnapshotStore(store), client)
    assert outcome.changed is False and outcome.snapshot.version == new.version
    assert server.requests_to(path)[-1]["If-None-Match"] == '"v2"'

    before_db, before_store = warehouse_fingerprint(db), store_fingerprint(store)
    server.script(path, Reply(200, PAGE, HTML))  # through the job: the asset fails
    result = live()
    assert not result.success and "sent text/html where" in failure_text(result)
    assert warehouse_fingerprint(db) == before_db and store_fingerprint(store) == before_store

    entry_json = "SQuAD/train/dawn_drqa_1p100-ec2.json"
    for body, says in [
        (dawn_zip()[:60_000], "not a zip archive"),
        (dawn_zip(extra={"../x": b"{}"}), r"member '\.\./x' is not a plain relative path"),
        (dawn_zip(extra={"/etc/x": b"{}"}), r"member '/etc/x' is not a plain relative path"),
        (dawn_zip(extra={"CIFAR10/train/../../x.json": b"{}"}), "not a plain relative path"),
        (dawn_zip(lambda n, d: d[:-40] if n == entry_json else d), f"{entry_json}: not JSON"),
        (dawn_zip(lambda n, d: d.replace(b"hours", b"time", 1) if n == curve else d),
         rf"{curve}: columns"),
        (dawn_zip(extra={"CIFAR10/train/a b.json": b"{}"}), "no plain file name"),
        (dawn_zip(lambda n, d: None if n == "README.md" else d), "the zip lacks README.md"),
    ]:  # fmt: skip
        server.script(path, Reply(200, body, ZIP_TYPE))
        with client_for(server) as client, pytest.raises(RejectedDownload, match=says) as err:
            dawnbench.fetch(SnapshotStore(store), client)
        assert "nothing stored" in str(err.value) and "flopbase-check-" not in str(err.value)
        assert store_fingerprint(store) == before_store
    assert not list(tmp_path.rglob("x")) and not list(tmp_path.rglob("x.json"))


def owid_files(change: Change = lambda name, data: data) -> dict[str, bytes]:
    return {name: change(name, (OWID / name).read_bytes()) for name in owid_ai.FILES}


def serve_owid(server, files: dict[str, bytes], replies: dict | None = None) -> None:
    for name, data in files.items():
        path = mirror_path(owid_ai.URLS[name])
        server.script(path, (replies or {}).get(name, Reply(200, data, CSV_TYPE)))


def test_owid_live(tmp_path, server) -> None:
    """raw/owid_ai live: the five recorded CSVs served at their grapher URLs are the bundled
    version; one changed CSV is a new version of all five; a broken one stores nothing."""
    store, db = copy_store(tmp_path / "snapshots", ("owid_ai",)), tmp_path / "w.duckdb"
    assert mirror_path(owid_ai.URLS[owid_ai.FILES[0]]) == (
        "/ourworldindata.org/grapher/artificial-intelligence-training-computation.csv"
    )

    def live():
        return run([raw_key("owid_ai")], store=store, db=db, live=True, mirror=server.base)

    serve_owid(server, owid_files())
    result = live()
    assert result.success, failure_text(result)
    meta = materialized(result, raw_key("owid_ai"))
    assert meta["changed"] is False and meta["version"] == OWID.name
    assert len(server.received) == len(owid_ai.FILES)

    cost = "hardware-and-energy-cost-to-train-notable-ai-systems.csv"
    serve_owid(server, owid_files(lambda n, d: d[: d.rfind(b"\n")] if n == cost else d))
    result = live()
    assert result.success, failure_text(result)
    meta = materialized(result, raw_key("owid_ai"))
    assert meta["changed"] is True and meta["versions_stored"] == 2
    old, new = SnapshotStore(store).versions("owid_ai")
    assert new.version == meta["version"] and sorted(new.files) == sorted(owid_ai.FILES)
    assert {n for n in new.files if new.files[n] != old.files[n]} == {cost}
    (_, before), (_, after) = owid_ai.estimates(old), owid_ai.estimates(new)
    assert after.height == before.height - 1

    before_db, before_store = warehouse_fingerprint(db), store_fingerprint(store)
    serve_owid(server, owid_files(), {cost: Reply(200, PAGE, HTML)})  # through the job
    result = live()
    assert not result.success and "sent text/html where" in failure_text(result)
    assert warehouse_fingerprint(db) == before_db and store_fingerprint(store) == before_store

    params = "artificial-intelligence-parameter-count.csv"
    country = "cumulative-number-of-large-scale-ai-systems-by-country.csv"
    for name, reply, error, says in [
        (cost, Reply(200, PAGE, CSV_TYPE), RejectedDownload, r"columns \['Entity', 'Day', 'Cost'\]"),
        (params, Reply(200, owid_files()[params].replace(b",Day,", b",Date,", 1), CSV_TYPE),
         RejectedDownload, rf"{params}: columns \['Day'\] are missing"),
        (country, Reply(200, owid_files()[country].split(b"\n")[0], CSV_TYPE),
         RejectedDownload, f"{country}: no records"),
        (country, Reply(200, "Entity,Year\n".encode("utf-16"), CSV_TYPE), RejectedDownload,
         "not UTF-8"),
        (cost, Reply(404, b"not found"), HttpStatusError, "HTTP 404"),
    ]:  # fmt: skip
        serve_owid(server, owid_files(), {name: reply})
        with client_for(server) as client, pytest.raises(error, match=says) as err:
            owid_ai.fetch(SnapshotStore(store), client)
        assert mirror_path(owid_ai.URLS[name]) in str(err.value)
        assert store_fingerprint(store) == before_store
