"""A version's date is the upstream's, not the copy's: every bundled manifest that records its
upstream commit date agrees with `retrieved_at` (what meta.snapshot and the as-of macros use),
(the as-of fold and analyses.models share schemas.models.TOGETHER)."""

import json
from datetime import datetime

from tests.conftest import REPO


def test_retrieved_at_is_the_upstream_commit_date():
    checked = 0
    for manifest in sorted((REPO / "data" / "snapshots").glob("*/*/snapshot.json")):
        data = json.loads(manifest.read_text())
        stated = data.get("committer_date") or data.get("upstream_commit_date")
        if stated is None:
            continue
        retrieved = datetime.fromisoformat(data["retrieved_at"])
        if len(stated) > 10 and stated[10] == "T":  # a timestamp: the same instant
            assert datetime.fromisoformat(stated) == retrieved, manifest
        else:  # "YYYY-MM-DD (day only; ...)": that day
            assert stated[:10] == retrieved.date().isoformat(), manifest
        checked += 1
    assert checked >= 60
