"""Every asset step opens the warehouse once (`in_session`): the file stays held between the
step's calls and is let go when the step ends, failed or not. Whether it is open is asked of
another process, which DuckDB's lock lets in only while this process holds no connection."""

import subprocess
import sys
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from pipelines.resources import WarehouseResource
from pipelines.tables import in_session
from tests.warehouse._warehouse_testkit import SYNTHETIC, synthetic

OPEN_ELSEWHERE = "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True).close()"


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


def test_every_table_and_view_step_of_the_project_runs_in_one_session() -> None:
    """Not the raw steps: they open the file once anyway, and a live fetch should not hold it."""
    steps = {
        a.op.name: a.op.compute_fn.decorated_fn.__code__.co_qualname
        for a in defs.resolve_asset_graph().assets_defs
        if a.is_executable and not a.op.name.startswith("raw__")
    }
    assert len(steps) > 25
    assert {name: q.split(".")[0] for name, q in steps.items()} == dict.fromkeys(
        steps, "in_session"
    )
