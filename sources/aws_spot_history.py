"""Eric Pauley's AWS spot price history, May 2022: GPU/accelerator spot price changes (TSV).

Bundled only (no parser yet). One version, an *extract* of `prices/2022/05.tsv.zst` (added at
ericpauley/aws-spot-price-history commit 489ad94a, 2023-03-04): decompressed, the rows of
families p2, p3, p3dn, p4d, p4de, p5, g2, g3, g3s, g4dn, g4ad, g5, g5g, dl1, trn1, trn1n, inf1,
inf2, f1 only, order and values unchanged. Tab-separated, no header (as upstream): availability-
zone id, instance type, product description, spot USD/hour, UTC time the price took effect.
1,965 rows, 2022-05-31T18:20:41Z .. 23:59:29Z only (the upstream month file is a partial
capture). Upstream moved its data to Zenodo (DOI 10.5281/zenodo.14198917) on 2024-11-21. Rows
name instance types, not GPU models: no hardware mentions.
"""

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="aws_spot_history",
    title="Eric Pauley, AWS spot price history (May 2022, GPU/accelerator extract)",
    homepage="https://github.com/ericpauley/aws-spot-price-history",
    url="https://raw.githubusercontent.com/ericpauley/aws-spot-price-history/489ad94ac08f52724301fdae8bff3ea003fdabc8/prices/2022/05.tsv.zst",
    filename="2022-05_gpu_accelerator_subset.tsv",
    licence="not stated (no LICENSE file); AWS describe-spot-price-history records",
    citation=(
        "Eric Pauley, 'AWS Spot Price History', github.com/ericpauley/aws-spot-price-history "
        "(now Zenodo, DOI 10.5281/zenodo.14198917)."
    ),
    cadence="frozen (upstream moved to Zenodo in 2024-11)",
)
