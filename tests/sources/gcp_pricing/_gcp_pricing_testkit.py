"""Constants of the GCP pricing tests: the source's name and file, the May 2024 version, and the
GPU keys pricing.yml names across the bundled versions."""

from sources import gcp_pricing

NAME = gcp_pricing.SOURCE.name
FILE = gcp_pricing.SOURCE.filename
VERSION = "2024-05-30-62843104472b"  # upstream commit 91f53ccdd76a

# The GPU kinds pricing.yml keys machine types by, in all 54 bundled versions.
GPU_KEYS = {"a100", "a100-80gb", "h100-80gb", "h100-80gb-mega", "l4", "rtx6000"}
