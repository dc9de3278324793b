"""ec2instances.info opszero snapshot of 2024-04-04: AWS GPU/accelerator prices per region.

Bundled only (no parser yet). One version, an *extract* of `opszero-app/instances.json` at
vantage-sh/ec2instances.info commit a19cd859 (2024-04-04): the 737 of 13,767 rows with GPU > 0
or an accelerator family (trn1, trn1n, inf1, inf2, dl1, dl2q), 54 instance types in 89
regions, values unchanged, under `data` with a header naming repo, path and commit. Fields:
`instance-type`, `arch`, `memory` (GiB), `vCPU`, `GPU` (count), `GPU_memory` (GiB, total),
`current-generation`, `region`, `ondemand` and `spot_avg` (USD/hour as text). "0"/"0.000000"
means missing (e.g. p4d/p5 in us-east-1) and some `spot_avg` are exactly 10% of on-demand, which
looks like a placeholder. Rows name instance types, not GPU models: no hardware mentions.
"""

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="ec2instances_2024",
    title="ec2instances.info, AWS GPU instance prices by region (opszero snapshot 2024-04-04)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url="https://raw.githubusercontent.com/vantage-sh/ec2instances.info/a19cd859f0591c40bead51230996dcfc8c468071/opszero-app/instances.json",
    filename="aws_gpu_instances_by_region.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "opszero-app/instances.json at commit a19cd859f0591c40bead51230996dcfc8c468071."
    ),
    cadence="frozen (one snapshot)",
)
