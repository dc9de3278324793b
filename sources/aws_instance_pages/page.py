"""The price quotes of one page: the `linux` prices of every region of its inline `_prices`
object, the headline us-east-1 prices cross-checked against them."""

from __future__ import annotations

import ast
from pathlib import Path

from bs4 import BeautifulSoup

from sources.aws_instance_pages.layout import (
    _PRICES,
    FIELDS,
    GPU_COUNT,
    HEADLINE_REGION,
    INSTANCE_TYPE,
    NOT_AVAILABLE,
    OS,
)
from sources.aws_instance_pages.parse import _attribute, _attribute_rows, _mention
from sources.upstream import UpstreamFormatError


def _price_object(soup: BeautifulSoup, label: str | Path) -> dict[str, dict]:
    """The inline `_prices` object: {region: {os: {field: text}}}."""
    found = [m for s in soup.find_all("script") for m in _PRICES.finditer(s.get_text())]
    if len(found) != 1:
        raise UpstreamFormatError(
            f"{label}: expected one inline 'var _prices = {{...}}' script, found {len(found)}; "
            "the page is not an instance page of this design: update sources/aws_instance_pages/page.py"
        )
    literal = found[0].group(1)
    try:
        prices = ast.literal_eval(literal)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as err:
        raise UpstreamFormatError(
            f"{label}: the inline _prices object is not a readable literal ({err}): "
            f"{literal[:80]!r}..."
        ) from None
    if not isinstance(prices, dict) or not all(
        isinstance(r, str) and isinstance(o, dict) and all(isinstance(v, dict) for v in o.values())
        for r, o in prices.items()
    ):
        raise UpstreamFormatError(
            f"{label}: _prices is not a {{region: {{os: {{field: price}}}}}} object: "
            f"{literal[:80]!r}..."
        )
    return prices


def _headline(soup: BeautifulSoup, label: str | Path) -> dict[str, str]:
    """The headline us-east-1 Linux prices by element id (p_od, p_spot, p_1yr, p_3yr)."""
    texts = {}
    for _, element in FIELDS.values():
        tags = soup.find_all("p", id=element)
        if len(tags) != 1:
            raise UpstreamFormatError(
                f"{label}: expected one headline price <p id={element!r}>, found {len(tags)}; "
                "the page layout changed: update sources/aws_instance_pages/page.py"
            )
        texts[element] = tags[0].get_text(strip=True)
    return texts


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _disagree(headline: str, stated: str | None) -> bool:
    """Whether a headline price says something other than the object's (N/A = absent)."""
    shown = None if headline == NOT_AVAILABLE else headline
    if shown is None or stated is None:
        return shown != stated
    a, b = _number(shown), _number(stated)
    if a is None or b is None:
        return shown != stated
    return abs(a - b) > 0.0005 + 1e-9  # the page script shows 3 decimals


def _page_quotes(data: bytes, label: str | Path) -> tuple[list[dict], bool, bool]:
    """(quotes of one page, whether it states a readable us-east-1 Linux price, whether its
    headline disagrees with `_prices`). Raises `UpstreamFormatError` for a changed page."""
    soup = BeautifulSoup(data, "html.parser")
    attributes = _attribute_rows(soup, label)
    model, context = _mention(attributes, label)
    instance = _attribute(attributes, label, *INSTANCE_TYPE)
    named = str(label).rsplit("/", 1)[-1].removesuffix(".html")
    if named != instance:
        raise UpstreamFormatError(
            f"{label}: the page describes {instance!r}, not {named!r}: a wrong or moved page"
        )
    gpus = _number(_attribute(attributes, label, *GPU_COUNT))
    prices = _price_object(soup, label)
    headline = _headline(soup, label)
    page = {
        "instance_type": instance,
        "hardware_text": model,
        "hardware_context": context,
        "accelerators_per_instance": gpus if gpus else None,
    }
    quotes = []
    for region, systems in prices.items():
        linux = systems.get(OS, {})
        for field, (pricing, _) in FIELDS.items():
            value = linux.get(field)
            if value is None or value == NOT_AVAILABLE:
                continue
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise UpstreamFormatError(
                    f"{label}: _prices[{region!r}][{OS!r}][{field!r}] is {value!r}, not a price"
                )
            quotes.append(
                {
                    "price_field": f"_prices.{region}.{OS}.{field}",
                    "value_text": str(value),
                    "region": region,
                    "pricing": pricing,
                    "parse_error": None,
                    **page,
                }
            )
    stated = prices.get(HEADLINE_REGION, {}).get(OS, {})
    mismatch = False
    for field, (pricing, element) in FIELDS.items():
        value = stated.get(field)
        value = None if value in (None, NOT_AVAILABLE) else str(value)
        if not _disagree(headline[element], value):
            continue
        mismatch = True
        reason = (
            f"headline {element} '{headline[element]}' disagrees with "
            f"_prices.{HEADLINE_REGION}.{OS}.{field} '{value if value is not None else 'N/A'}'"
        )
        target = f"_prices.{HEADLINE_REGION}.{OS}.{field}"
        hits = [q for q in quotes if q["price_field"] == target]
        if hits:
            hits[0]["parse_error"] = reason
        else:  # the headline states a price the object lacks: account for it as a quote
            quotes.append(
                {
                    "price_field": f"#{element}",
                    "value_text": headline[element],
                    "region": HEADLINE_REGION,
                    "pricing": pricing,
                    "parse_error": reason,
                    **page,
                }
            )
    priced = any(
        q["region"] == HEADLINE_REGION
        and q["price_field"].startswith("_prices.")
        and (_number(q["value_text"]) or 0) > 0
        for q in quotes
    )
    return quotes, priced, mismatch
