"""ec2instances.info detail pages of AWS GPU/accelerator instances (HTML, 2022-07-07).

The source's face (what the registry and the pipelines use); the work is in `layout`,
`parse`, `mentions`, `page` (one page's prices), `quotes` and `fetch`.

48 generated pages (`www/<instance>.html` at vantage-sh/ec2instances.info commit 136b6119,
g2..g5g, p2..p4d, dl1, f1, inf1) from the project's first detail-page design, deleted upstream
soon after: a frozen source of one version. Each page has two-column attribute tables whose
header row is "<group> | Value" (Amazon, Compute, Networking, Storage, Hardware), headline
us-east-1 Linux prices (`<p id="p_od|p_1yr|p_spot|p_3yr">`) and an inline
`var _prices = {region: {os: {ondemand, spot, _1yr, _3yr}}}` object (a Python dict literal).

`parse` reads the attribute tables by their header text, never by position; anything else is
ignored, in particular the template placeholders every page carries: an intro paragraph and a
"Family Sizes" table (Size | CPU | Memory) that describe c5 instances, not the page's.
`hardware_mentions` takes the Hardware table's "GPU Architecture" row ("NVIDIA A100") with
"instance type <Instance Type>" as context. No manufacturer field: `vendor_hint` is null.

Blank spellings: the page generator printed Python's `None` where it had no GPU model; that
text is read as null. In the bundled pages 19 of 48 say "None": dl1 (1 page, Gaudi), f1 (3,
FPGA), inf1 (4, Inferentia), and also g4ad (5, AMD Radeon Pro V520) and g5g (6, NVIDIA T4G),
whose Compute table counts one or more GPUs.

Price quotes (`quotes`). A *record* is one page, numbered 1.. in sorted file-name order. Its
quotes are the `linux` prices of every region of `_prices`, in the object's region order, each
region's fields in the order ondemand, spot, _1yr, _3yr (pricing on_demand, spot, reserved_1y,
reserved_3y; USD per instance-hour; `price_field` "_prices.<region>.linux.<field>"). Only Linux
is read: the other operating systems (mswin, rhel, sles, the SQL Server variants) price the
same hardware plus a licence fee, and `emr`/`ebs` entries are surcharges, not instance prices.
A region without a `linux` entry gives no quote (none in the bundled pages).

- "N/A" is the generator's word for "no price" (the page script prints it as is): no quote, as
  an empty cell. Every spot value on every bundled page is "N/A" (543 regions: the generator
  had no spot data), as are 40 `_3yr` (both g2 pages in all 9 regions, 20 pages in cn-north-1,
  2 in us-gov-west-1) and 4 `_1yr`, so the version has no spot quotes. An absent field is no
  quote either.
- "0.000" is what the generator wrote for the China regions (cn-north-1, cn-northwest-1,
  priced in CNY by AWS China): quotes, flagged zero-means-missing by `prices.finish` (79).
- `accelerators_per_instance` is the Compute table's GPU count; 0 (dl1, f1, inf1: the
  generator counts only GPUs, dl1 has 8 Gaudi) is read as unstated (null).
  `usd_per_accelerator_hour` = instance price / that count.
- `hardware_text`/`hardware_context` are exactly `mention_records`' spelling and context.
- `observed_at` is the version's date (the pinned commit's day, 2022-07-07 UTC).

Checks. The headline us-east-1 prices are cross-checked against `_prices` (numerically, as the
page script rounds to 3 decimals): a disagreement is the parse_error of that us-east-1 quote (a
headline price the object lacks becomes a quote of its own, `price_field` "#p_<x>", with that
reason); on more than `MAX_HEADLINE_MISMATCH` of the pages it is systematic (the page generator
changed what it shows) and raises. All 48 bundled pages agree. A page without attribute tables,
without one parsable `_prices` object or without the four headline elements raises
`UpstreamFormatError` naming the page (as does a page describing another instance than its file
name), and so does a version in which any page states no readable us-east-1 Linux price (all 48
bundled pages do; stricter than a 90 % yield threshold, as the 48 pages are fixed).

`fetch` downloads the 48 pages (`INSTANCES`) from the pinned commit, checks each with the same
code as it arrives (stopping at the first broken page) and only then stores one version; a
version is dated by the commit (the content of a pinned commit is as of that commit), the
download time goes to the manifest's `fetched_at`.
"""

from __future__ import annotations

from sources.aws_instance_pages.fetch import fetch
from sources.aws_instance_pages.layout import COMMIT, INSTANCES, SOURCE
from sources.aws_instance_pages.mentions import (
    hardware_mentions,
    mention_records,
    quote_mention_records,
)
from sources.aws_instance_pages.parse import parse
from sources.aws_instance_pages.quotes import quotes

__all__ = [
    "COMMIT",
    "INSTANCES",
    "SOURCE",
    "fetch",
    "hardware_mentions",
    "mention_records",
    "parse",
    "quote_mention_records",
    "quotes",
]
