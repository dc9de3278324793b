"""The plotted rows taken out of the gpustats Vega-Lite HTML a live fetch gets
(sources/wikipedia_gpus/extract.py): on a page made of the real bundled rows, the extract is the
bundled file."""

import json
import math

from sources import wikipedia_gpus
from tests.sources.wikipedia_gpus._plot_page_kit import altair_html


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
