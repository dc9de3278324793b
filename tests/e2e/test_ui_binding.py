"""The UI listens on 127.0.0.1 unless told otherwise (issue #11): `make ui` passes loopback by
default, and the webserver started with no host at all binds loopback only."""

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO
from tests.e2e._webserver import free_port

LISTEN = "0A"  # TCP state in /proc/net/tcp*


def listening(port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Local addresses with a socket listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for name, width in (("tcp", 8), ("tcp6", 32)):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if fields[3] != LISTEN or int(port_hex, 16) != port:
                continue
            assert len(address) == width
            # each 32-bit word is stored little-endian
            raw = b"".join(
                bytes.fromhex(address[i : i + 8])[::-1] for i in range(0, len(address), 8)
            )
            found.add(ipaddress.ip_address(raw))
    return found


def test_make_ui_binds_loopback_by_default():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HOST", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    out = subprocess.run(
        ["make", "-n", "ui"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    (command,) = [line for line in out.stdout.splitlines() if " dev " in line]
    assert "dagster dev -h 127.0.0.1 -p 3000 -w workspace.yaml" in command


def test_the_webserver_with_no_host_listens_on_loopback_only(tmp_path):
    port = free_port()
    (tmp_path / "dagster.yaml").write_text((REPO / "config" / "dagster.yaml").read_text())
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "DAGSTER_DISABLE_TELEMETRY": "1"}
    binary = Path(sys.executable).with_name("dagster-webserver")
    process = subprocess.Popen(
        [str(binary), "-p", str(port), "-w", "workspace.yaml"],  # no -h: its own default
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not listening(port):
            if process.poll() is not None:
                pytest.fail(f"webserver exited: {process.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("the webserver did not listen within 180 s")
            time.sleep(0.5)
        assert requests.get(f"http://127.0.0.1:{port}/server_info", timeout=30).ok
        addresses = listening(port)
        assert addresses and all(a.is_loopback for a in addresses), addresses
        for address in own_addresses():  # and from outside the machine's loopback: refused
            with pytest.raises(OSError):
                socket.create_connection((address, port), timeout=2).close()
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def own_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses (none in a network-less sandbox)."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [a for a in out.split() if ":" not in a and not a.startswith("127.")]
