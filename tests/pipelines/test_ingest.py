"""Loading a source's records (pipelines/ingest.py): every record of a real snapshot is read
and loaded, stamped with its source and sha256; a record the source could not read (a fault
set on one real row) is quarantined with its raw record; a load's rejects are one warning
naming the first reasons."""

import logging

import dagster as dg
import polars as pl
import pytest

from analyses.algorithmic_efficiency import frontier
from pipelines.ingest import MAX_LOGGED_REJECTS, log_rejects, raw_records, validate_records
from schemas.efficiency import ALGORITHMIC_EFFICIENCY
from sources import registry

SOURCE = "algorithmic_efficiency"  # the efficiency frontier: 12 records in the bundled version


@pytest.fixture(scope="module")
def snapshot(bundled_store):
    return bundled_store.latest(SOURCE)


@pytest.fixture(scope="module")
def parsed(snapshot):
    return registry.parsed(snapshot)


def test_a_load_accounts_for_every_record_of_the_snapshot(snapshot, parsed):
    valid, load = validate_records(
        dg.build_asset_context(),
        ALGORITHMIC_EFFICIENCY,
        snapshot,
        parsed.raw,
        frontier(parsed.entries),
    )
    assert parsed.raw.height == load.rows_read == load.rows_loaded == valid.height == 12
    assert load.rejects.height == 0
    assert load.snapshot.sha256 == snapshot.sha256
    assert valid.select("source", "sha256").unique().rows() == [(SOURCE, snapshot.sha256)]
    assert valid.columns == ALGORITHMIC_EFFICIENCY.column_names


def test_an_unreadable_record_is_quarantined_with_its_raw_record(snapshot, parsed):
    conformed = frontier(parsed.entries).with_columns(
        # the fault: the source could not read record 2 (GoogLeNet, 2014)
        parse_error=pl.when(pl.col("row_number") == 2).then(pl.lit("compute: not a number"))
    )
    valid, load = validate_records(
        dg.build_asset_context(), ALGORITHMIC_EFFICIENCY, snapshot, parsed.raw, conformed
    )
    assert (load.rows_read, load.rows_loaded, valid.height) == (12, 11, 11)
    (reject,) = load.rejects.to_dicts()
    assert reject["row_number"] == 2 and reject["reason"] == "compute: not a number"
    assert '"Publication":"GoogLeNet"' in reject["record"]


def test_raw_records_are_each_upstream_record_as_json_by_row_number(parsed):
    records = raw_records(parsed.raw)
    assert records.columns == ["row_number", "record"]
    assert records["row_number"].to_list() == parsed.raw["row_number"].to_list()
    first = records.row(0, named=True)
    assert first["record"].startswith('{"Metric":"AlexNet","Publication Date":"6/1/2012"')
    assert "row_number" not in first["record"]


@dg.asset
def rejecting(context: dg.AssetExecutionContext) -> None:
    reasons = [f"row {i}: price_usd_per_hour must be > 0" for i in range(MAX_LOGGED_REJECTS + 5)]
    log_rejects(context, "price quotes", pl.DataFrame({"reason": reasons}))
    log_rejects(context, "price quotes", pl.DataFrame({"reason": []}, schema={"reason": str}))


def test_the_rejects_of_a_load_are_one_warning_with_the_first_reasons():
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize([rejecting], instance=instance)
        logs = instance.all_logs(result.run_id)
    (warning,) = [e for e in logs if e.level == logging.WARNING]
    lines = warning.user_message.splitlines()
    assert lines[0] == "quarantined 25 price quotes (each in meta.quarantine):"
    assert lines[1:3] == [
        "- row 0: price_usd_per_hour must be > 0",
        "- row 1: price_usd_per_hour must be > 0",
    ]
    assert len(lines) == 1 + MAX_LOGGED_REJECTS + 1
    assert lines[-1] == "- and 5 more"
