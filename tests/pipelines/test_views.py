"""The views people query first (pipelines/views.py): each the asset `[schema, name]` of its
declaration in schemas/views.py, recreated after the tables it reads (every upstream key is a
relation its SQL in warehouse/views.sql reads), in the `views` group and the warehouse pool,
with its blocking schema check."""

import re

from pipelines import views
from schemas.views import (
    ACCELERATOR_SPEC_SHEET,
    CHEAPEST_PFLOP_DAY_BY_MONTH,
    FRONTIER_MODEL,
    LATEST_CLOUD_PRICE,
    MLPERF_BENCHMARK_PROGRESS,
    TREND_SUMMARY,
)
from tests.pipelines._assets_testkit import checks, deps, groups, key_of, pools, schema_checks
from warehouse.views import view_sql

UPSTREAM = {
    LATEST_CLOUD_PRICE: {"core/cloud_price"},
    CHEAPEST_PFLOP_DAY_BY_MONTH: {"analysis/price_performance"},
    FRONTIER_MODEL: {"core/model", "core/hardware"},
    TREND_SUMMARY: {"analysis/trend_latest"},
    ACCELERATOR_SPEC_SHEET: {"core/hardware", "core/cloud_price"},
    MLPERF_BENCHMARK_PROGRESS: {"analysis/mlperf_frontier", "analysis/trend_summary"},
}


def test_each_view_is_the_asset_of_its_declaration_after_what_it_reads():
    assert deps(views.assets) == {key_of(v): upstream for v, upstream in UPSTREAM.items()}


def test_each_upstream_key_is_a_relation_the_views_sql_reads():
    for view, upstream in UPSTREAM.items():
        sql = "\n".join(
            line for line in view_sql(view.qualified_name).splitlines() if "--" not in line
        )
        read = {f"{s}/{n}" for s, n in re.findall(r"\b(core|analysis|meta)\.(\w+)", sql)}
        assert upstream <= read, view.qualified_name


def test_views_are_one_group_in_the_warehouse_pool_with_a_blocking_schema_check():
    assert groups(views.assets) == {views.GROUP} == {"views"}
    assert pools(views.assets) == {"warehouse"}
    assert checks(views.assets) == schema_checks(*UPSTREAM)
