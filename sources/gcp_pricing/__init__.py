"""Google Cloud GPU machine-type prices, from Cyclenerd's google-cloud-pricing-cost-calculator.

The source's face (what the registry and the pipelines use); the work is in `layout`,
`parse`, `mentions`, `quotes` and `fetch`.

Upstream `pricing.yml` (~4 MB, regenerated from the Cloud Billing Catalog API and committed
about weekly) lists every Compute Engine price. The bundled versions are *extracts*, one per
month (54, 2022-02-27 .. 2026-07-30, retrieved_at = the commit's date): only the
`compute.instance` entries of GPU machine types (a2-*, a3-*, g2-*, g4-*), values unchanged, as
JSON with a header naming repo, path and commit. `fetch` downloads the live YAML and makes the
same extract (see there).

Each machine type carries its attributes (`cpu`, `ram`, `local-ssd` ...), a `cost` object per
region and one key per GPU kind whose value is the GPU count (`a100: 8`). `parse` returns one
row per machine type and GPU key; `hardware_mentions` lists the GPU keys (a100, a100-80gb,
h100-80gb, h100-80gb-mega, l4, rtx6000), with "machine type <name>" as context and one
occurrence per machine type per version. Google names no manufacturer: `vendor_hint` is null.

Blank spellings: a machine type without any GPU key would be a record with a null spelling;
there is none in the bundled versions (926 machine-type records).

Price quotes (`quotes`): a *record* is one machine type x region cost object
(`instances.<machine type>.cost.<region>`), numbered 1.. in file order (machine types as
listed, regions as listed within each); 34,769 records in the 54 bundled versions. Its quotes,
in this order:

- `hour` -> on_demand, USD per hour of the whole machine type (Linux, no discounts);
- `hour_spot` -> spot, USD per hour;
- `month_1y` / `month_3y` -> reserved_1y / reserved_3y: USD per month with a 1-/3-year
  committed use discount, converted to USD per hour at 730 h per month, the month upstream uses:
  `month` / `hour` is 730 (to 1e-14) in every one of the 34,769 records and `month_spot` /
  `hour_spot` in every one of the 30,797 with both.

`month` and `month_spot` are the on-demand and spot prices again, per month: not quotes of
their own, but checked against `hour`/`hour_spot` (a disagreement beyond 1e-6 makes the hourly
quote a parse error). `accelerators_per_instance` is the GPU key's count (fractional for
g4-standard's shared RTX PRO 6000); `hardware_text`/`hardware_context` are the GPU key and
"machine type <name>" exactly as `mention_records` gives them. `observed_at` is the header's
`timestamp` (Unix seconds when upstream generated pricing.yml) if it is a number from
2015 on and no later than a day after the commit (or, for a live fetch, the retrieval); else
the commit date (else the retrieval time). In the bundled versions it is 0 s to 11 min
before the commit (2 h 35 min for 2022-02-27), so every version uses it.
"""

from __future__ import annotations

from sources.gcp_pricing.fetch import extract, fetch
from sources.gcp_pricing.layout import SOURCE
from sources.gcp_pricing.mentions import hardware_mentions, mention_records
from sources.gcp_pricing.parse import parse
from sources.gcp_pricing.quotes import observed_at, quotes

__all__ = [
    "SOURCE",
    "extract",
    "fetch",
    "hardware_mentions",
    "mention_records",
    "observed_at",
    "parse",
    "quotes",
]
