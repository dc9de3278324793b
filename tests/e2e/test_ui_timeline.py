"""Runs of `flopbase build` / `refresh` appear on the UI's Overview timeline.

The CLI runs the job in its own process (`execute_in_process`); such a run was recorded with no
code location, and the timeline, which places each run under its code location's job, left
every one of them out (the Runs page listed them). A small run recorded by the CLI's own
`_execute` into a temporary Dagster home is looked up by a real `dagster-webserver` on
127.0.0.1 with the query the timeline sends (CompletedRunTimelineQuery of Dagster's
ui-core `useRunsForTimeline.tsx`).
"""

import shutil
import time
from pathlib import Path

import dagster as dg
import pytest
import requests

from pipelines import cli
from pipelines.runs import workspace_job_origin
from tests.conftest import REPO
from tests.e2e._webserver import serving

SPEC_SOURCES = ("epoch_hardware", "epoch_chips", "techpowerup", "wikipedia_gpus")

# Dagster's timeline query, as the UI sends it (RunTimelineFragment + RunTimeFragment)
TIMELINE_QUERY = """
query CompletedRunTimelineQuery($completedFilter: RunsFilter!, $limit: Int!, $cursor: String) {
  completed: runsOrError(filter: $completedFilter, limit: $limit, cursor: $cursor) {
    ... on Runs {
      results {
        id
        ...RunTimelineFragment
      }
    }
  }
}
fragment RunTimelineFragment on Run {
  id
  pipelineName
  externalJobSource
  tags { key value }
  repositoryOrigin { id repositoryName repositoryLocationName }
  ...RunTimeFragment
}
fragment RunTimeFragment on Run {
  id
  status
  creationTime
  startTime
  endTime
  updateTime
}
"""

# The jobs the timeline lists runs under: the workspace's locations and their jobs
WORKSPACE_QUERY = """
{
  workspaceOrError {
    ... on Workspace {
      locationEntries {
        name
        locationOrLoadError {
          ... on RepositoryLocation { name repositories { name pipelines { name } } }
        }
      }
    }
  }
}
"""


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, str, float]:
    """(Dagster home, run id, time before the run) of a run of the four spec sources' raw
    assets, recorded the way `flopbase build` records its run."""
    root = tmp_path_factory.mktemp("timeline")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
    for name in SPEC_SOURCES:
        shutil.copytree(REPO / "data" / "snapshots" / name, root / "snapshots" / name)
    started = time.time()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(home))
        mp.setenv("FLOPBASE_DB", str(root / "flopbase.duckdb"))
        mp.setenv("FLOPBASE_SNAPSHOTS", str(root / "snapshots"))
        mp.delenv("FLOPBASE_LIVE", raising=False)
        result = cli._execute(False, keys=[dg.AssetKey(["raw", s]) for s in SPEC_SOURCES])
    assert result.success
    return home, result.run_id, started


@pytest.fixture(scope="module")
def webserver(recorded):
    home, _, _ = recorded
    with serving(home) as (base, _port):
        yield base


def graphql(base: str, query: str, variables: dict | None = None) -> dict:
    reply = requests.post(
        f"{base}/graphql", json={"query": query, "variables": variables or {}}, timeout=60
    ).json()
    assert "errors" not in reply, reply
    return reply["data"]


def workspace_jobs(base: str) -> set[tuple[str, str, str]]:
    """(location, repository, job) of every job the webserver's workspace holds, once the
    code location has loaded (it loads in the background after the server answers)."""
    deadline = time.monotonic() + 120
    while True:
        entries = graphql(base, WORKSPACE_QUERY)["workspaceOrError"]["locationEntries"]
        jobs = {
            (entry["name"], repo["name"], job["name"])
            for entry in entries
            for repo in (entry["locationOrLoadError"] or {}).get("repositories", [])
            for job in repo["pipelines"]
        }
        if jobs or time.monotonic() > deadline:
            return jobs
        time.sleep(1)


def test_a_cli_run_is_on_the_timeline_under_the_code_locations_build_all(recorded, webserver):
    _, run_id, started = recorded
    jobs = workspace_jobs(webserver)
    assert ("pipelines.definitions", "__repository__", "build_all") in jobs

    # the timeline asks for the finished runs updated in each hour of its range
    data = graphql(
        webserver,
        TIMELINE_QUERY,
        {
            "completedFilter": {
                "statuses": ["SUCCESS", "FAILURE", "CANCELED"],
                "updatedAfter": started - 60,
                "updatedBefore": time.time() + 60,
            },
            "limit": 500,
        },
    )
    (run,) = [r for r in data["completed"]["results"] if r["id"] == run_id]
    assert run["status"] == "SUCCESS" and run["startTime"] is not None
    # the timeline drops a run without a repository origin; with one, it is placed under the
    # job (location, repository, pipelineName) that the workspace lists
    origin = run["repositoryOrigin"]
    assert origin is not None, "the run has no code location: the timeline leaves it out"
    placed = (origin["repositoryLocationName"], origin["repositoryName"], run["pipelineName"])
    assert placed in jobs
    assert placed == ("pipelines.definitions", "__repository__", "build_all")
    assert {"key": "dagster/code_location", "value": "pipelines.definitions"} in run["tags"]


def test_the_origin_is_the_one_the_webserver_loads() -> None:
    """The origin recorded is made by Dagster's own loader from workspace.yaml, so it is the
    code location the UI serves (same name, same id)."""
    origin = workspace_job_origin("build_all")
    location = origin.repository_origin.code_location_origin
    assert location.location_name == "pipelines.definitions"
    assert origin.repository_origin.repository_name == "__repository__"
    assert origin.job_name == "build_all"
