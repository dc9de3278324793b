"""ec2instances.info `www/instances.json` history: AWS GPU/accelerator instance prices 2013-2017.

Bundled only (no parser yet). 71 versions, one per upstream version of the file present in the
copy it was read from (2013-09-26 .. 2017-11-12; the 38 later commits up to 2022-01-18 had no
blob there), retrieved_at = the commit's date. Each is an *extract*: the instances of families
cg1, g2, g3, g3s, p2, p3, p3dn, g4dn, g4ad, p4d, f1, inf1 only, values unchanged, in a JSON
object with a header (`source_repo`, `source_path`, `source_commit`, `commit_date`,
`selection`) and `instances`. Pricing is `{region: {os: price}}` in early versions and
`{region: {os: {ondemand, reserved: {...}}}}` from 2016; no spot prices. Instance attributes
name instance types, not GPU models, so this source has no hardware mentions.
"""

from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="ec2instances_history",
    title="ec2instances.info, AWS instances.json history (GPU/accelerator extract)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url="https://raw.githubusercontent.com/vantage-sh/ec2instances.info/94e1f006efae8f18a8194d9122ae7daee179fb5e/www/instances.json",
    filename="gpu_instances.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/instances.json, git history 2013-2017."
    ),
    cadence="frozen (later versions not available)",
)
