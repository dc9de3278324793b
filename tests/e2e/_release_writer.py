"""A build in another process, for the reader test (tests/e2e/test_release.py): take the
warehouse's write lock and say so ("locked"), hold it until told "go" on stdin, then rebuild
the DAWNBench group (raw snapshot, entries and curves, progress, frontier) as `flopbase
build` runs steps, and publish a release as `flopbase build` does after success."""

import sys

import dagster as dg

import warehouse
from pipelines.cli import _execute, release
from pipelines.definitions import defs

GROUP = "dawnbench"


def main() -> int:
    with warehouse.connect():
        print("locked", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 2
    keys = dg.AssetSelection.groups(GROUP).resolve(defs.resolve_asset_graph())
    result = _execute(False, keys)
    if not result.success:
        return 1
    return 0 if release() else 1


if __name__ == "__main__":
    sys.exit(main())
