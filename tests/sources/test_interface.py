"""A source module behind the `Source` interface (sources/interface.py): a `Parsed` hands out
the frames its version has and no other; `ModuleSource` parses only its own source's
versions, runs a module's own fetch where it has one, and otherwise the generic fetch with the
module's parser checking the download before anything is stored (against the local server,
serving the bundled file)."""

import dataclasses
import types

import pytest

from sources import epoch_hardware, mlperf, registry
from sources.interface import ModuleSource, Parsed, Source
from sources.snapshots import SnapshotStore
from sources.source import RejectedDownload
from tests.localserver import Reply


def test_a_parsed_version_hands_out_the_frames_it_has(bundled_store):
    snapshot = bundled_store.latest("openai_ai_and_compute")
    parsed = registry.BY_NAME["openai_ai_and_compute"].parse(snapshot)
    assert isinstance(parsed, Parsed)
    assert (parsed.source, parsed.sha256) == ("openai_ai_and_compute", snapshot.sha256)
    frames = parsed.frames()
    assert sorted(frames) == ["estimates", "raw"]  # OpenAI's 2018 points: no quotes, no mentions
    assert frames["estimates"].height == frames["raw"].height == 20
    assert parsed.estimated_size() == sum(f.estimated_size() for f in frames.values()) > 0


def test_a_version_of_another_source_is_refused(bundled_store):
    chips = registry.BY_NAME["epoch_chips"]
    with pytest.raises(ValueError, match="^epoch_chips cannot parse a version of epoch_hardware$"):
        chips.parse(bundled_store.latest("epoch_hardware"))


def test_a_module_with_its_own_fetch_runs_it(bundled_store):
    """MLPerf's own fetch stores nothing and hands back the newest bundled version (no client
    is needed: it makes no request)."""
    source = ModuleSource(mlperf, (registry.MLPERF,), registry.BY_NAME["mlperf"].reader)
    assert isinstance(source, Source)
    outcome = source.fetch(bundled_store, client=None)
    assert not outcome.changed and outcome.snapshot == bundled_store.latest("mlperf")


@pytest.fixture()
def local_epoch_hardware(server):
    """epoch_hardware's SOURCE pointed at the local server, with its real parser."""
    module = types.ModuleType("local_epoch_hardware")
    module.SOURCE = dataclasses.replace(epoch_hardware.SOURCE, url=server.base + "/ml_hardware.csv")
    module.parse = epoch_hardware.parse
    return ModuleSource(module, (registry.SPEC,), registry.BY_NAME["epoch_hardware"].reader)


def test_otherwise_the_generic_fetch_checks_the_download_with_the_modules_parser(
    bundled_store, server, client, tmp_path, local_epoch_hardware
):
    recorded = bundled_store.latest("epoch_hardware").path().read_bytes()
    renamed = recorded.replace(b"Release date", b"Released", 1)  # fault input: a renamed column
    server.script("/ml_hardware.csv", Reply(200, renamed), Reply(200, recorded))
    assert local_epoch_hardware.check is epoch_hardware.parse
    store = SnapshotStore(tmp_path)
    with pytest.raises(RejectedDownload, match=r"columns \['Release date'\] are missing"):
        local_epoch_hardware.fetch(store, client)
    assert store.versions("epoch_hardware") == []  # refused before anything is stored
    outcome = local_epoch_hardware.fetch(store, client)
    assert (
        outcome.changed and outcome.snapshot.sha256 == bundled_store.latest("epoch_hardware").sha256
    )
