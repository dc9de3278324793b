"""What a DAWNBench version holds and how a live fetch makes one (sources/dawnbench/fetch.py): the
bundled version's repository paths."""

import pytest

from sources.snapshots import verify


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    (only,) = bundled_store.versions("dawnbench")
    return only


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
