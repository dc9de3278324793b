"""Reading a Wikipedia GPU version's file (sources/wikipedia_gpus/parse.py): every real row as text
in upstream terms with its number, and the JSON extract's shape checks."""

import json

import polars as pl
import pytest

from sources import wikipedia_gpus
from sources.upstream import UpstreamFormatError


def write_rows(tmp_path, rows, **extra):
    path = tmp_path / "release_price_rows.json"
    path.write_text(json.dumps({**extra, "rows": rows}, ensure_ascii=False))
    return path


def test_a_row_without_a_required_key_is_a_clear_error(tmp_path, document):
    rows = [dict(r) for r in document["rows"][:3]]
    del rows[1]["Launch"]
    with pytest.raises(UpstreamFormatError, match=r"row 2 lacks \['Launch'\]"):
        wikipedia_gpus.parse(write_rows(tmp_path, rows))


def test_a_renamed_key_is_a_clear_error(tmp_path, document):
    rows = [
        {("TDP (W)" if k == "TDP (Watts)" else k): v for k, v in r.items()}
        for r in document["rows"]
    ]
    with pytest.raises(UpstreamFormatError, match=r"no row has \['TDP \(Watts\)'\]"):
        wikipedia_gpus.parse(write_rows(tmp_path, rows))


def test_no_rows_is_a_clear_error(tmp_path, document):
    path = tmp_path / "release_price_rows.json"
    path.write_text(json.dumps({"data": document["rows"][:2]}))
    with pytest.raises(UpstreamFormatError, match="'rows' list"):
        wikipedia_gpus.parse(path)
    path.write_text("rows: none")
    with pytest.raises(UpstreamFormatError, match="not JSON"):
        wikipedia_gpus.parse(path)
    path.write_text("<html><script>const spec = {broken</script></html>")
    with pytest.raises(UpstreamFormatError, match="no Vega-Lite spec"):
        wikipedia_gpus.parse(path)


def test_every_row_is_read_with_its_number(raw, records):
    assert raw.height == 226
    assert raw["row_number"].to_list() == list(range(1, 227))
    assert records.height == 226
    assert records["row_number"].to_list() == list(range(1, 227))
    assert raw["Vendor"].value_counts().sort("Vendor").rows() == [("AMD", 155), ("NVIDIA", 71)]
    assert set(records["kind"]) == {"gpu"}
    # Values are text in upstream terms: JSON numbers become the text they stand for.
    first = raw.row(0, named=True)
    assert first["Model"] == "GeForce RTX 3050" and first["Memory Size (GB)"] == "6.0"
    assert first["Launch"] == "2024-02-02T00:00:00"
    assert raw.filter(pl.col("row_number") == 72)["Die size (mm2)"].item() == "100"  # a string
    assert raw.filter(pl.col("row_number") == 188)["Die size (mm2)"].item() == "520.0"
