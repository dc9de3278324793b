"""Every setting flopbase reads from the environment, declared once: its variable, default,
unit and meaning. Code asks a setting for its value (no other module reads `os.environ`);
`flopbase settings` prints each with the value in force and where it came from, and the
Dagster resources describe the ones they use, so the UI shows them too.

An unset or empty variable means the default. Paths are relative to the working directory
unless absolute, except the defaults, which are the project's own folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    unit: str | None
    description: str

    @property
    def is_set(self) -> bool:
        return bool(os.environ.get(self.env))

    def text(self) -> str:
        return os.environ.get(self.env) or self.default

    def number(self) -> float:
        text = self.text()
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"${self.env} must be a number of {self.unit}, not {text!r}") from None

    def flag(self) -> bool:
        return self.text() == "1"

    def path(self) -> Path:
        return Path(self.text())

    def set(self, text: str) -> None:
        """Put the setting in force for this process and the processes it starts."""
        os.environ[self.env] = text


WAREHOUSE_FILE = Setting(
    "FLOPBASE_DB",
    str(PROJECT_ROOT / "data" / "flopbase.duckdb"),
    None,
    "The DuckDB warehouse file every command and asset reads and writes.",
)
SNAPSHOT_STORE = Setting(
    "FLOPBASE_SNAPSHOTS",
    str(PROJECT_ROOT / "data" / "snapshots"),
    None,
    "The folder of immutable upstream versions (one folder per source and version).",
)
LIVE = Setting(
    "FLOPBASE_LIVE",
    "0",
    None,
    "1: fetch every source from its upstream before loading (else offline, from the store).",
)
UPSTREAM_MIRROR = Setting(
    "FLOPBASE_UPSTREAM_MIRROR",
    "",
    None,
    "Fetch `https://host/path` as `<mirror>/host/path` (a caching proxy or an offline copy); "
    "empty: the real upstreams.",
)
LOCK_TIMEOUT = Setting(
    "FLOPBASE_LOCK_TIMEOUT_S",
    "30",
    "s",
    "How long a run waits once for the warehouse's write lock before failing with the "
    "holder's PID and command.",
)
QUERY_TIMEOUT = Setting(
    "FLOPBASE_QUERY_TIMEOUT_S",
    "60",
    "s",
    "How long `flopbase query` lets a query run before interrupting it (0: no limit).",
)
UI_URL = Setting(
    "FLOPBASE_UI_URL",
    "http://127.0.0.1:3000",
    None,
    "The Dagster UI's address, for the run links in failure reports.",
)
DAGSTER_HOME = Setting(
    "DAGSTER_HOME",
    "",
    None,
    "Dagster's instance folder (run history, schedules); `make` sets .dagster_home/, and a "
    "warehouse other than the default keeps its own next to it. Empty: runs are not recorded.",
)

DAGSTER_PG_URL = Setting(
    "FLOPBASE_DAGSTER_PG_URL",
    "",
    None,
    "PostgreSQL URL of Dagster's run, event and schedule storage for `make serve` "
    "(config/dagster-postgres.yaml, e.g. postgresql://user:password@host:5432/dagster); "
    "empty: SQLite files in $DAGSTER_HOME.",
)
RELEASE_DIR = Setting(
    "FLOPBASE_RELEASES",
    "",
    None,
    "The folder of published releases (a dated folder each, and `latest`); empty: "
    "`releases/` next to the warehouse file.",
)
RELEASE_KEEP = Setting(
    "FLOPBASE_RELEASE_KEEP",
    "5",
    "releases",
    "How many releases `flopbase build` keeps (the oldest are removed after a new one is "
    "published); 0: publish none.",
)
CACHE_DIR = Setting(
    "FLOPBASE_CACHE_DIR",
    str(PROJECT_ROOT / ".cache" / "flopbase"),
    None,
    "The folder where parses of snapshot versions, trend fits and plots are kept between "
    "builds, so a rebuild over unchanged snapshots does not parse, fit or draw them again (any "
    "change to sources/ or schemas/ invalidates every parse, to analyses/ or schemas/ every "
    "fit; a plot is drawn again when its inputs or drawing code change); off: parse, fit and "
    "draw in every process.",
)

SETTINGS = (
    WAREHOUSE_FILE,
    SNAPSHOT_STORE,
    LIVE,
    UPSTREAM_MIRROR,
    LOCK_TIMEOUT,
    QUERY_TIMEOUT,
    UI_URL,
    DAGSTER_HOME,
    DAGSTER_PG_URL,
    RELEASE_DIR,
    RELEASE_KEEP,
    CACHE_DIR,
)
