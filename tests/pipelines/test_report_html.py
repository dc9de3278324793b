"""The HTML of `flopbase report` (pipelines/report_html.py) from real values: table cells (4
significant digits, ISO dates, yes/no), escaped tables with numbers right-aligned, each named
read's command that a POSIX shell splits back into its SQL, the source stamp of the bundled
snapshot versions, and a page with its sections, contents and images. (The page of a full build
in a browser: tests/e2e/test_report.py.)"""

import shlex
from datetime import UTC, date, datetime

import polars as pl
import pytest

from pipelines.report_html import (
    Figure,
    Section,
    cell,
    command,
    html_table,
    images,
    query_sql,
    render_page,
    stamp,
)
from warehouse.reads import read_sql


@pytest.mark.parametrize(
    "value, text",
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (0.4714285, "0.4714"),  # a doubling time in years
        (2.1e25, "2.1e+25"),  # GPT-4's training compute (FLOP)
        (127417, "127,417"),  # gcp_pricing's quotes
        (date(2020, 3, 26), "2020-03-26"),
        (datetime(2025, 4, 22, 0, 14, 20, tzinfo=UTC), "2025-04-22 00:14:20 UTC"),
        ("nvidia-h100", "nvidia-h100"),
    ],
)
def test_a_cell_is_short_text(value, text):
    assert cell(value) == text


def test_a_table_is_escaped_with_numbers_right_aligned():
    frame = pl.DataFrame(
        {
            "model": ["GPT-4 <Mar 2023>"],
            "training_compute_flop": [2.1e25],
            "notes": ["A long sentence, longer than forty characters, gets a wide column."],
        }
    )
    html = html_table(frame)
    assert "<th>model</th><th>training_compute_flop</th><th>notes</th>" in html
    assert "<td>GPT-4 &lt;Mar 2023&gt;</td>" in html
    assert '<td class="num">2.1e+25</td>' in html
    assert '<td class="wide">A long sentence' in html


@pytest.mark.parametrize(
    "read, params",
    [
        ("report_cheapest_pflop_day_by_month", ["bf16", "on_demand"]),
        ("summary_budget_multiples", []),  # its SQL holds a `$`: single-quoted
        ("report_trends_of_metric", ["training_compute_flop"]),
    ],
)
def test_the_command_splits_back_into_the_reads_sql_and_parameters(read, params):
    sql = query_sql(read)
    assert sql and not any(line.lstrip().startswith("--") for line in sql.splitlines())
    assert sql in read_sql(read)
    argv = shlex.split(command(read, params))
    assert argv[:3] == ["flopbase", "query", sql]
    assert argv[3:] == [item for p in params for item in ("-p", p)]


def test_the_stamp_names_each_sources_versions(report_versions):
    assert stamp(["dawnbench"], report_versions) == "dawnbench 2020-03-26-ab81ad3c09dc (2020-03-26)"
    n = report_versions.filter(pl.col("source") == "fsdl_cloud_gpus").height
    assert stamp(["fsdl_cloud_gpus"], report_versions) == (
        f"fsdl_cloud_gpus {n} versions, newest 2025-04-22-cd69e286d6dc (2025-04-22)"
    )
    assert stamp(["cloud_instances"], report_versions) == (
        "cloud_instances (curated in data/curated/, no upstream snapshot)"
    )
    assert stamp([], report_versions) == "none"


def test_a_page_has_its_sections_contents_figures_and_versions(report_versions):
    chart = b"stand-in bytes for a PNG: the page links the file, never reads it"
    table = report_versions.filter(pl.col("source") == "dawnbench").select("source", "version")
    sections = [
        Section(
            "dawnbench",
            "DAWNBench & MLPerf",
            "Time and cost to train.",
            [
                Figure("dawnbench_versions", "Versions", "report_loaded_versions", table=table),
                Figure(
                    "cheapest_by_month",
                    "Cheapest BF16",
                    "report_cheapest_pflop_day_by_month",
                    ["bf16", "on_demand"],
                    sources=["fsdl_cloud_gpus"],
                    png=chart,
                ),
            ],
        )
    ]
    page = render_page(sections, report_versions, "Drawn from the warehouse flopbase.duckdb")
    assert '<a href="#dawnbench">DAWNBench &amp; MLPerf</a>' in page
    assert '<a href="#versions">Snapshot versions</a>' in page
    assert '<section id="dawnbench">' in page and "<h2>DAWNBench &amp; MLPerf</h2>" in page
    assert page.count("<figure id=") == 2
    assert page.count("<img ") == 1 and 'src="img/cheapest_by_month.png"' in page
    assert "<td>2020-03-26-ab81ad3c09dc</td>" in page
    assert "Sources: none" in page  # the figure that names no source
    assert report_versions["sha256"][0][:12] in page and report_versions["sha256"][0] not in page
    assert images(sections) == {"cheapest_by_month.png": chart}
