"""`warehouse.Warehouse` is the type the building blocks of pipelines/ name instead of the
Dagster resource: the resource must keep offering every method of it, with the same
parameters, or a block would fail only when its step runs. `in_session`: an asset step opens
the warehouse once, the file stays held between the step's calls and is let go when the step
ends, failed or not. Whether it is open is asked of another process, which DuckDB's lock lets
in only while this process holds no connection."""

import inspect
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.resources import WarehouseResource
from tests.warehouse._warehouse_testkit import SYNTHETIC, synthetic
from warehouse.handle import Warehouse, in_session

OPEN_ELSEWHERE = "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True).close()"

METHODS = sorted(
    name for name, value in vars(Warehouse).items() if callable(value) and not name.startswith("_")
)


def test_the_protocol_names_what_the_blocks_use():
    assert METHODS == ["named", "publish", "query", "read", "replace_view", "session"]


@pytest.mark.parametrize("name", METHODS)
def test_the_resource_has_each_method_with_the_same_parameters(name):
    declared = inspect.signature(getattr(Warehouse, name)).parameters
    offered = inspect.signature(getattr(WarehouseResource, name)).parameters
    assert list(offered) == list(declared)
    for parameter, spec in declared.items():
        assert (offered[parameter].default is inspect.Parameter.empty) == (
            spec.default is inspect.Parameter.empty
        ), f"{name}({parameter}) is optional in one and required in the other"


def opens_elsewhere(path: Path) -> bool:
    return subprocess.run([sys.executable, "-c", OPEN_ELSEWHERE, str(path)]).returncode == 0


def test_an_asset_step_opens_the_warehouse_once(tmp_path: Path) -> None:
    """`in_session` under Dagster: a plain and a generator body each hold the file through
    their step (checked between two calls) and let it go when the step ends, failed or not."""
    db_path = tmp_path / "warehouse.duckdb"
    seen: list[bool] = []

    @dg.asset
    @in_session
    def plain(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        warehouse.publish(SYNTHETIC, synthetic(4, 1), run_id=context.run.run_id)
        seen.append(opens_elsewhere(db_path))
        return dg.MaterializeResult(metadata={"rows": warehouse.read(SYNTHETIC).height})

    @dg.multi_asset(specs=[dg.AssetSpec("a", deps=[plain]), dg.AssetSpec("b")])
    @in_session
    def generator(warehouse: WarehouseResource):
        yield dg.MaterializeResult(
            asset_key="a", metadata={"rows": warehouse.read(SYNTHETIC).height}
        )
        seen.append(opens_elsewhere(db_path))
        yield dg.MaterializeResult(asset_key="b")

    @dg.asset
    @in_session
    def failing(warehouse: WarehouseResource):
        warehouse.read(SYNTHETIC)
        raise RuntimeError("step failed")

    resources = {"warehouse": WarehouseResource(path=str(db_path))}
    result = dg.materialize([plain, generator], resources=resources)
    assert result.success
    assert seen == [False, False]
    assert opens_elsewhere(db_path)
    failed = dg.materialize([failing], resources=resources, raise_on_error=False)
    assert not failed.success
    assert opens_elsewhere(db_path)
