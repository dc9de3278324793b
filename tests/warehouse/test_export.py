"""warehouse.export on a small warehouse file (_cloud_price_testkit.py: two real GCP quotes,
every bundled gcp_pricing version in meta.snapshot, every other table empty): one Parquet and
one CSV file per core and analysis table and view with its rows, the README's line for each
source, a second export replacing the first but leaving other files, and a clear error where
the folder cannot be written. (tests/e2e/test_export.py exports a full build.)"""

import polars as pl
import pytest

from sources.registry import source_infos
from tests.warehouse._cloud_price_testkit import QUOTES, quotes_warehouse
from warehouse.export import ExportError, export


@pytest.fixture(scope="module")
def quotes_file(tmp_path_factory, bundled_store):
    return quotes_warehouse(tmp_path_factory.mktemp("export") / "quotes.duckdb", bundled_store)


def test_each_relation_is_written_with_its_rows_and_sources_are_named(
    quotes_file, bundled_store, tmp_path
) -> None:
    out = tmp_path / "export"
    done = {e.relation: e for e in export(out, source_infos(), path=quotes_file)}
    assert (done["core.cloud_price"].kind, done["core.cloud_price"].rows) == ("table", 2)
    assert (done["core.latest_cloud_price"].kind, done["core.latest_cloud_price"].rows) == (
        "view",
        1,
    )
    stored = bundled_store.versions("gcp_pricing")
    assert done["meta.snapshot"].rows == len(stored)
    meta = sorted(r for r in done if r.startswith("meta."))
    assert meta == ["meta.data_dictionary", "meta.snapshot"]  # not the quarantine or failures
    parquet = pl.read_parquet(out / "parquet" / "core.cloud_price.parquet").sort("observed_at")
    assert (
        parquet["usd_per_accelerator_hour"].to_list()
        == QUOTES["usd_per_accelerator_hour"].to_list()
    )
    csv = pl.read_csv(out / "csv" / "core.latest_cloud_price.csv")
    assert csv["usd_per_accelerator_hour"].to_list() == [5.027702]
    readme = (out / "README.md").read_text()
    assert "| `core.cloud_price` | table | 2 |" in readme
    assert (
        f"| {len(stored)}: 2022-02-27 to {stored[-1].retrieved_at.date()}, "
        f"newest `{stored[-1].version}` |" in readme
    )
    assert "(`epoch_hardware`)" in readme  # a source with no version here is still named
    assert readme.count("| none |") == len(source_infos()) - 1


def test_a_second_export_replaces_the_first_and_leaves_other_files(quotes_file, tmp_path) -> None:
    out = tmp_path / "export"
    gcp = [s for s in source_infos() if s.name == "gcp_pricing"]
    export(out, gcp, path=quotes_file, formats=("parquet",))
    assert "(`gcp_pricing`)" in (out / "README.md").read_text()
    (out / "notes.txt").write_text("mine")
    export(out, [], path=quotes_file, formats=("parquet",))
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "notes.txt", "parquet"]
    assert "(`gcp_pricing`)" not in (out / "README.md").read_text()  # the new README
    assert (out / "notes.txt").read_text() == "mine"
    assert not list(tmp_path.glob(".export.partial-*"))  # no staging folder left behind


def test_a_parquet_only_export_over_a_full_one_leaves_no_csv_and_says_so(
    quotes_file, tmp_path
) -> None:
    """The README names the formats written, and a format not written again is removed with
    the earlier export: no csv/ of older data beside the new Parquet (a release writes
    Parquet only)."""
    out = tmp_path / "export"
    export(out, [], path=quotes_file)
    assert "as Parquet (`parquet/`) and CSV (`csv/`)," in (out / "README.md").read_text()
    export(out, [], path=quotes_file, formats=("parquet",))
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "parquet"]
    readme = (out / "README.md").read_text()
    assert "as Parquet (`parquet/`), one file per" in readme and "CSV" not in readme


def test_a_file_in_the_way_is_a_clear_error(quotes_file, tmp_path) -> None:
    blocker = tmp_path / "export"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="it is a file, not a folder"):
        export(blocker, [], path=quotes_file)
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(blocker / "inside", [], path=quotes_file)
