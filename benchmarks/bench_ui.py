"""Time to first render of the asset graph in headless Chromium (issue 12: measured).

A build is recorded in a temporary DAGSTER_HOME (`flopbase build`, so the graph shows
materialised assets), `dagster-webserver` serves it on 127.0.0.1, and Debian's Chromium
(driven by Playwright) opens the asset graph (`/asset-groups`):

cold   a new, empty browser profile per repetition (a first visit: every script fetched)
warm   the same page loaded again in that profile (scripts from the browser cache)

Each time runs from navigation start to the first animation frame in which a node of the
graph (an SVG `foreignObject`) is laid out on screen. Median of REPEATS, with the webserver's
start-up until it serves the assets for context. Writes benchmarks/results/ui.json.
`--no-build` measures an instance without runs (faster; nodes show no materialisation).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
REPEATS = 5
CHROMIUM = os.environ.get("FLOPBASE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# performance.now() is measured from the navigation start of the page.
FIRST_NODE = """() => {
  for (const node of document.querySelectorAll('svg foreignObject')) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && node.textContent.trim()) return performance.now();
  }
  return 0;
}"""
NODES_QUERY = "{ assetNodes { assetKey { path } } }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(home: Path, db: Path) -> float:
    env = {**os.environ, "DAGSTER_HOME": str(home), "FLOPBASE_DB": str(db)}
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("flopbase")), "build"],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def serve(home: Path, db: Path, port: int) -> tuple[subprocess.Popen, float]:
    """The webserver on 127.0.0.1, and its seconds until GraphQL lists the assets."""
    env = {**os.environ, "DAGSTER_HOME": str(home), "FLOPBASE_DB": str(db)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("dagster-webserver")),
            *("-h", "127.0.0.1", "-p", str(port), "-w", "workspace.yaml"),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("dagster-webserver exited")
        try:
            reply = requests.post(
                f"http://127.0.0.1:{port}/graphql", json={"query": NODES_QUERY}, timeout=10
            )
            if (reply.json().get("data") or {}).get("assetNodes"):
                return process, time.perf_counter() - started
        except (requests.ConnectionError, requests.Timeout, ValueError):
            pass
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("dagster-webserver did not serve the assets within 300 s")


def first_render_ms(page, url: str) -> float:
    page.goto(url, wait_until="commit")
    handle = page.wait_for_function(FIRST_NODE, polling="raf", timeout=120_000)
    return float(handle.json_value())


def measure(url: str, repeats: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    cold, warm = [], []
    with sync_playwright() as p:
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(
                    profile,
                    executable_path=CHROMIUM,
                    headless=True,
                    args=CHROMIUM_ARGS,
                    viewport={"width": 1600, "height": 1000},
                )
                page = context.new_page()
                cold.append(first_render_ms(page, url))
                warm.append(first_render_ms(page, url))
                context.close()
    return cold, warm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="an instance without runs")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        home, db = Path(tmp) / "dagster_home", Path(tmp) / "flopbase.duckdb"
        home.mkdir()
        shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
        build_s = None if args.no_build else build(home, db)
        port = free_port()
        process, serve_s = serve(home, db, port)
        try:
            url = f"http://127.0.0.1:{port}/asset-groups"
            first_render_ms_warmup = measure(url, 1)  # the server's first answers are slower
            cold, warm = measure(url, args.repeats)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    result = {
        "benchmark": "ui_asset_graph_first_render",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "browser": chromium_version(),
        },
        "repeats": args.repeats,
        "page": "/asset-groups (global asset lineage)",
        "instance": "no runs" if args.no_build else "one full build recorded",
        "build_s": None if build_s is None else round(build_s, 1),
        "webserver_ready_s": round(serve_s, 1),
        "warmup_cold_ms": round(first_render_ms_warmup[0][0]),
        "first_render_cold_ms": round(statistics.median(cold)),
        "first_render_warm_ms": round(statistics.median(warm)),
        "cold_ms": [round(x) for x in cold],
        "warm_ms": [round(x) for x in warm],
        "measures": "navigation start to the first frame with a graph node on screen",
        "goal": "measured (issue 12)",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ui.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
