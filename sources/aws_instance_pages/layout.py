"""The ec2instances.info upstream as it is laid out: the pinned commit, the source, the 48
pages, the attribute tables and rows read, the `_prices` fields and the generator's words for
a missing value."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import polars as pl

from sources.source import SourceInfo

COMMIT = "136b6119d544e5249b39256c1d2871af2952903a"
COMMIT_DATE = datetime(2022, 7, 7, tzinfo=UTC)  # day only upstream: midnight UTC, as bundled
BASE_URL = f"https://raw.githubusercontent.com/vantage-sh/ec2instances.info/{COMMIT}/"
SOURCE = SourceInfo(
    name="aws_instance_pages",
    title="ec2instances.info, AWS GPU instance detail pages (2022-07-07)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url=f"{BASE_URL}www/p4d.24xlarge.html",
    filename="p4d.24xlarge.html",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/<instance>.html at commit 136b6119d544e5249b39256c1d2871af2952903a."
    ),
    cadence="frozen (pages deleted upstream in 2022)",
)
# The 48 pages of the version (`www/<instance>.html`), as bundled.
INSTANCES = (
    "dl1.24xlarge",
    *("f1.16xlarge", "f1.2xlarge", "f1.4xlarge"),
    *("g2.2xlarge", "g2.8xlarge", "g3.16xlarge", "g3.4xlarge", "g3.8xlarge", "g3s.xlarge"),
    *("g4ad.16xlarge", "g4ad.2xlarge", "g4ad.4xlarge", "g4ad.8xlarge", "g4ad.xlarge"),
    *("g4dn.12xlarge", "g4dn.16xlarge", "g4dn.2xlarge", "g4dn.4xlarge", "g4dn.8xlarge"),
    *("g4dn.metal", "g4dn.xlarge"),
    *("g5.12xlarge", "g5.16xlarge", "g5.24xlarge", "g5.2xlarge", "g5.48xlarge", "g5.4xlarge"),
    *("g5.8xlarge", "g5.xlarge"),
    *("g5g.16xlarge", "g5g.2xlarge", "g5g.4xlarge", "g5g.8xlarge", "g5g.metal", "g5g.xlarge"),
    *("inf1.24xlarge", "inf1.2xlarge", "inf1.6xlarge", "inf1.xlarge"),
    *("p2.16xlarge", "p2.8xlarge", "p2.xlarge", "p3.16xlarge", "p3.2xlarge", "p3.8xlarge"),
    *("p3dn.24xlarge", "p4d.24xlarge"),
)

COLUMNS = pl.Schema({"table": pl.String, "attribute": pl.String, "value": pl.String})
INSTANCE_TYPE = ("Amazon", "Instance Type")
GPU_MODEL = ("Hardware", "GPU Architecture")
GPU_COUNT = ("Compute", "GPU")
# What the page generator printed for a missing value (Python's None).
MISSING = "None"
# What the generator wrote for a price it did not have (a non-quote, like an empty cell).
NOT_AVAILABLE = "N/A"
OS = "linux"
# `_prices` field -> (pricing, headline element id), in the order quotes are numbered.
FIELDS = {
    "ondemand": ("on_demand", "p_od"),
    "spot": ("spot", "p_spot"),
    "_1yr": ("reserved_1y", "p_1yr"),
    "_3yr": ("reserved_3y", "p_3yr"),
}
HEADLINE_REGION = "us-east-1"
MAX_HEADLINE_MISMATCH = 0.10  # share of pages above which a headline mismatch is systematic
_PRICES = re.compile(r"\bvar\s+_prices\s*=\s*(.*?);?[ \t]*$", re.MULTILINE)
