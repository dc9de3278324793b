"""schemas/columns/shared.py: the identifier and provenance columns every domain uses accept
the real bundled snapshots' hashes and hardware ids and reject malformed ones with the check
that caught them; the trace columns that key tables are non-null."""

import polars as pl

from analyses.hardware_ids import hardware_id_expr
from schemas.columns.shared import SHARED_COLUMNS
from sources import registry
from tests.schemas._schemas_testkit import failures


def test_every_bundled_snapshot_hash_passes(bundled_store):
    hashes = [v.sha256 for s in bundled_store.sources() for v in bundled_store.versions(s)]
    assert len(hashes) > 20
    assert failures(SHARED_COLUMNS, pl.DataFrame({"sha256": hashes})) == []


def test_hardware_ids_of_real_chip_names_pass(bundled_store):
    records = registry.parsed(bundled_store.latest("epoch_hardware")).spec_records
    ids = records.select(hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor")))
    assert "nvidia-h100-sxm5-80gb" in ids["hardware_id"].to_list()
    assert failures(SHARED_COLUMNS, ids) == []


def test_malformed_identifiers_are_rejected():
    # Fault injection: a name where an id belongs, a short hash, a 0-based row number.
    frame = pl.DataFrame(
        {
            "hardware_id": ["NVIDIA H100 SXM5 80GB"],
            "sha256": ["a1b2c3"],
            "row_number": [0],
            "occurrences": [0],
        }
    )
    assert failures(SHARED_COLUMNS, frame) == [
        ("hardware_id", "str_matches('^[a-z0-9]+(-[a-z0-9.]+)*$')", "NVIDIA H100 SXM5 80GB"),
        ("occurrences", "greater_than_or_equal_to(1)", "0"),
        ("row_number", "greater_than_or_equal_to(1)", "0"),
        ("sha256", "str_matches('^[0-9a-f]{64}$')", "a1b2c3"),
    ]


def test_trace_columns_are_non_null_and_run_id_may_be_null():
    trace = ("hardware_id", "source", "sha256", "row_number")
    assert [n for n in trace if SHARED_COLUMNS[n].nullable] == []
    assert SHARED_COLUMNS["run_id"].nullable  # null outside Dagster
