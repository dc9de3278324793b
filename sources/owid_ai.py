"""Our World in Data, artificial-intelligence grapher exports (processed views of Epoch data).

Five CSVs in one version: training compute, parameters, training datapoints, hardware and
energy cost of training, cumulative large-scale systems by country. Bundled for cross-checks
and the cost series; no hardware is named in them. Parsing comes with the issue that loads them.
"""

from __future__ import annotations

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="owid_ai",
    title="Our World in Data, artificial intelligence charts (grapher exports)",
    homepage="https://ourworldindata.org/artificial-intelligence",
    url="https://ourworldindata.org/grapher/artificial-intelligence-training-computation.csv",
    filename="artificial-intelligence-training-computation.csv",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI (2026), with major processing by Our World in Data. Retrieved from "
        "https://ourworldindata.org/artificial-intelligence [online resource]."
    ),
    cadence="monthly",
)

FILES = (
    "artificial-intelligence-training-computation.csv",
    "artificial-intelligence-parameter-count.csv",
    "artificial-intelligence-number-training-datapoints.csv",
    "hardware-and-energy-cost-to-train-notable-ai-systems.csv",
    "cumulative-number-of-large-scale-ai-systems-by-country.csv",
)
