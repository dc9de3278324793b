"""The Wikipedia GPU package (sources/wikipedia_gpus) end to end on the real bundled file: parsed,
conformed and validated, the rows fare as the version's PROVENANCE.md says."""

import polars as pl

import schemas
from analyses.hardware_ids import hardware_id_expr
from schemas.validation import split_valid


def test_real_rows_fare_as_documented(wikipedia_gpus_records, wikipedia_gpus_snapshot):
    # PROVENANCE.md of the version: 206 valid, 10 duplicate names, 10 unreadable cells.
    frame = wikipedia_gpus_records.with_columns(
        hardware_id=hardware_id_expr(pl.col("vendor") + " " + pl.col("name")),
        source=pl.lit("wikipedia_gpus"),
        sha256=pl.lit(wikipedia_gpus_snapshot.sha256),
    )
    valid, rejects = split_valid(frame, schemas.SPEC_RECORD)
    assert valid.height == 206
    duplicates = rejects.filter(pl.col("reason").str.starts_with("duplicate key"))
    assert duplicates["row_number"].to_list() == [2, 3, 5, 6, 7, 9, 13, 19, 30, 53]
    unreadable = dict(rejects.filter(pl.col("reason").str.starts_with("unreadable")).rows())
    assert unreadable == {
        114: "unreadable TDP (Watts) Max '18 27'",
        **{n: "unreadable Memory Size '2 GB 4 GB'" for n in (162, 163, 164, 165, 166)},
        **{n: "unreadable Memory Size '4 GB 8 GB'" for n in (167, 168, 180)},
        200: "unreadable Memory Size '8 GB 16 GB'",
    }
    assert rejects.height == 20
