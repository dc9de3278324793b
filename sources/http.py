"""The one HTTP client every live fetcher uses: polite, bounded and retrying.

All sources go through `HttpClient.get`, so all send the same User-Agent, support conditional
GET, retry transient failures with backoff and obey hard limits on size and wall-clock time:
a misbehaving server can slow a run down, but never hang it or fill the disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ProtocolError, ReadTimeoutError

from schemas.settings import UPSTREAM_MIRROR

USER_AGENT = "flopbase/0.1 (+https://github.com/flopbase/flopbase; open AI-hardware knowledge base)"
_CHUNK_BYTES = 64 * 1024
_REFUSED = "access refused: check the URL is public and the site allows our User-Agent"
_GONE = "nothing there: the source has moved, update its URL"
_HINTS = {401: _REFUSED, 403: _REFUSED, 404: _GONE, 410: _GONE}
# An upstream mirror: `https://host/path?q` is fetched as `<mirror>/host/path?q` (a caching
# proxy, an offline copy of the upstreams, or the fault-injection server of tests/faults/).
MIRROR_ENV = UPSTREAM_MIRROR.env


@dataclass(frozen=True)
class HttpPolicy:
    """Timeouts, retry schedule and limits for one `HttpClient.get` call."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0  # longest silence allowed from the server
    deadline_s: float = 300.0  # whole call: every attempt, every wait and the body download
    max_retries: int = 4  # retries after the first attempt
    backoff_s: float = 1.0  # wait before retry n (0-based) is backoff_s * 2**n ...
    max_backoff_s: float = 60.0  # ... but never more than this
    max_bytes: int = 256 * 1024 * 1024  # refuse or abort bodies larger than this
    user_agent: str = USER_AGENT
    mirror: str | None = None  # base URL every GET goes through; None: $FLOPBASE_UPSTREAM_MIRROR


@dataclass(frozen=True)
class Response:
    """A successful GET: the body, plus the validators for the next conditional GET."""

    url: str  # final URL, after redirects
    status: int
    content: bytes  # empty when not modified
    etag: str | None
    last_modified: str | None
    content_type: str | None

    @property
    def not_modified(self) -> bool:
        """True for a 304: the copy the caller already has is current."""
        return self.status == 304


class FetchError(Exception):
    """A GET failed; the message names the URL, what happened and what to do about it."""


class HttpStatusError(FetchError):
    """An error status: a non-retryable 4xx, or a 429/5xx that outlasted the retries."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait, if it said

    def __reduce__(self) -> tuple[type, tuple[str, int, float | None]]:  # survive pickling
        return type(self), (str(self), self.status, self.retry_after)


class TooLargeError(FetchError):
    """The body is, or was announced to be, larger than `HttpPolicy.max_bytes`."""


class DeadlineExceeded(FetchError):
    """The call's overall deadline passed, or a wait it needed would have passed it."""


class TruncatedBodyError(FetchError):
    """The connection broke before the whole body arrived (fewer bytes than announced)."""


class ConnectionFailed(FetchError):
    """Could not connect, or the server stayed silent past the timeout, on every attempt."""


class HttpClient:
    """One `requests.Session` with the project's policy; make one per run and close it.

    `sleep` and `clock` are injectable so tests can record retry waits instead of sleeping.
    """

    def __init__(
        self,
        policy: HttpPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy or HttpPolicy()
        self._sleep, self._clock = sleep, clock
        mirror = self.policy.mirror
        self.mirror = (UPSTREAM_MIRROR.text() if mirror is None else mirror).strip()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = self.policy.user_agent
        self.session.hooks["response"].append(_drop_redirect_body)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET `url`, retrying 429/5xx and connection failures; raise a `FetchError` if it can't.

        Give the `etag`/`last_modified` of the copy you have for a conditional GET: if it is
        still current the result has `not_modified=True` and empty content. With a mirror set
        the request goes to `mirrored(url, mirror)`, and errors name that URL.
        """
        p = self.policy
        url = mirrored(url, self.mirror)
        headers = {"If-None-Match": etag, "If-Modified-Since": last_modified, "Accept": accept}
        headers = {name: value for name, value in headers.items() if value}
        deadline = self._clock() + p.deadline_s
        for attempt in range(p.max_retries + 1):
            tries = f"try {attempt + 1}/{p.max_retries + 1}"
            try:
                return self._attempt(url, headers, deadline, tries)
            except FetchError as exc:
                if attempt == p.max_retries or not _is_transient(exc):
                    raise
                wait = getattr(exc, "retry_after", None)
                if wait is None:
                    wait = min(p.backoff_s * 2**attempt, p.max_backoff_s)
                if self._clock() + wait > deadline:
                    raise self._late(url, f"a {wait:g} s wait to retry ({exc}) would pass") from exc
                self._sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: str, headers: dict[str, str], deadline: float, tries: str) -> Response:
        """One request: 2xx/304 -> Response, anything else -> FetchError (`get` may retry)."""
        p = self.policy
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise self._late(url, "already past")
        timeout = (min(p.connect_timeout_s, remaining), min(p.read_timeout_s, remaining))
        try:
            resp = self.session.get(url, headers=headers, timeout=timeout, stream=True)
        except requests.Timeout as exc:  # a timeout we had to shorten means the deadline hit
            shortened = remaining < (
                p.read_timeout_s if isinstance(exc, requests.ReadTimeout) else p.connect_timeout_s
            )
            error = self._late(url, "timed out at") if shortened else _timed_out(url, tries, exc)
            raise error from exc
        except requests.ConnectionError as exc:
            raise ConnectionFailed(
                f"GET {url}: connection failed ({tries}): {exc}; check the URL and the network"
            ) from exc
        except requests.RequestException as exc:
            raise FetchError(f"GET {url}: request failed: {exc}; check the URL") from exc
        with resp:
            status, got = resp.status_code, resp.headers
            if status != 304 and not 200 <= status < 300:
                raise _status_error(url, resp, tries)
            # Read even a 304's (empty) body: that is what returns the connection to the pool.
            content = self._read_body(url, resp, deadline, tries)
            sent = headers if status == 304 else {}  # a 304 need not repeat the validators
            etag = got.get("ETag", sent.get("If-None-Match"))
            modified = got.get("Last-Modified", sent.get("If-Modified-Since"))
            return Response(resp.url, status, content, etag, modified, got.get("Content-Type"))

    def _read_body(self, url: str, resp: requests.Response, deadline: float, tries: str) -> bytes:
        """Stream the body, enforcing the size cap and the deadline between chunks."""
        cap = self.policy.max_bytes
        announced = resp.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > cap:
            raise TooLargeError(
                f"GET {url}: Content-Length {announced} is above the {cap} byte cap; not "
                "downloaded. Raise HttpPolicy.max_bytes if the file really is this big"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            # read1 returns what has arrived; read(n) and iter_content(n) wait for n bytes, so a
            # server trickling bytes could hold us far past the deadline between two checks.
            while chunk := resp.raw.read1(_CHUNK_BYTES, decode_content=True):
                size += len(chunk)
                if size > cap:
                    raise TooLargeError(
                        f"GET {url}: body passed the {cap} byte cap while downloading; aborted. "
                        "Raise HttpPolicy.max_bytes if the file really is this big"
                    )
                if self._clock() > deadline:
                    raise self._late(url, f"{size} bytes of body in, reached")
                chunks.append(chunk)
        except ReadTimeoutError as exc:
            late = self._clock() >= deadline
            error = self._late(url, "timed out at") if late else _timed_out(url, tries, exc)
            raise error from exc
        except ProtocolError as exc:  # urllib3's IncompleteRead and connection resets land here
            raise TruncatedBodyError(
                f"GET {url}: body cut off after {size} of {announced or 'unknown'} bytes "
                f"({tries}): {exc}; the server or network dropped the download: try again later"
            ) from exc
        except Urllib3Error as exc:  # e.g. a corrupt gzip body
            raise FetchError(f"GET {url}: could not read the body: {exc}") from exc
        return b"".join(chunks)

    def _late(self, url: str, what: str) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"GET {url}: {what} the {self.policy.deadline_s:g} s deadline; the server is too "
            "slow or asks us to wait too long: try later or raise HttpPolicy.deadline_s"
        )


def mirrored(url: str, mirror: str) -> str:
    """`url` as fetched through `mirror`: `https://host/path?q` -> `<mirror>/host/path?q`.

    The one place a mirror applies. No mirror, or a URL already under it, is left as is."""
    if not mirror:
        return url
    base = mirror.rstrip("/")
    if url == base or url.startswith(base + "/"):
        return url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"cannot fetch {url!r} through the mirror {base}: not an http(s) URL")
    query = f"?{parts.query}" if parts.query else ""
    return f"{base}/{parts.netloc}{parts.path or '/'}{query}"


def _drop_redirect_body(resp: requests.Response, *args: object, **kwargs: object) -> None:
    """requests reads each redirect's whole body, with no size cap or deadline: never let it."""
    if resp.is_redirect:
        resp.raw.close()


def _timed_out(url: str, tries: str, exc: Exception) -> ConnectionFailed:
    return ConnectionFailed(
        f"GET {url}: timed out ({tries}): {exc}; the server is slow or unreachable: "
        "try later or raise the HttpPolicy timeouts"
    )


def _is_transient(exc: FetchError) -> bool:
    """Worth retrying: rate limiting, server errors, broken or silent connections."""
    if isinstance(exc, HttpStatusError):
        return exc.status == 429 or exc.status >= 500
    return isinstance(exc, ConnectionFailed | TruncatedBodyError)


def _status_error(url: str, resp: requests.Response, tries: str) -> HttpStatusError:
    status = resp.status_code
    hint = _HINTS.get(status, "the server rejected the request: check the URL")
    if status == 429 or status >= 500:
        hint = "the server is failing or rate-limiting us: try again later"
    retry_after = _retry_after(resp.headers.get("Retry-After")) if status in (429, 503) else None
    message = f"GET {url}: HTTP {status} {resp.reason} ({tries}); {hint}"
    return HttpStatusError(message, status, retry_after)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None if absent or bad."""
    if not value or not value.strip():
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
