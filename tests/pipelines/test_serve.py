"""`make serve`'s instance selection (pipelines/serve.py): SQLite by default, PostgreSQL when
FLOPBASE_DAGSTER_PG_URL is set, with the driver dagster-postgres installs; the processes it
starts, bound to 127.0.0.1 on workspace.yaml. The real service on PostgreSQL is
tests/e2e/test_postgres_service.py."""

import os

import pytest
import yaml

from pipelines import serve


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("", ""),
        ("postgresql://u:p@db:5432/dagster", "postgresql+psycopg2://u:p@db:5432/dagster"),
        ("postgres://u@db/dagster", "postgresql+psycopg2://u@db/dagster"),
        ("postgresql+psycopg2://u@db/dagster", "postgresql+psycopg2://u@db/dagster"),
    ],
)
def test_the_url_gets_the_driver_dagster_postgres_brings(monkeypatch, given, used):
    monkeypatch.setenv("FLOPBASE_DAGSTER_PG_URL", given)
    assert serve.pg_url() == used


def test_sqlite_by_default_postgres_when_a_url_is_set(monkeypatch, tmp_path):
    monkeypatch.delenv("FLOPBASE_DAGSTER_PG_URL", raising=False)
    config = yaml.safe_load(serve.write_instance(tmp_path / "one").read_text())
    assert "storage" not in config  # Dagster's default: SQLite files in $DAGSTER_HOME
    assert config["concurrency"]["pools"]["default_limit"] == 1
    monkeypatch.setenv("FLOPBASE_DAGSTER_PG_URL", "postgresql://u@db:5432/dagster")
    config = yaml.safe_load(serve.write_instance(tmp_path / "two").read_text())
    assert config["storage"]["postgres"]["postgres_url"] == {"env": "FLOPBASE_DAGSTER_PG_URL"}
    assert config["concurrency"]["pools"]["default_limit"] == 1  # one warehouse writer
    assert os.environ["FLOPBASE_DAGSTER_PG_URL"] == "postgresql+psycopg2://u@db:5432/dagster"


def test_webserver_and_daemon_on_the_workspace_and_loopback():
    web = serve.webserver_command("127.0.0.1", 3000)
    assert web[0].endswith("dagster-webserver") and web[1:5] == ["-h", "127.0.0.1", "-p", "3000"]
    assert web[-1] == str(serve.WORKSPACE)
    daemon = serve.daemon_command()
    assert daemon[0].endswith("dagster-daemon") and daemon[1:] == [
        "run",
        "-w",
        str(serve.WORKSPACE),
    ]
