"""schemas/meta.py: the bookkeeping tables keep the columns the warehouse contract names,
meta.snapshot accepts a row for every bundled snapshot version and rejects negative counts
and a repeated version, and the quarantine and dictionary keys say what a row is."""

import polars as pl

from schemas.meta import DATA_DICTIONARY, QUARANTINE, SNAPSHOT, UNRESOLVED_HARDWARE
from schemas.validation import split_valid


def snapshot_rows(store) -> pl.DataFrame:
    """meta.snapshot as a build starts it: every bundled version, not loaded yet."""
    versions = [v for source in store.sources() for v in store.versions(source)]
    rows = [
        {
            "source": v.source,
            "version": v.version,
            "url": v.url,
            "sha256": v.sha256,
            "retrieved_at": v.retrieved_at,
            "licence": v.licence,
        }
        for v in versions
    ]
    frame = pl.DataFrame(rows).with_columns(
        row_number=pl.int_range(1, len(rows) + 1, dtype=pl.Int64)
    )
    missing = [pl.lit(None, SNAPSHOT.polars_schema[c]).alias(c) for c in SNAPSHOT.column_names]
    return frame.with_columns([m for m in missing if m.meta.output_name() not in frame.columns])


def test_contract_columns_are_present():
    contract = {
        SNAPSHOT: ["source", "version", "url", "sha256", "retrieved_at", "licence"]
        + ["rows_read", "rows_loaded", "rows_quarantined"],
        QUARANTINE: ["source", "sha256", "row_number", "record", "reason", "run_id"],
        DATA_DICTIONARY: ["table_name", "column_name", "data_type", "unit", "description"],
    }
    for table, names in contract.items():
        assert [n for n in names if n not in table.columns] == [], table
    assert SNAPSHOT.key == ("source", "version")
    assert QUARANTINE.key == ("source", "sha256", "row_number", "target_table")
    assert DATA_DICTIONARY.key == ("table_name", "column_name")
    assert UNRESOLVED_HARDWARE.key == ("alias", "source", "context")


def test_every_bundled_version_is_a_valid_snapshot_row(bundled_store):
    rows = snapshot_rows(bundled_store)
    valid, rejects = split_valid(rows, SNAPSHOT)
    assert rejects.height == 0 and valid.height == rows.height > 20
    assert valid["retrieved_at"].dtype == pl.Datetime("us", "UTC")


def test_negative_counts_and_repeated_versions_are_rejected(bundled_store):
    rows = snapshot_rows(bundled_store).head(2)
    # Fault injection: a negative count, then the first version listed again.
    broken = pl.concat(
        [
            rows.with_columns(rows_read=pl.Series([-1, 5])),
            rows.head(1).with_columns(row_number=pl.lit(3, pl.Int64)),
        ]
    )
    _, rejects = split_valid(broken, SNAPSHOT)
    first = rows.row(0, named=True)
    assert rejects.rows() == [
        (1, "rows_read failed greater_than_or_equal_to(0) (value -1)"),
        (
            3,
            f"duplicate key (source={first['source']}, version={first['version']}) of row 1",
        ),
    ]
