"""What a DAWNBench version holds and how a live fetch makes one (sources/dawnbench/fetch.py):
the bundled version's repository paths, the same files taken out of a GitHub-style zip of them
(anything else of the zip left out), a live fetch through the local server storing the bundled
content, and crafted fault inputs (a symbolic link, a version without curves) refused."""

import io
import stat
import zipfile
from urllib.parse import urlsplit

import pytest

from sources.dawnbench import SOURCE, fetch
from sources.dawnbench.fetch import check_entries, unzip_entries
from sources.http import HttpClient, HttpPolicy
from sources.snapshots import SnapshotStore, verify
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply

ZIP_TYPE = {"Content-Type": "application/zip"}
TOP = "dawn-bench-entries-fb27b827bd83eff9021698ffe576b33a100e0b78"
# Files of the upstream repository that a version does not keep.
NOT_KEPT = {
    "tests/test_submissions.py": b"def test(): pass\n",
    ".travis.yml": b"language: python\n",
    "CIFAR10/train/notes.txt": b"not an entry\n",
}


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    (only,) = bundled_store.versions("dawnbench")
    return only


@pytest.fixture(scope="module")
def files(snapshot) -> dict[str, bytes]:
    return {name: snapshot.path(name).read_bytes() for name in snapshot.files}


def repository_zip(files: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    """A zip laid out like GitHub's archive of the repository: one top folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{TOP}/", b"")
        for name, data in sorted({**files, **NOT_KEPT, **(extra or {})}.items()):
            archive.writestr(f"{TOP}/{name}", data)
    return buffer.getvalue()


def test_one_version_keeps_the_repository_paths(snapshot):
    verify(snapshot)
    assert snapshot.version == "2020-03-26-ab81ad3c09dc"
    assert snapshot.licence == "none stated"
    names = list(snapshot.files)
    assert len(names) == 188
    assert sum(n.endswith(".json") for n in names) == 118
    assert sum(n.endswith(".tsv") for n in names) == 69
    assert "README.md" in names
    assert "ImageNet/train/fastai_pytorch.json" in names


def test_the_zip_gives_back_the_bundled_files(files):
    top, kept = unzip_entries(repository_zip(files))
    assert top == f"{TOP}/"
    assert kept == files  # 188 files byte for byte; tests, CI files and notes left out
    check_entries(kept)  # parses: entries and curves found


def test_a_live_fetch_stores_the_bundled_content(server, snapshot, files, tmp_path):
    upstream = urlsplit(SOURCE.url)  # the mirror serves it as /<host><path>
    body = repository_zip(files)
    server.script(f"/{upstream.netloc}{upstream.path}", Reply(200, body, ZIP_TYPE))
    with HttpClient(HttpPolicy(mirror=server.base, deadline_s=10, max_retries=0)) as client:
        outcome = fetch(SnapshotStore(tmp_path), client)
    assert outcome.changed
    assert outcome.snapshot.sha256 == snapshot.sha256
    assert outcome.snapshot.files == snapshot.files


def test_a_symbolic_link_or_a_version_without_curves_is_refused(files):
    # fault input: an entry stored as a symbolic link
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"{TOP}/{name}", data)
        link = zipfile.ZipInfo(f"{TOP}/CIFAR10/train/link.json")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, b"../../README.md")
    with pytest.raises(UpstreamFormatError, match=r"link\.json' is a symbolic link"):
        unzip_entries(buffer.getvalue())
    # fault input: the entries without any training curve
    entries = {n: d for n, d in files.items() if not n.endswith(".tsv")}
    with pytest.raises(UpstreamFormatError, match="no entries, or no training curves"):
        check_entries(entries)
