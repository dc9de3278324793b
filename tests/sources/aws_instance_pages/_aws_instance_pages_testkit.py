"""Helpers of the ec2instances.info detail-page tests: the bundled pages' bytes, a version of them
with some pages changed, and one us-east-1 quote."""

from pathlib import Path

import polars as pl

from sources import aws_instance_pages as pages
from sources.snapshots import SnapshotStore

FIXTURES = Path(__file__).parent.parent / "fixtures" / "aws_instance_pages"
SOURCE = pages.SOURCE.name


def page_bytes(version, instance: str) -> bytes:
    return version.path(f"{instance}.html").read_bytes()


def store_pages(root: Path, version, changed: dict[str, bytes], names=None):
    """A version of the bundled pages (all, or `names`) with some pages replaced."""
    names = names or [n.removesuffix(".html") for n in sorted(version.files)]
    files = {f"{n}.html": changed.get(n, page_bytes(version, n)) for n in names}
    snapshot, _ = SnapshotStore(root).add(
        SOURCE, files, url=version.url, licence=version.licence, retrieved_at=version.retrieved_at
    )
    return snapshot


def us_east_1(quotes: pl.DataFrame, instance: str, pricing: str) -> dict:
    (hit,) = quotes.filter(
        (pl.col("instance_type") == instance)
        & (pl.col("region") == "us-east-1")
        & (pl.col("pricing") == pricing)
    ).to_dicts()
    return hit
