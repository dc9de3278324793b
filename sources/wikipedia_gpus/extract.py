"""The plotted rows out of a gpustats Vega-Lite HTML page, as the JSON a version holds."""

from __future__ import annotations

import json
import math
import re

from sources.upstream import UpstreamFormatError

# Where Altair's HTML puts the spec: `const spec = {...};` (or `vegaEmbed('#vis', {...}`).
_SPEC_START = re.compile(r"\bspec\s*=\s*(?=\{)|vegaEmbed\(\s*(['\"])[^'\"]*\1\s*,\s*(?=\{)")
EXTRACTION = (
    "the inline Vega-Lite dataset (spec.datasets) embedded in the plot HTML; rows unchanged; "
    "keys whose value is null/NaN/empty were dropped from each row (no other change)"
)


def extract_rows(html: bytes) -> bytes:
    """The plotted rows of a gpustats Vega-Lite HTML page, as the JSON the bundled snapshot
    holds (`{"extraction", "dataset_name", "rows"}`; keys with null/NaN/'' values dropped)."""
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"plot HTML is not UTF-8 ({err})") from None
    decoder = json.JSONDecoder()  # accepts the NaN that Altair writes for missing values
    for match in _SPEC_START.finditer(text):
        try:
            spec, _ = decoder.raw_decode(text, match.end())
        except ValueError:
            continue
        if isinstance(spec, dict) and isinstance(spec.get("datasets"), dict):
            break
    else:
        raise UpstreamFormatError(
            "no Vega-Lite spec with 'datasets' found in the plot HTML (gpustats changed its "
            "page layout?): update sources/wikipedia_gpus/extract.py"
        )
    datasets = spec["datasets"]
    data = spec.get("data")
    name = data.get("name") if isinstance(data, dict) else None
    if name not in datasets:
        if len(datasets) != 1:
            raise UpstreamFormatError(
                f"the plot spec has datasets {sorted(datasets)} and names none of them as its data"
            )
        (name,) = datasets
    rows = datasets[name]
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UpstreamFormatError(f"dataset {name!r} of the plot spec is not a list of rows")
    kept = [{k: v for k, v in row.items() if not _empty(v)} for row in rows]
    document = {"extraction": EXTRACTION, "dataset_name": name, "rows": kept}
    return json.dumps(document, indent=0, ensure_ascii=False).encode()


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))
