"""The Dagster webserver loads workspace.yaml, listens on 127.0.0.1 only, and shows the assets.

Started as `dagster-webserver` in its own process group (STACK.md: `dagster dev` ignores
signals for a long time when backgrounded), and queried through its GraphQL API.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO

ASSETS_QUERY = """
{
  assetNodes {
    assetKey { path }
    description
    groupName
    metadataEntries { label }
    assetChecksOrError { ... on AssetChecks { checks { name blocking } } }
  }
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def webserver(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
    port = free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"}
    binary = Path(sys.executable).with_name("dagster-webserver")
    process = subprocess.Popen(
        [str(binary), "-h", "127.0.0.1", "-p", str(port), "-w", "workspace.yaml"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"webserver exited: {process.stderr.read().decode()[-2000:]}")
            try:
                if requests.get(f"{base}/server_info", timeout=2).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        else:
            pytest.fail("webserver did not answer within 120 s")
        yield base, port
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_ui_serves_the_assets_with_descriptions_metadata_and_checks(webserver):
    base, _ = webserver
    deadline = time.monotonic() + 60
    while True:  # the code location loads in the background after the server answers
        reply = requests.post(f"{base}/graphql", json={"query": ASSETS_QUERY}, timeout=30).json()
        nodes = reply.get("data", {}).get("assetNodes") or []
        if nodes or time.monotonic() > deadline:
            break
        time.sleep(1)
    by_key = {"/".join(n["assetKey"]["path"]): n for n in nodes}
    assert {"raw/epoch_hardware", "core/hardware", "meta/data_dictionary"} <= set(by_key)
    hardware = by_key["core/hardware"]
    assert hardware["groupName"] == "gpu_specs"
    assert hardware["description"].startswith("One row per accelerator")
    assert "dagster/column_schema" in {m["label"] for m in hardware["metadataEntries"]}
    checks = {c["name"]: c["blocking"] for c in hardware["assetChecksOrError"]["checks"]}
    assert checks == {"matches_schema": True, "sources_agree": False}


def test_ui_listens_on_loopback_only(webserver):
    _, port = webserver
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    outside = [a for a in _own_addresses() if not a.startswith("127.")]
    for address in outside:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=1).close()


def _own_addresses() -> list[str]:
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return out.split()
