"""Stanford DAWN, DAWNBench submissions: one JSON per entry (+ a TSV curve per training run).

The source's face (what the registry and the pipelines use); the work is in `layout`,
`parse`, `hardware`, `conform` and `fetch`.

One version holds the upstream repository's `<task>/<train|inference>/*.json|tsv` files under
their relative paths, plus its `README.md`. `parse_entries` reads the JSON entries and
`parse_curves` the training TSVs; `hardware_mentions` lists the free-text `hardware` field.
`to_entries` and `to_curves` put them in core.dawnbench_entry's and core.dawnbench_curve's
terms (SI units, accuracies as fractions, an F1 written on a 0-100 scale read as a
percentage, the task's quality target beside each value), and
`accelerator_count` / `instance_count` read the counts the `hardware` text states.

Quality targets are the leaderboard's (`TARGETS`, from the README's task descriptions): test
top-1 accuracy 94% for CIFAR10, validation top-5 93% for ImageNet, dev F1 0.75 for SQuAD. The
README text says 0.73 for SQuAD, but the upstream tests (`tests/test_submissions.py`) reject
any entry below 0.75, so 0.75 is the rule every listed entry was held to.

The entries hold submitters' e-mail addresses (`authorEmail`). They stay in the raw snapshot as
upstream published them, but no function here returns them: `parse_entries` reads an allow-list
of fields and blanks anything shaped like an e-mail address in the text it keeps.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from sources import mentions
from sources.dawnbench.conform import to_curves, to_entries
from sources.dawnbench.fetch import fetch
from sources.dawnbench.hardware import accelerator_count, instance_count, instance_types
from sources.dawnbench.layout import (
    HARDWARE,
    INSTANCE_CONTEXT,
    KINDS,
    SOURCE,
    TARGETS,
    TASKS,
)
from sources.dawnbench.parse import parse_curves, parse_entries
from sources.snapshots import Snapshot

__all__ = [
    "HARDWARE",
    "KINDS",
    "SOURCE",
    "TARGETS",
    "TASKS",
    "accelerator_count",
    "entry_mention_records",
    "fetch",
    "hardware_mentions",
    "instance_count",
    "instance_types",
    "parse_curves",
    "parse_entries",
    "to_curves",
    "to_entries",
]


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct `hardware` text (context "hardware", whole text stripped; the normaliser
    splits counts and instances later), and every cloud instance type named in it (context
    "hardware:instance_type", `vendor_hint` = the cloud whose naming scheme it follows).
    `occurrences` counts entries (JSON files), once each over all versions."""
    frames = [entry_mention_records(parse_entries(s), s.retrieved_at.date()) for s in snapshots]
    return mentions.mentions(pl.concat(frames) if frames else _MENTION_RECORDS.to_frame())


def entry_mention_records(entries: pl.DataFrame, seen_on: date) -> pl.DataFrame:
    """The mention records of one version's `parse_entries` rows (see `hardware_mentions`),
    with `record` = the entry's file."""
    rows = []
    for entry, text in entries.select("entry", "hardware").drop_nulls().iter_rows():
        spelling = text.strip()
        if spelling:
            rows.append((entry, spelling, None, HARDWARE, seen_on))
        for instance, cloud in instance_types(spelling):
            rows.append((entry, instance, cloud, INSTANCE_CONTEXT, seen_on))
    return pl.DataFrame(rows, schema=_MENTION_RECORDS, orient="row")


_MENTION_RECORDS = pl.Schema({"record": pl.String, **mentions.RECORD_SCHEMA})
