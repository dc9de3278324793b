"""OpenAI, "AI and Compute" (2018): the 20 data points behind its training-compute chart.

One CSV (`publication_date`, `overall_peta_flop_days`, `result`), taken from a third-party
repository; the system names are models, no hardware is named. Bundled for later comparison
with Epoch's estimates; parsing comes with the issue that loads it.
"""

from __future__ import annotations

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="openai_ai_and_compute",
    title="OpenAI, AI and Compute (2018) data points",
    homepage="https://openai.com/index/ai-and-compute/",
    url=(
        "https://raw.githubusercontent.com/skaltman/ai-progress/"
        "a5ae293d4f4c337fa3ad5a8d9d77cfcb088f4fdb/data-raw/compute.csv"
    ),
    filename="compute.csv",
    licence="none stated",
    citation=(
        "Dario Amodei and Danny Hernandez, 'AI and Compute', OpenAI, 16 May 2018; data points "
        "as committed in skaltman/ai-progress (data-raw/compute.csv)."
    ),
    cadence="frozen (2018)",
)
