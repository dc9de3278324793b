"""A page shaped like the gpustats plot HTML (Altair's inline Vega-Lite), for the extract and fetch
tests of the Wikipedia GPU source."""

import json


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
