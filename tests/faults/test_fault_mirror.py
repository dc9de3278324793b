"""The upstream mirror: one rewrite, in `sources.http`, from the policy or the environment."""

import pytest

from sources.http import MIRROR_ENV, FetchError, HttpClient, HttpPolicy, mirrored
from tests.localserver import Reply


def test_rewrite_keeps_host_path_and_query() -> None:
    url = "https://raw.githubusercontent.com/o/r/abc/data/Chip%20dataset.csv?raw=1"
    assert mirrored(url, "http://cache:8080/") == (
        "http://cache:8080/raw.githubusercontent.com/o/r/abc/data/Chip%20dataset.csv?raw=1"
    )
    assert mirrored("https://epoch.ai", "http://cache") == "http://cache/epoch.ai/"
    assert mirrored(url, "") == url  # no mirror
    assert mirrored("http://cache/epoch.ai/x.csv", "http://cache") == "http://cache/epoch.ai/x.csv"
    with pytest.raises(FetchError, match="not an http"):
        mirrored("file:///etc/passwd", "http://cache")


def test_env_mirror_and_policy_override(server, monkeypatch) -> None:
    server.script("/epoch.ai/data/ml_hardware.csv", Reply(200, b"a,b\n1,2\n"))
    monkeypatch.setenv(MIRROR_ENV, server.base)
    with HttpClient(HttpPolicy(deadline_s=5)) as client:
        response = client.get("https://epoch.ai/data/ml_hardware.csv")
    assert response.content == b"a,b\n1,2\n"
    assert response.url == f"{server.base}/epoch.ai/data/ml_hardware.csv"
    # An explicit empty mirror in the policy wins over the environment.
    assert HttpClient(HttpPolicy(mirror="")).mirror == ""
