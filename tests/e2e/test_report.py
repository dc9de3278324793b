"""`flopbase report` on the session build (tests/e2e/conftest.py `built`): the page opened in
Debian's Chromium (the browser of tests/e2e/test_browser.py) from file://, every chart decoded,
every table with rows, no console error and nothing fetched; the headline figures beside their
published counterparts; each figure's query run through `flopbase query`; a failed report
leaves the previous one."""

import json
import shlex
import time

import polars as pl
import pytest
from playwright.sync_api import sync_playwright

import warehouse
from pipelines import cli, report
from tests.e2e.test_browser import launch


@pytest.fixture(scope="module")
def written(built, tmp_path_factory):
    """(Written, seconds) of one report of the session warehouse."""
    started = time.monotonic()
    result = report.write_report(tmp_path_factory.mktemp("report") / "report", built[0])
    return result, time.monotonic() - started


@pytest.fixture(scope="module")
def page_state(written, tmp_path_factory):
    """What the browser saw: images, tables, queries, console errors and requests."""
    result, _ = written
    errors, requests = [], []
    with sync_playwright() as p:
        context = launch(p, tmp_path_factory.mktemp("report_profile"))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(result.index.as_uri(), wait_until="load")
        page.wait_for_function("[...document.images].every(i => i.complete)")
        state = page.evaluate(
            """() => ({
            images: [...document.images].map(i => ({alt: i.alt, width: i.naturalWidth})),
            tables: [...document.querySelectorAll('table')].map(t => ({
                figure: t.closest('figure') ? t.closest('figure').id : 'versions',
                header: [...t.querySelectorAll('thead th')].map(th => th.textContent),
                rows: [...t.querySelectorAll('tbody tr')].map(
                    tr => [...tr.querySelectorAll('td')].map(td => td.textContent)),
            })),
            commands: [...document.querySelectorAll('figure')].map(f => ({
                figure: f.id,
                command: f.querySelectorAll('details pre')[1].textContent,
                stamp: f.querySelector('.stamp').textContent,
            })),
            text: document.body.innerText,
        })"""
        )
        context.close()
    return {**state, "errors": errors, "requests": requests}


def table(state, figure: str) -> pl.DataFrame:
    (found,) = [t for t in state["tables"] if t["figure"] == figure]
    return pl.DataFrame(found["rows"], schema=found["header"], orient="row")


def test_every_chart_and_table_renders_without_a_console_error(written, page_state):
    result, seconds = written
    assert seconds < 60  # measured ~8-10 s on 2 shared cores
    assert page_state["errors"] == []
    # offline: the page and its own PNG files, nothing else
    assert {u.split(":", 1)[0] for u in page_state["requests"]} == {"file"}
    # one chart per headline metric (11 on the bundled data, more as trends are added) and the
    # six of prices, overhang, DAWNBench and history; every PNG written is shown and decoded
    pngs = sorted(p.stem for p in (result.index.parent / "img").iterdir())
    assert len(page_state["images"]) == result.charts == len(pngs) >= 17
    assert all(i["width"] == 800 for i in page_state["images"]), page_state["images"]
    assert {"cloud_pflop_day", "tokens_per_s", "dawnbench_time", "doubling_history"} < set(pngs)
    assert len(page_state["tables"]) == result.tables >= 19
    assert all(len(t["rows"]) > 0 for t in page_state["tables"]), [
        t["figure"] for t in page_state["tables"] if not t["rows"]
    ]
    assert "The refit differs" not in page_state["text"]  # the charts are the stored fits


def test_headline_figures_beside_their_published_counterparts(page_state):
    rows = {(r["metric"], r["subset"]): r for r in table(page_state, "headline_trends").to_dicts()}
    # Hobbhahn and Besiroglu, 'Trends in GPU price-performance', Epoch AI 2022, Table 1
    epoch = rows[("fp32_flop_per_s_per_usd", "gpu 2006-2021 (Epoch 2022 rule)")]
    assert epoch["published_as_stated"] == "2.46 years [2.24, 2.72] (95% CI)"
    assert epoch["summary"].startswith("doubles every 4.02 years (90% interval 3.55 to 4.68")
    assert epoch["is_published_within_ci"] == "no"
    # Sevilla et al., 'Compute Trends Across Three Eras of Machine Learning', 2022: 9.9 months
    large = rows[("training_compute_flop", "large-scale notable")]
    assert large["published_as_stated"] == "9.9 months"
    assert large["summary"].startswith("doubles every 0.92 years")
    assert large["is_published_within_ci"] == "yes"


def test_dawnbench_records_and_the_cheapest_month(built, page_state):
    records = table(page_state, "dawnbench_records")
    imagenet = records.filter((pl.col("task") == "ImageNet") & (pl.col("frontier") == "time"))
    # DAWNBench leaderboard (dawn.cs.stanford.edu/benchmark): ImageNet training to 93% top-5
    # in 0:02:38 by Alibaba Cloud on 128 V100 (2020-03-17): 157.55 s in the upstream TSV
    assert imagenet.select("submitted_on", "time_to_target_s").rows() == [("2020-03-17", "157.6")]
    monthly = table(page_state, "cheapest_by_month")
    expected = warehouse.query(
        "SELECT count(*) AS n FROM analysis.cheapest_pflop_day_by_month "
        "WHERE precision = 'bf16' AND pricing = 'on_demand'",
        path=built[0],
    )["n"][0]
    assert monthly.height == expected > 12
    assert set(monthly["n_providers"].cast(pl.Int64).to_list()) >= {1, 2}


def test_each_figure_is_stamped_with_the_versions_it_rests_on(built, page_state):
    loaded = warehouse.query(
        "SELECT source, version FROM meta.snapshot WHERE rows_read IS NOT NULL", path=built[0]
    )
    assert table(page_state, "versions").height == loaded.height
    (dawnbench,) = loaded.filter(pl.col("source") == "dawnbench")["version"].to_list()
    stamps = {c["figure"]: c["stamp"] for c in page_state["commands"]}
    assert stamps["dawnbench_records"] == f"Sources: dawnbench {dawnbench} (2020-03-26)"
    assert "epoch_notable_models" in stamps["trend_training_compute_flop"]
    assert all(s != "Sources: none" for s in stamps.values()), stamps


def test_each_figures_query_runs_through_flopbase_query(built, page_state, capsys, monkeypatch):
    monkeypatch.setenv("FLOPBASE_DB", str(built[0]))
    counts, ran = {}, {}
    for item in page_state["commands"]:
        if item["command"] not in ran:  # figures of one read run it once
            argv = shlex.split(item["command"])
            assert argv[:2] == ["flopbase", "query"]
            capsys.readouterr()
            assert cli.main([*argv[1:], "--json", "--max-rows", "0"]) == 0, item
            ran[item["command"]] = len(json.loads(capsys.readouterr().out))
        counts[item["figure"]] = ran[item["command"]]
    assert min(counts.values()) > 0, counts
    assert counts["cheapest_by_month"] == table(page_state, "cheapest_by_month").height
    assert counts["dawnbench_records"] == table(page_state, "dawnbench_records").height


def test_a_failed_report_leaves_the_previous_one(built, written, monkeypatch):
    result, _ = written
    folder = result.index.parent
    before = result.index.read_bytes()

    def fail(db, target):
        (target / "img").mkdir(parents=True)
        (target / "index.html").write_text("half")
        raise RuntimeError("killed halfway")

    monkeypatch.setattr(report, "render", fail)
    with pytest.raises(RuntimeError, match="killed halfway"):
        report.write_report(folder, built[0])
    with pytest.raises(warehouse.WarehouseError, match="no warehouse"):
        report.write_report(folder, folder / "missing.duckdb")
    assert result.index.read_bytes() == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["report"]  # no staging left
