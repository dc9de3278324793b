"""A real `dagster-webserver` for the UI tests: on 127.0.0.1, in its own process group
(STACK.md: `dagster dev` ignores signals for a long time when backgrounded), killed after."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(home: Path) -> Iterator[tuple[str, int]]:
    """(base URL, port) of a webserver on workspace.yaml with `home` as DAGSTER_HOME, once it
    answers /server_info (within 120 s, else the test fails with its stderr)."""
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
