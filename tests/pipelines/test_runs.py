"""Each warehouse keeps its own run history: `python -m pipelines.runs` (what `make ui` starts
the UI on) names the Dagster home of $FLOPBASE_DB's warehouse."""

import os
import subprocess
import sys

from pipelines.runs import PROJECT_HOME, PROJECT_ROOT


def home_for(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.runs"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


def test_a_scratch_warehouse_gets_its_own_history_folder(tmp_path):
    db = tmp_path / "scratch.duckdb"
    home = home_for({"FLOPBASE_DB": str(db), "DAGSTER_HOME": str(PROJECT_HOME)})
    assert home == f"{db}.dagster"
    assert (tmp_path / "scratch.duckdb.dagster" / "dagster.yaml").exists()


def test_the_default_warehouse_and_a_home_of_ones_own_are_kept(tmp_path):
    env = {"DAGSTER_HOME": str(PROJECT_HOME)}
    assert home_for({**env, "FLOPBASE_DB": str(PROJECT_ROOT / "data" / "flopbase.duckdb")}) == (
        str(PROJECT_HOME)
    )
    mine = tmp_path / "mine"
    assert home_for({"FLOPBASE_DB": str(tmp_path / "x.duckdb"), "DAGSTER_HOME": str(mine)}) == (
        str(mine)
    )
