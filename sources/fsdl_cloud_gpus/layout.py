"""The FSDL "Cloud GPUs" table as it is laid out: the source, the columns a version must have,
the field that names the hardware and the On-demand / Per-GPU tolerance."""

from __future__ import annotations

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="fsdl_cloud_gpus",
    title="Full Stack Deep Learning, Cloud GPUs (cloud-gpus.csv)",
    homepage="https://fullstackdeeplearning.com/cloud-gpus/",
    url="https://raw.githubusercontent.com/the-full-stack/website/HEAD/docs/cloud-gpus/cloud-gpus.csv",
    filename="cloud-gpus.csv",
    licence="MIT (Full Stack Deep Learning)",
    citation=(
        "Full Stack Deep Learning (Sergey Karayev, Charles Frye), 'Cloud GPUs', "
        "https://fullstackdeeplearning.com/cloud-gpus/, data file "
        "github.com/the-full-stack/website docs/cloud-gpus/cloud-gpus.csv."
    ),
    cadence="irregular hand edits (last 2025-04-21); check monthly",
)

REQUIRED = [
    "Cloud",
    "GPU Type",
    "GPU Arch",
    "GPUs",
    "GPU RAM",
    "vCPUs",
    "RAM",
    "On-demand",
    "Per-GPU",
    "Spot",
    "Name",
]
MENTION_FIELD = "GPU Type"
PER_GPU = "Per-GPU"
# On-demand and Per-GPU x GPUs may differ by this share of On-demand (or by Per-GPU's own
# rounding, half a unit of its last written decimal per GPU, where that is more) before the
# record's on-demand quote is refused as inconsistent.
TOLERANCE = 0.02
