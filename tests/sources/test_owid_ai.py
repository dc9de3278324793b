"""Our World in Data's AI grapher exports (sources/owid_ai.py), read from the bundled version:
records split by a newline in a name are joined, every per-model file read into estimates, and
a download checked for the columns read (the bundled files pass, a renamed column is named);
the one bundled version names no hardware."""

import polars as pl
import pytest

from sources import owid_ai
from sources.snapshots import SnapshotStore, verify
from sources.upstream import UpstreamFormatError


def test_owid_records_split_by_a_newline_in_the_name_are_joined():
    raw, rows = owid_ai.estimates(SnapshotStore().latest("owid_ai"))
    # PROVENANCE.md: 382 + 532 + 474 + 48 records after re-joining split lines
    assert rows.group_by("quantity").len().sort("quantity").rows() == [
        ("parameters", 532),
        ("training_compute_flop", 382),
        ("training_cost_usd", 48),
        ("training_dataset_size", 474),
    ]
    assert raw.height == rows.height == 1436
    assert rows["parse_error"].null_count() == rows.height
    gpt35 = rows.filter(pl.col("entity") == "GPT-3.5 (davinci-002)").row(0, named=True)
    assert gpt35["value"] == 2578000000 * 1e15  # petaFLOP to FLOP


@pytest.fixture(scope="module")
def owid_version(bundled_store):
    return bundled_store.latest("owid_ai")


def test_a_name_ending_in_a_newline_is_one_record(owid_version):
    path = owid_version.path("artificial-intelligence-parameter-count.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    # as upstream wrote it: the name alone on a line, the rest of the record on the next
    at = lines.index("Solar Open 100B")
    assert lines[at + 1] == ",2025-12-31,102000000000,Industry"
    frame = owid_ai.parse(path)
    assert frame.height == len(lines) - 1 - 3  # the header, three split records
    solar = frame.filter(pl.col("Entity") == "Solar Open 100B")
    assert solar.drop("row_number").rows() == [
        ("Solar Open 100B", "2025-12-31", "102000000000", "Industry")
    ]


def test_a_download_is_checked_for_the_columns_read(owid_version):
    for name in owid_ai.FILES:
        owid_ai.check_file(name, owid_version.path(name).read_bytes())  # the bundled files pass
    countries = "cumulative-number-of-large-scale-ai-systems-by-country.csv"
    renamed = owid_version.path(countries).read_bytes().replace(b"Year", b"Date", 1)  # fault
    with pytest.raises(UpstreamFormatError) as refused:
        owid_ai.check_file(countries, renamed)
    assert str(refused.value) == (
        "columns ['Year'] are missing (found ['Entity', 'Code', 'Date', 'Cumulative number of "
        "large-scale AI systems by country']); the upstream format changed: update "
        "sources/owid_ai.py"
    )


def test_sources_without_hardware_are_bundled(bundled_store):
    (snapshot,) = bundled_store.versions(owid_ai.SOURCE.name)
    verify(snapshot)
    assert len(snapshot.files) == 5
    assert sorted(snapshot.files) == sorted(owid_ai.FILES)
    for name in snapshot.files:
        text = snapshot.path(name).read_text()
        header = text.splitlines()[0].lower()
        assert "hardware" not in header and "gpu" not in header, name
        assert not any(word in text for word in ["GPU", "TPU", "NVIDIA", "Nvidia"]), name
