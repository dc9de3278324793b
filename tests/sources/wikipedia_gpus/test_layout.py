"""Where the Wikipedia GPU source points and why it reads the columns it reads
(sources/wikipedia_gpus/layout.py): the pinned plot, and `Release Price (USD)` agreeing with every
other price cell of the real bundled rows."""

import re

from sources import wikipedia_gpus


def test_release_price_agrees_with_every_other_price_cell(document):
    # Why "Release Price (USD)" alone is read: it equals the Founders Edition price wherever
    # one is given and the first dollar amount of AMD's "Release Date & Price" in every row.
    founders = checked = 0
    for row in document["rows"]:
        price = row["Release Price (USD)"]
        fe = row.get("Release price (USD) Founders Edition", "N/a")
        if fe != "N/a":
            founders += 1
            assert float(fe.lstrip("$").replace(",", "")) == price
        if "Release Date & Price" in row:
            checked += 1
            first = re.search(r"\$\s?([0-9,]+)", row["Release Date & Price"]).group(1)
            assert float(first.replace(",", "")) == price, row["Release Date & Price"]
    assert (founders, checked) == (18, 103)


def test_source_points_at_the_pinned_plot():
    assert wikipedia_gpus.SOURCE.name == "wikipedia_gpus"
    assert wikipedia_gpus.COMMIT in wikipedia_gpus.SOURCE.url
    assert wikipedia_gpus.SOURCE.url.endswith("plots/Release%20price%20over%20Time.html")
    assert wikipedia_gpus.SOURCE.licence == "CC BY-SA 4.0"
