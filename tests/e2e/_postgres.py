"""A real PostgreSQL server of the test's own: initdb in a temporary folder, on 127.0.0.1 at a
free port (its socket in the same folder), stopped and removed afterwards. PostgreSQL refuses
to run as root, so under root it runs as the `postgres` user the Debian package creates."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2

USER = "flopbase"


def pg_binary(name: str) -> str:
    """`initdb` / `pg_ctl` on PATH or in Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise FileNotFoundError(f"{name} not found: `make postgresql` installs PostgreSQL")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(owner: str | None) -> dict:
    return {"user": owner} if owner else {}


@contextmanager
def postgres_server(database: str = "dagster") -> Iterator[str]:
    """The URL (postgresql://flopbase@127.0.0.1:<port>/<database>) of a fresh server."""
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="flopbase-pg-"))
    if owner:
        entry = pwd.getpwnam(owner)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, port = root / "data", free_port()
    run = {"check": True, "capture_output": True, "text": True, **_as_owner(owner)}
    pg_ctl = pg_binary("pg_ctl")
    started = False
    try:
        subprocess.run(
            [pg_binary("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8"],
            **run,
        )
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [pg_ctl, "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60"]
            + ["-o", options, "start"],
            **run,
        )
        started = True
        admin = psycopg2.connect(host="127.0.0.1", port=port, user=USER, dbname="postgres")
        admin.autocommit = True  # CREATE DATABASE runs outside a transaction
        with admin.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {database}")  # our own constant name
        admin.close()
        yield f"postgresql://{USER}@127.0.0.1:{port}/{database}"
    finally:
        if started:
            subprocess.run(
                [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                **_as_owner(owner),
            )
        shutil.rmtree(root, ignore_errors=True)
