"""sources.http against a real HTTP server on 127.0.0.1, scripted per path.

Waiting between retries is recorded by a fake `sleep` instead of slept; everything else (timeouts,
trickling bodies, early closes) really happens on the socket, with tiny timeouts.
"""

from __future__ import annotations

import gzip
import pickle
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import formatdate

import pytest

from sources.http import (
    USER_AGENT,
    ConnectionFailed,
    DeadlineExceeded,
    FetchError,
    HttpClient,
    HttpPolicy,
    HttpStatusError,
    Response,
    TooLargeError,
    TruncatedBodyError,
)
from tests.localserver import Reply, Server


@dataclass
class Clients:
    waits: list[float] = field(default_factory=list)
    opened: list[HttpClient] = field(default_factory=list)

    def __call__(self, **policy: float) -> HttpClient:
        """A client whose retry waits are recorded in `waits` instead of slept."""
        defaults = {"connect_timeout_s": 1.0, "read_timeout_s": 2.0, "deadline_s": 10.0}
        client = HttpClient(HttpPolicy(**{**defaults, **policy}), sleep=self.waits.append)
        self.opened.append(client)
        return client


@pytest.fixture
def make_client() -> Iterator[Callable[..., HttpClient]]:
    clients = Clients()
    yield clients
    for client in clients.opened:
        client.close()


@pytest.fixture
def waits(make_client: Clients) -> list[float]:
    return make_client.waits


def test_200_body_intact_and_user_agent_names_project(server: Server, make_client) -> None:
    body = bytes(range(256)) * 1000
    url = server.script("/data.bin", Reply(200, body, {"Content-Type": "application/octet-stream"}))

    result = make_client().get(url, accept="application/octet-stream")

    assert result == Response(url, 200, body, None, None, "application/octet-stream")
    assert not result.not_modified
    (headers,) = server.requests_to("/data.bin")
    assert headers["User-Agent"] == USER_AGENT
    assert "flopbase" in headers["User-Agent"]
    assert headers["Accept"] == "application/octet-stream"
    assert headers["If-None-Match"] is None and headers["If-Modified-Since"] is None


def test_validators_returned_and_conditional_get_gives_not_modified(
    server: Server, make_client
) -> None:
    lm = "Wed, 21 Oct 2015 07:28:00 GMT"
    url = server.script(
        "/specs.json",
        Reply(200, b'{"a": 1}', {"ETag": '"v1"', "Last-Modified": lm}),
        Reply(304),  # no validators repeated: the client keeps the ones we sent
    )
    client = make_client()

    first = client.get(url)
    second = client.get(url, etag=first.etag, last_modified=first.last_modified)

    assert (first.content, first.etag, first.last_modified) == (b'{"a": 1}', '"v1"', lm)
    assert second.not_modified and second.status == 304
    assert second.content == b""
    assert (second.etag, second.last_modified) == ('"v1"', lm)
    sent = server.requests_to("/specs.json")[1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == lm


def test_one_connection_is_reused_across_gets(server: Server, make_client) -> None:
    urls = [
        server.script("/plain", Reply(200, b"p" * 200_000)),
        server.script("/chunked", Reply(200, b"c" * 1000, chunked=True)),
        server.script("/same", Reply(304)),
        server.script(
            "/gz", Reply(200, gzip.compress(b"g" * 10_000), {"Content-Encoding": "gzip"})
        ),
    ]
    client = make_client()

    bodies = [client.get(url).content for url in urls + urls]

    assert bodies[4:] == bodies[:4] == [b"p" * 200_000, b"c" * 1000, b"", b"g" * 10_000]
    assert len(server.client_ports) == 8 and len(set(server.client_ports)) == 1


def test_gzip_body_is_decoded(server: Server, make_client) -> None:
    url = server.script(
        "/z", Reply(200, gzip.compress(b"hello " * 100), {"Content-Encoding": "gzip"})
    )
    assert make_client().get(url).content == b"hello " * 100


@pytest.mark.parametrize(
    "redirect",
    [
        Reply(301),
        Reply(302, b"r" * 100, trickle_s=0.1),  # requests alone would read this for 10 s
        Reply(307, b"r" * 10_000_000, chunked=True),  # ... and this whole, despite the cap
    ],
    ids=["empty", "trickling-body", "huge-chunked-body"],
)
def test_redirect_is_followed_without_reading_its_body(
    server: Server, make_client, redirect: Reply
) -> None:
    server.script("/new", Reply(200, b"moved here"))
    url = server.script("/old", replace(redirect, headers={"Location": "/new"}))

    start = time.monotonic()
    result = make_client(deadline_s=0.5, max_bytes=1000).get(url)

    assert time.monotonic() - start < 0.5
    assert (result.url, result.content) == (server.base + "/new", b"moved here")
    assert len(server.requests_to("/old")) == len(server.requests_to("/new")) == 1


def test_503_twice_then_200_retries_with_exponential_backoff(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/flaky", Reply(503), Reply(503), Reply(200, b"finally"))

    result = make_client(backoff_s=0.5).get(url)

    assert result.content == b"finally"
    assert len(server.requests_to("/flaky")) == 3
    assert waits == [0.5, 1.0]


def test_500_forever_gives_up_after_max_retries_with_capped_backoff(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/down", Reply(500, b"oops"))

    with pytest.raises(HttpStatusError) as err:
        make_client(max_retries=4, backoff_s=1.0, max_backoff_s=3.0).get(url)

    assert err.value.status == 500
    assert url in str(err.value) and "500" in str(err.value) and "try 5/5" in str(err.value)
    assert len(server.requests_to("/down")) == 5
    assert waits == [1.0, 2.0, 3.0, 3.0]


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_other_4xx_fail_at_once_without_retry(
    server: Server, make_client, waits: list[float], status: int
) -> None:
    url = server.script("/missing", Reply(status))

    with pytest.raises(HttpStatusError) as err:
        make_client().get(url)

    assert err.value.status == status
    assert url in str(err.value)
    assert len(server.requests_to("/missing")) == 1
    assert waits == []


def test_429_retry_after_seconds_is_honoured(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/limited", Reply(429, headers={"Retry-After": "2"}), Reply(200, b"ok"))

    assert make_client(backoff_s=0.1).get(url).content == b"ok"
    assert waits == [2.0]
    assert len(server.requests_to("/limited")) == 2


def test_503_retry_after_http_date_is_honoured(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script(
        "/busy",
        Reply(503, headers={"Retry-After": formatdate(time.time() + 30, usegmt=True)}),
        Reply(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),  # past: no wait
        Reply(503, headers={"Retry-After": "soon"}),  # unparseable: normal backoff
        Reply(200, b"ok"),
    )

    assert make_client(backoff_s=0.25, deadline_s=60.0).get(url).content == b"ok"
    assert 28.0 <= waits[0] <= 30.0  # HTTP-dates have 1 s resolution
    assert waits[1:] == [0.0, 1.0]


def test_retry_after_past_the_deadline_raises_at_once(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/later", Reply(429, headers={"Retry-After": "3600"}), Reply(200, b"ok"))

    start = time.monotonic()
    with pytest.raises(DeadlineExceeded) as err:
        make_client(deadline_s=30.0).get(url)

    assert time.monotonic() - start < 2.0
    assert waits == []
    assert len(server.requests_to("/later")) == 1
    assert url in str(err.value) and "3600" in str(err.value)
    assert isinstance(err.value.__cause__, HttpStatusError) and err.value.__cause__.status == 429


def test_content_length_above_cap_is_refused_without_reading_the_body(
    server: Server, make_client
) -> None:
    # 1000 bytes at one byte per 0.5 s: reading any of it would take far longer than the check.
    url = server.script("/huge", Reply(200, b"x" * 1000, trickle_s=0.5))

    start = time.monotonic()
    with pytest.raises(TooLargeError) as err:
        make_client(max_bytes=100).get(url)

    assert time.monotonic() - start < 1.0
    assert url in str(err.value) and "1000" in str(err.value)
    assert len(server.requests_to("/huge")) == 1  # not retried


@pytest.mark.parametrize("framing", ["chunked", "until-close"])
def test_body_without_length_over_cap_is_aborted(server: Server, make_client, framing) -> None:
    reply = Reply(200, b"y" * 5000, chunked=framing == "chunked", length=-1)
    url = server.script("/stream", reply)

    with pytest.raises(TooLargeError) as err:
        make_client(max_bytes=1000).get(url)

    assert url in str(err.value)
    assert len(server.requests_to("/stream")) == 1


def test_body_exactly_at_cap_is_accepted(server: Server, make_client) -> None:
    url = server.script("/edge", Reply(200, b"z" * 1000, chunked=True))
    assert make_client(max_bytes=1000).get(url).content == b"z" * 1000


def test_gzip_bomb_is_capped_on_decoded_size(server: Server, make_client) -> None:
    bomb = gzip.compress(b"\0" * 1_000_000)  # ~1 kB on the wire
    url = server.script("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip"}))
    with pytest.raises(TooLargeError):
        make_client(max_bytes=100_000).get(url)


def test_body_shorter_than_content_length_is_truncated_error(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/short", Reply(200, b"only ten b", length=100))

    with pytest.raises(TruncatedBodyError) as err:
        make_client(max_retries=1, backoff_s=0.1).get(url)

    assert url in str(err.value) and "10 of 100" in str(err.value)
    assert len(server.requests_to("/short")) == 2  # a dropped download is worth one more try
    assert waits == [0.1]


def test_truncated_once_then_complete_succeeds(server: Server, make_client) -> None:
    url = server.script("/resume", Reply(200, b"part", length=8), Reply(200, b"complete"))
    assert make_client().get(url).content == b"complete"
    assert len(server.requests_to("/resume")) == 2


def test_read_timeout_is_retried_then_connection_failed(
    server: Server, make_client, waits: list[float]
) -> None:
    url = server.script("/slow", Reply(200, b"late", delay_s=2.0))

    with pytest.raises(ConnectionFailed) as err:
        make_client(read_timeout_s=0.3, max_retries=2, backoff_s=0.1).get(url)

    assert len(server.requests_to("/slow")) == 3
    assert waits == [0.1, 0.2]
    assert url in str(err.value) and "timed out" in str(err.value)


def test_read_timeout_shortened_by_deadline_is_deadline_exceeded(
    server: Server, make_client, waits: list[float]
) -> None:
    # try 1 times out at 0.3 s; try 2 only gets the 0.2 s left before the 0.5 s deadline.
    url = server.script("/slow", Reply(200, b"late", delay_s=2.0))

    start = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        make_client(read_timeout_s=0.3, deadline_s=0.5, max_retries=4, backoff_s=0.01).get(url)

    assert time.monotonic() - start < 1.5
    assert len(server.requests_to("/slow")) == 2
    assert waits == [0.01]


def test_timeouts_are_shortened_to_fit_the_deadline(server: Server, make_client) -> None:
    url = server.script("/silent", Reply(200, b"late", delay_s=3.0))

    start = time.monotonic()
    with pytest.raises(DeadlineExceeded) as err:
        make_client(read_timeout_s=2.5, deadline_s=0.3).get(url)

    assert time.monotonic() - start < 1.5  # not the full 2.5 s read timeout
    assert len(server.requests_to("/silent")) == 1
    assert url in str(err.value) and "0.3 s deadline" in str(err.value)


def test_slow_trickle_is_stopped_by_the_deadline(server: Server, make_client) -> None:
    url = server.script("/trickle", Reply(200, b"t" * 100, trickle_s=0.1))  # would take 10 s

    start = time.monotonic()
    with pytest.raises(DeadlineExceeded) as err:
        make_client(deadline_s=0.5, read_timeout_s=1.0).get(url)

    assert time.monotonic() - start < 1.5
    assert url in str(err.value)
    assert len(server.requests_to("/trickle")) == 1


def test_connection_refused_is_retried_then_connection_failed(
    make_client, waits: list[float]
) -> None:
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/nothing"

    with pytest.raises(ConnectionFailed) as err:
        make_client(max_retries=2, backoff_s=0.5).get(url)

    assert url in str(err.value)
    assert waits == [0.5, 1.0]


def test_errors_share_a_base_class_and_pickle(server: Server) -> None:
    url = server.script("/gone", Reply(404))
    with HttpClient(HttpPolicy(max_retries=0)) as client, pytest.raises(FetchError) as err:
        client.get(url)

    copy = pickle.loads(pickle.dumps(err.value))  # e.g. to cross a process boundary
    assert isinstance(copy, HttpStatusError)
    assert (copy.status, str(copy)) == (404, str(err.value))
    for error in (TooLargeError, DeadlineExceeded, TruncatedBodyError, ConnectionFailed):
        assert issubclass(error, FetchError)
