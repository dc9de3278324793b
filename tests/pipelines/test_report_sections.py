"""The figures of `flopbase report` section by section (pipelines/report_sections.py), drawn
from a warehouse of every declared table, empty: the five sections in order, the trend charts
handed in placed after the headline table, every figure a chart or a table with a unique key
and a named read, and every declared relation those reads name is one the report checks for
(READS) before drawing anything; source names split from comma lists. (The figures of real
data: tests/e2e/test_report.py.)"""

import re

import polars as pl
import pytest

from pipelines.report_html import Figure
from pipelines.report_sections import READS, _sources_of, sections
from schemas import TABLES
from warehouse.reads import read_sql

# the charts of no rows have no legend entries
pytestmark = pytest.mark.filterwarnings("ignore:No artists with labels:UserWarning")
NO_HEADLINE = pl.DataFrame(schema={"metric": pl.String, "subset": pl.String})


@pytest.fixture(scope="module")
def drawn(empty_warehouse):
    chart = Figure("trend_training_compute", "Trend of training compute", "report_trends")
    return sections(empty_warehouse, ([chart], NO_HEADLINE))


def test_five_sections_in_order_the_trend_charts_after_the_headline_table(drawn):
    assert [s.key for s in drawn] == ["trends", "prices", "overhang", "dawnbench", "history"]
    assert [f.key for f in drawn[0].figures] == ["headline_trends", "trend_training_compute"]


def test_every_figure_is_a_chart_or_a_table_with_its_own_key(drawn):
    figures = [f for s in drawn[1:] for f in s.figures]
    assert all(f.png is not None or f.table is not None for f in figures)
    keys = [f.key for s in drawn for f in s.figures]
    assert len(keys) == len(set(keys))
    assert all(f.png.startswith(b"\x89PNG") for f in figures if f.png is not None)


def test_every_relation_a_figures_read_names_is_checked_for_first(drawn):
    declared = {t.qualified_name for t in TABLES}
    assert set(READS) <= declared and len(READS) == len(set(READS))
    for figure in (f for s in drawn for f in s.figures):
        sql = "\n".join(line for line in read_sql(figure.read).splitlines() if "--" not in line)
        named = {r for r in declared if re.search(rf"\b{re.escape(r)}\b", sql)}
        assert named <= set(READS), (figure.key, named - set(READS))


def test_source_names_are_split_from_comma_lists():
    frame = pl.DataFrame(
        {"sources": ["epoch_notable_models", "fsdl_cloud_gpus, gcp_pricing", None]}
    )
    assert _sources_of(frame, "sources") == [
        "epoch_notable_models",
        "fsdl_cloud_gpus",
        "gcp_pricing",
    ]
