"""ec2instances.info Azure development backup of 2022-12-15: N-series VM prices (low quality).

Bundled only (no parser yet), as messy test input rather than facts. One version, an *extract*
of `www/azure/instances.json.bak` at vantage-sh/ec2instances.info commit 90a0e56e (2022-12-15,
"basic azure rendering"): the 56 N-series (NC/ND/NV) GPU VM sizes of 712, values unchanged,
under `data` with a header naming repo, path and commit. `GPU` is always 0 and `GPU_model`
null (not populated), and prices look like a mix of meters (e.g. canadacentral 3135.0 USD/hour
for Standard_NV8as_v4). Rows name VM sizes, not GPU models: no hardware mentions.
"""

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="azure_dev_backup",
    title="ec2instances.info, Azure N-series VM prices (development backup 2022-12-15)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url="https://raw.githubusercontent.com/vantage-sh/ec2instances.info/90a0e56e19fc41023b527be09d3a88aaa7cfe558/www/azure/instances.json.bak",
    filename="azure_nseries_vms.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/azure/instances.json.bak at commit 90a0e56e19fc41023b527be09d3a88aaa7cfe558."
    ),
    cadence="frozen (one development file)",
)
