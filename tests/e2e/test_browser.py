"""The Dagster UI in a real browser, against a built warehouse.

The session's build (tests/e2e/conftest.py) is recorded in a temporary DAGSTER_HOME; the
webserver is started on 127.0.0.1 on that instance, and Debian's Chromium (headless, driven by
Playwright with the system browser: `make test` installs it) opens the asset graph and then
`core/hardware`. Screenshots are saved to tests/artifacts/browser/ ($FLOPBASE_TEST_ARTIFACTS).
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

import warehouse
from schemas import HARDWARE
from tests.conftest import REPO
from tests.e2e._webserver import free_port

CHROMIUM = os.environ.get("FLOPBASE_CHROMIUM", "/usr/bin/chromium")
# Headless Chromium on a closed network: no background connections, a fresh profile.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 90_000  # upper bound for the UI to show something on a loaded 2-core machine
NODES_QUERY = "{ assetNodes { assetKey { path } } }"

expect.set_options(timeout=WAIT_MS)


def artifacts() -> Path:
    folder = Path(os.environ.get("FLOPBASE_TEST_ARTIFACTS", REPO / "tests" / "artifacts"))
    folder = folder / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_webserver(home: Path, db: Path, port: int) -> subprocess.Popen:
    """`dagster-webserver` on 127.0.0.1 in its own process group (STACK.md)."""
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "FLOPBASE_DB": str(db),
    }
    binary = Path(sys.executable).with_name("dagster-webserver")
    return subprocess.Popen(
        [str(binary), "-h", "127.0.0.1", "-p", str(port), "-w", "workspace.yaml"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_until_serving(process: subprocess.Popen, base: str) -> None:
    """Until the code location is loaded: GraphQL lists the assets."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"webserver exited: {process.stderr.read().decode()[-2000:]}")
        try:
            reply = requests.post(f"{base}/graphql", json={"query": NODES_QUERY}, timeout=10)
            if (reply.json().get("data") or {}).get("assetNodes"):
                return
        except (requests.ConnectionError, requests.Timeout, ValueError):
            pass
        time.sleep(0.5)
    pytest.fail("the webserver did not serve the assets within 180 s")


@pytest.fixture(scope="module")
def ui(built, dagster_home):
    """Base URL of a webserver showing the session build."""
    path, _ = built
    port = free_port()
    process = start_webserver(dagster_home, path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def launch(p, profile: Path):
    """Debian's Chromium, headless, with an empty profile."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    return p.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1600, "height": 1000},
    )


def dismiss_community_popup(page) -> None:
    """Dagster's "Join the Dagster community" dialog covers a new profile's first page."""
    skip = page.get_by_role("button", name="Skip")
    page.add_locator_handler(page.get_by_text("Join the Dagster community"), lambda: skip.click())


@pytest.fixture(scope="module")
def browser_page(ui, tmp_path_factory):
    with sync_playwright() as p:
        context = launch(p, tmp_path_factory.mktemp("chromium_profile"))
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        dismiss_community_popup(page)
        try:
            yield page
        finally:
            context.close()


def test_the_asset_graph_leads_to_core_hardware(ui, browser_page, built):
    """The global asset graph shows the groups; opening gpu_specs shows its assets, and
    opening `hardware` there shows its description, row count and preview."""
    rows = hardware_rows(built[0])
    page = browser_page
    # The graph draws only the nodes in view; an expanded gpu_specs group (11 assets since
    # meta/hardware_merge) reaches below a 1,000-pixel-high window.
    viewport = page.viewport_size
    page.set_viewport_size({"width": viewport["width"], "height": 2200})
    page.goto(f"{ui}/asset-groups")
    nodes = page.locator("svg foreignObject")
    for group in ("gpu_specs", "cloud_prices", "training_compute", "dawnbench", "trends", "meta"):
        expect(nodes.filter(has_text=group)).to_be_visible()
    expect(page.get_by_text("Join the Dagster community")).to_be_hidden()
    screenshot(page, "asset_graph.png")

    nodes.filter(has_text="gpu_specs").dblclick()  # expand the group
    hardware = nodes.filter(has_text=re.compile(r"^hardware$"))
    for asset in ("hardware_spec", "hardware_merge", "epoch_hardware", "techpowerup"):
        expect(nodes.filter(has_text=re.compile(f"^{asset}$"))).to_be_visible()
    hardware.dblclick()  # select it: the side panel describes it
    expect(page.get_by_text("core / hardware", exact=True)).to_be_visible()
    expect(page.get_by_text(HARDWARE.description[:60]).first).to_be_visible()
    count = page.get_by_role("row").filter(has_text="dagster/row_count")
    expect(count).to_contain_text(str(rows))
    expect(page.get_by_role("row").filter(has_text="preview")).to_contain_text(
        first_hardware_id(built[0])
    )
    screenshot(page, "asset_graph_core_hardware.png")
    page.set_viewport_size(viewport)


def test_core_hardware_shows_description_row_count_and_checks(ui, browser_page, built):
    _, result = built
    rows = hardware_rows(built[0])
    page = browser_page
    page.goto(f"{ui}/assets/core/hardware")
    expect(page.get_by_text(HARDWARE.description[:60]).first).to_be_visible()
    expect(page.get_by_text("Row count", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{rows:,}", exact=True).first).to_be_visible()
    expect(page.get_by_text("bf16_flop_per_s", exact=True).first).to_be_visible()  # columns
    expect(page.get_by_text("DuckDB", exact=True)).to_be_visible()  # kinds
    expect(page.get_by_text("Polars", exact=True)).to_be_visible()
    screenshot(page, "core_hardware.png")

    # the plot in the materialisation's metadata opens as a picture
    plot_row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="plot", exact=True))
    plot_row.get_by_text("[Show Markdown]").click()
    plot = page.get_by_role("dialog").locator("img")
    expect(plot).to_have_attribute("alt", "Peak throughput at release")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=plot.element_handle())
    assert plot.evaluate("img => img.naturalWidth") == 800  # the PNG decoded: 8 in at 100 dpi
    screenshot(page, "core_hardware_plot.png")
    page.get_by_role("dialog").get_by_role("button", name="Close").click()

    outcomes = check_outcomes(result, "core/hardware")
    assert {"matches_schema", "sources_agree"} <= set(outcomes)
    assert outcomes["matches_schema"] is True
    page.get_by_role("tab", name="Checks").click()
    expect(page.get_by_text(f"Checks ({len(outcomes)})")).to_be_visible()
    for name, passed in outcomes.items():  # the list of checks: name, then the latest status
        entry = page.get_by_title(name, exact=True).locator("xpath=..")
        expect(entry).to_contain_text("Succeeded" if passed else "Failed")
    expect(page.locator("strong", has_text="blocking")).to_be_visible()  # matches_schema's
    screenshot(page, "core_hardware_checks.png")


def hardware_rows(path: Path) -> int:
    rows = warehouse.query("SELECT count(*) AS n FROM core.hardware", path=path)["n"][0]
    assert rows > 1000
    return rows


def first_hardware_id(path: Path) -> str:
    """The first row of the preview (the table is written in hardware_id order)."""
    return warehouse.query("SELECT min(hardware_id) AS id FROM core.hardware", path=path)["id"][0]


def screenshot(page, name: str) -> None:
    path = artifacts() / name
    page.screenshot(path=path, full_page=True)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def check_outcomes(result, key: str) -> dict[str, bool]:
    """{check name: passed} of the build's check evaluations on one asset."""
    return {
        e.event_specific_data.check_name: e.event_specific_data.passed
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and e.event_specific_data.asset_key.to_user_string() == key
    }


def test_every_materialisation_carries_row_count_and_preview(built):
    """What the UI shows of each asset after a build: its row count and first rows."""
    _, result = built
    events = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    assert len(events) >= 37
    missing = {
        key: sorted({"dagster/row_count", "preview"} - set(metadata))
        for key, metadata in events.items()
        if not {"dagster/row_count", "preview"} <= set(metadata)
    }
    assert missing == {}
    hardware = events["core/hardware"]
    assert hardware["preview"].value.records[0].data["hardware_id"]
    raw = events["raw/epoch_hardware"]
    assert raw["dagster/row_count"].value == raw["versions_stored"].value >= 1
