"""Full Stack Deep Learning's "Cloud GPUs" table: every version of a hand-edited price table.

The source's face (what the registry, the pipelines and `sources.fsdl_serverless_gpus`
use); the work is in `layout`, `parse`, `mentions` and `quotes`.

The snapshot store holds one version per upstream blob of `docs/cloud-gpus/cloud-gpus.csv`
(36, 2022-08-04 .. 2025-04-21, retrieved_at = the commit's date: when an edit was merged, not
a guaranteed observation date). `parse` reads a version in upstream terms; `hardware_mentions`
lists the `GPU Type` spellings across all versions ("A100 (80 GB)", "T4 (16)", ...). The
table's `Cloud` column is the cloud provider, not a manufacturer, so `vendor_hint` is null.

`read_csv_ragged` is shared with `sources.fsdl_serverless_gpus`, whose 2023-10-30 version
has records with one more (empty) field than its header.

Blank spellings: none in the bundled versions (6,038 records, every one with a `GPU Type`).

Price quotes (`quotes`, built by `instance_quotes`, shared with the serverless table): per
record, `On-demand` (USD/h for the instance) and `Per-GPU` (USD/h per GPU) are one `on_demand`
quote, `Spot` one `spot` quote; `observed_at` is the version's `retrieved_at` (the commit
date), `instance_type` is `Name` (empty, hence null, in 3,270 records: Cudo, RunPod, ...),
`accelerators_per_instance` is `GPUs` (always a whole number: 1, 2, 3, 4, 5, 8, 10 or 16),
`hardware_text` is `GPU Type` (context "GPU Type"), `region` is null (the table has none).
The 36 bundled versions give 8,821 quotes: 6,038 on-demand (one per record) and 2,783 spot
(AWS, Azure, GCP and Jarvislabs only; `Spot` is empty in the other 3,255 records). Price
texts are decimals, with a "$" in the two 2022-08-05 versions ("$24.48") and in one
2022-08-08 record (Azure ND96amsr A100 v4, "$37.18"), which read; there are no zeros, "N/A",
ranges or footnotes.

- **Spot is per instance.** On the 1,689 multi-GPU records with a `Spot`, Spot/On-demand lies
  between 0.10 and 0.66 and is nearly the same for every size of one GPU type (within a
  factor 1.2; AWS p3.2xlarge 0.92/3.06, p3.8xlarge 3.67/12.24, p3.16xlarge 7.34/24.48: 0.30
  each), while Spot/Per-GPU grows with the GPU count; 1,188 of them would otherwise price a
  spot GPU above its on-demand Per-GPU (p3.16xlarge: Spot 7.34 vs Per-GPU 3.06). So
  `usd_per_hour` = Spot and `usd_per_accelerator_hour` = Spot / GPUs.
- **On-demand vs Per-GPU.** On-demand is Per-GPU x GPUs within rounding almost everywhere.
  A difference above 2 % of On-demand (or above Per-GPU's own rounding, half a cent per GPU
  for a two-decimal Per-GPU: RunPod.io's 10 x A40 at 0.74 with Per-GPU 0.07) is a parse error
  stating both numbers. 462 quotes (24 distinct records repeated across versions): Cudo
  Compute, 2023-05-24 onwards (A4000 x 8 On-demand 2.89, Per-GPU 0.29; even 1-GPU rows, 0.30
  vs 0.29), and Oblivus Cloud RTX4000 (On-demand 0.41 per GPU, Per-GPU 0.27).
- **Per-GPU alone.** Six Exoscale records (3080Ti, A5000) of the last version
  (2025-04-22-cd69e286d6dc) leave On-demand empty and give Per-GPU with five decimals,
  0.92361 / 1.70868 / 3.14028 for 1 / 2 / 4 GPUs: the values scale with the instance (x1.85
  and x3.40 for both GPU types, as the vCPUs and RAM double), so they are instance prices
  written in the Per-GPU column. The 1-GPU records read as stated (per GPU = per instance);
  the four multi-GPU ones are parse errors, since which basis is meant cannot be told without
  On-demand.
- A record with no price in any price column would be one `NO_FIELD` quote (`NO_PRICE`);
  none in the bundled versions. Missing or unreadable `GPUs` or `Cloud` are parse errors.
- Provider spellings go through `sources.prices.provider_id` unchanged ("RunPod.io" in 2023
  versions, "RunPod" later; "Cudo Compute", "Oblivus Cloud").
"""

from __future__ import annotations

from sources.fsdl_cloud_gpus.layout import REQUIRED, SOURCE
from sources.fsdl_cloud_gpus.mentions import (
    hardware_mentions,
    mention_records,
    version_mention_records,
)
from sources.fsdl_cloud_gpus.parse import parse, read_csv_ragged, read_records
from sources.fsdl_cloud_gpus.quotes import instance_quotes, quotes

__all__ = [
    "REQUIRED",
    "SOURCE",
    "hardware_mentions",
    "instance_quotes",
    "mention_records",
    "parse",
    "quotes",
    "read_csv_ragged",
    "read_records",
    "version_mention_records",
]
