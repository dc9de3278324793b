"""A check declared beside its asset runs in the asset's step: a blocking rule that fails
fails the step (nothing downstream runs), a warning reports and lets the run go on."""

import dagster as dg

from pipelines.checks import rule
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, table_asset
from schemas import DATA_DICTIONARY
from warehouse import data_dictionary


def dictionary_with(*rules) -> list:
    """meta/data_dictionary written as the project writes it, with `rules`, and an asset
    downstream of it."""

    @table_asset(DATA_DICTIONARY, deps=[], group="test", rules=rules)
    def dictionary(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        return publish_table(
            context, warehouse, DATA_DICTIONARY, data_dictionary([DATA_DICTIONARY])
        )

    @dg.asset(deps=[dictionary])
    def downstream() -> None:
        return None

    return [dictionary, downstream]


def materialise(assets, tmp_path):
    warehouse = WarehouseResource(path=str(tmp_path / "flopbase.duckdb"))
    return dg.materialize(
        assets,
        resources={"warehouse": warehouse, "snapshots": SnapshotStoreResource()},
        raise_on_error=False,
    )


@rule(DATA_DICTIONARY, "Never passes: a blocking rule that breaks.")
def always_broken(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    rows = warehouse.query("SELECT count(*) AS n FROM meta.data_dictionary")["n"][0]
    return dg.AssetCheckResult(passed=False, metadata={"rows": int(rows)})


@rule(DATA_DICTIONARY, "Never passes, but only warns.", blocking=False)
def only_warns(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.WARN)


def test_a_failing_blocking_rule_fails_its_step_and_stops_what_is_downstream(tmp_path):
    result = materialise(dictionary_with(always_broken), tmp_path)
    assert not result.success
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert checks["matches_schema"].passed  # evaluated in the same step, after the write
    assert not checks["always_broken"].passed
    assert checks["always_broken"].metadata["rows"].value > 0  # it saw the table written
    steps = {e.step_key: e.event_type_value for e in result.all_events if e.step_key}
    assert steps["meta__data_dictionary"] == "STEP_FAILURE"
    assert "downstream" not in {
        e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"
    }


def test_a_warning_rule_reports_and_the_run_goes_on(tmp_path):
    result = materialise(dictionary_with(only_warns), tmp_path)
    assert result.success
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert not checks["only_warns"].passed
    assert checks["only_warns"].severity == dg.AssetCheckSeverity.WARN
    assert {"meta__data_dictionary", "downstream"} <= {
        e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"
    }
