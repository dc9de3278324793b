"""Settings are declared once (schemas/settings.py) and read only through it."""

import re
from pathlib import Path

import pytest

from pipelines.cli import main
from schemas.settings import LOCK_TIMEOUT, SETTINGS, WAREHOUSE_FILE

REPO = Path(__file__).resolve().parents[2]
LAYERS = ("pipelines", "sources", "warehouse", "analyses", "schemas")


def test_no_module_reads_the_environment_but_the_settings():
    readers = [
        str(path.relative_to(REPO))
        for layer in LAYERS
        for path in (REPO / layer).rglob("*.py")
        if re.search(r"os\.environ|os\.getenv", path.read_text())
    ]
    assert readers == ["schemas/settings.py"]


def test_the_readme_lists_every_setting():
    readme = (REPO / "README.md").read_text()
    listed = re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.M)
    assert listed == [s.env for s in SETTINGS]


def test_flopbase_settings_says_what_is_in_force_and_why(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("FLOPBASE_DB", str(tmp_path / "x.duckdb"))
    monkeypatch.delenv("FLOPBASE_LOCK_TIMEOUT_S", raising=False)
    assert main(["settings"]) == 0
    lines = {line.split("=")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines.keys() == {s.env for s in SETTINGS}
    assert lines["FLOPBASE_DB"].startswith(f"FLOPBASE_DB={tmp_path / 'x.duckdb'}  ($FLOPBASE_DB)")
    assert lines["FLOPBASE_LOCK_TIMEOUT_S"].startswith("FLOPBASE_LOCK_TIMEOUT_S=30 s  (default)")
    assert WAREHOUSE_FILE.path() == tmp_path / "x.duckdb"


def test_a_setting_that_is_not_a_number_is_named(monkeypatch):
    monkeypatch.setenv("FLOPBASE_LOCK_TIMEOUT_S", "half a minute")
    with pytest.raises(ValueError, match=r"\$FLOPBASE_LOCK_TIMEOUT_S must be a number of s"):
        LOCK_TIMEOUT.number()
