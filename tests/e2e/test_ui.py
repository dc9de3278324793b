"""The Dagster webserver loads workspace.yaml, listens on 127.0.0.1 only, and shows the assets.

Started as `dagster-webserver` in its own process group (STACK.md: `dagster dev` ignores
signals for a long time when backgrounded), and queried through its GraphQL API.
"""

import shutil
import socket
import subprocess
import time

import pytest
import requests

from tests.conftest import REPO
from tests.e2e._webserver import serving

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


@pytest.fixture(scope="module")
def webserver(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
    with serving(home) as (base, port):
        yield base, port


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
