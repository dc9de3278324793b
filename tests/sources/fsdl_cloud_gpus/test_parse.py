"""Reading one version of the FSDL "Cloud GPUs" table strictly (sources/fsdl_cloud_gpus/parse.py):
every bundled version as text columns with record numbers, an empty surplus field trimmed (a real
serverless version), and refused, naming the file: an HTML page, a file cut off mid-record, text
past the last column, bytes not UTF-8."""

import dataclasses

import pytest

from sources import fsdl_cloud_gpus as cloud
from sources.snapshots import SnapshotStore
from sources.source import fetch
from sources.upstream import UpstreamFormatError
from tests.localserver import Reply
from tests.sources._fsdl_testkit import stored


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


def test_every_version_reads_with_its_record_numbers(bundled_store):
    versions = bundled_store.versions(cloud.SOURCE.name)
    tables = [cloud.read_records(v) for v in versions]
    assert sum(t.height for t in tables) == 6038
    last = tables[-1]
    assert last.columns == ["row_number", *cloud.REQUIRED]
    assert last["row_number"].to_list() == list(range(1, 258))
    assert last.row(4) == (
        5,
        *("AWS", "V100 (16 GB)", "Volta", "8", "128", "64", "488"),
        *("24.48", "3.06", "7.34", "p3.16xlarge"),
    )


def test_an_empty_surplus_field_is_trimmed(bundled_store):
    """The serverless table (the reader is shared) at commit e1c1d272 (2023-10-30, -07:00):
    ten records carry one empty field more than the header's nine."""
    (version,) = [
        v
        for v in bundled_store.versions("fsdl_serverless_gpus")
        if v.version.endswith("84ea36b1f5e4")
    ]
    text = version.path().read_text()
    assert (
        text.count(",0.64,\n") == 1 and "Baseten,T4 (16 GB),Turing,1,16,4,16,0.63,0.64,\n" in text
    )
    table = cloud.read_csv_ragged(version.path(), ["GPU Type", "Per-GPU"])
    assert (table.height, table.width) == (29, 10)
    assert table.row(1)[1:] == (
        "Baseten",
        "T4 (16 GB)",
        "Turing",
        "1",
        "16",
        "4",
        "16",
        "0.63",
        "0.64",
    )


def test_a_surplus_field_with_text_or_bytes_not_utf8_are_refused(tmp_path):
    path = tmp_path / cloud.SOURCE.filename
    header = ",".join(cloud.REQUIRED)
    # fault input: one record with text past the header's last column
    path.write_text(f"{header}\nAWS,T4 (16 GB),Turing,1,16,4,16,0.53,0.53,,g4dn.xlarge,oops\n")
    with pytest.raises(
        UpstreamFormatError,
        match=r"record 1 has 12 fields for 11 columns and the surplus is not empty: \['oops'\]",
    ):
        cloud.parse(path)
    # fault input: Latin-1 bytes
    path.write_bytes(f"{header}\nAWS,T4 (16 GB) \u00e9\n".encode("latin-1"))
    with pytest.raises(UpstreamFormatError, match="not UTF-8 text"):
        cloud.parse(path)
