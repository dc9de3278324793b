"""The ec2instances.info upstream as sources/aws_instance_pages/layout.py describes it, held
against the real bundled pages: the pinned commit and its date, the 48 pages, the `_prices`
pattern (one object per page) and the four headline elements the `FIELDS` name."""

import ast
import re

import pytest

from sources.aws_instance_pages import layout


@pytest.fixture(scope="module")
def texts(version) -> dict[str, str]:
    return {n.removesuffix(".html"): version.path(n).read_text() for n in sorted(version.files)}


def test_the_version_is_the_pinned_commit(version):
    assert layout.BASE_URL.endswith(f"/{layout.COMMIT}/")
    assert version.url == layout.SOURCE.url == f"{layout.BASE_URL}www/p4d.24xlarge.html"
    assert version.retrieved_at == layout.COMMIT_DATE
    assert layout.SOURCE.filename in version.files
    assert tuple(n.removesuffix(".html") for n in sorted(version.files)) == layout.INSTANCES


def test_every_page_has_one_prices_object_with_the_fields_read(texts):
    for instance, text in texts.items():
        (found,) = layout._PRICES.findall(text)
        prices = ast.literal_eval(found)
        linux = prices[layout.HEADLINE_REGION][layout.OS]
        assert set(layout.FIELDS) <= set(linux), instance
    p3 = ast.literal_eval(layout._PRICES.findall(texts["p3.16xlarge"])[0])
    assert p3["us-east-1"]["linux"] == {
        "ondemand": "24.480",
        "spot": "N/A",
        "_1yr": "16.708",
        "_3yr": "9.057",
    }
    assert len(p3) == 14  # regions priced on the page


def test_every_page_has_the_four_headline_elements(texts):
    ids = [element for _, element in layout.FIELDS.values()]
    assert ids == ["p_od", "p_spot", "p_1yr", "p_3yr"]
    for instance, text in texts.items():
        for element in ids:
            assert len(re.findall(rf'<p [^>]*\bid="{element}"', text)) == 1, (instance, element)
