"""Reading a Wikipedia GPU version's file: the JSON extract's shape checks and the rows taken
out of the plot HTML a live fetch gets, compared with the bundled file."""

import json
import math

import polars as pl
import pytest

from sources import wikipedia_gpus
from sources.upstream import UpstreamFormatError


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    return bundled_store.latest("wikipedia_gpus")


@pytest.fixture(scope="module")
def document(snapshot) -> dict:
    return json.loads(snapshot.path().read_bytes())


@pytest.fixture(scope="module")
def raw(snapshot) -> pl.DataFrame:
    return wikipedia_gpus.parse(snapshot.path())


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


def altair_html(rows: list[dict], name: str) -> bytes:
    """A page shaped like Altair's inline HTML (bundle, then `const spec = {...}` with NaN)."""
    spec = {
        "config": {"view": {"continuousWidth": 300}},
        "data": {"name": name},
        "mark": {"type": "point"},
        "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
        "datasets": {name: rows},
    }
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<script>\n// vega-embed bundle\n"
        "const n=/x/g;function f(spec={}){return spec;}\n</script>\n</head>\n<body>\n"
        '<div class="vega-visualization" id="vis"></div>\n<script type="text/javascript">\n'
        f"  const spec = {json.dumps(spec)};\n"
        '  const embedOpt = {"mode": "vega-lite"};\n'
        "  vegaEmbed('#vis', spec, embedOpt).catch(console.error);\n</script>\n</body>\n</html>"
    ).encode()


def test_extract_rows_from_the_plot_html(tmp_path, document, raw):
    # The real rows with the empty cells the page has (NaN, null, '') put back.
    rows = document["rows"]
    padded = [{**r, "MSRP (USD)": math.nan, "MSRP": None, "Features": ""} for r in rows]
    html = altair_html(padded, document["dataset_name"])
    extracted = json.loads(wikipedia_gpus.extract_rows(html))
    assert extracted["rows"] == rows
    assert extracted["dataset_name"] == document["dataset_name"]
    page = tmp_path / "page.html"
    page.write_bytes(html)
    assert wikipedia_gpus.parse(page).equals(raw)


def test_extract_rows_serialises_like_the_bundled_file(document, snapshot):
    html = altair_html(document["rows"], document["dataset_name"])
    extracted = json.loads(wikipedia_gpus.extract_rows(html))
    provenance = {k: v for k, v in document.items() if k not in extracted}
    rebuilt = {**provenance, **extracted}
    rebuilt = {k: rebuilt[k] for k in document}  # the bundled key order
    text = json.dumps(rebuilt, indent=0, ensure_ascii=False).encode()
    assert text == snapshot.path().read_bytes()
