"""A real HTTP server on 127.0.0.1 for tests, answering each path from a script.

Used by the HTTP client tests, the live-fetch tests and (later) the fault-injection suite:
statuses, delays, trickled bodies, truncated bodies and chunked replies really happen on the
socket.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    """One scripted answer. `length` overrides the announced Content-Length; -1 sends none."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # silence before the status line
    length: int | None = None
    chunked: bool = False
    trickle_s: float = 0.0  # pause after each body byte


class Server:
    """State shared with the handler: scripts per path and every request received."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Reply]] = {}
        self.received: list[tuple[str, Message]] = []
        self.client_ports: list[int] = []  # one port per TCP connection the client opened
        self.stop = threading.Event()
        self.base = ""

    def script(self, path: str, *replies: Reply) -> str:
        """Answer `path` with `replies` in order; the last one repeats forever. Returns the URL."""
        self.scripts[path] = list(replies)
        return self.base + path

    def requests_to(self, path: str) -> list[Message]:
        return [headers for p, headers in self.received if p == path]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked encoding, like real servers
    disable_nagle_algorithm = True  # else each reply waits ~40 ms for a delayed ACK
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        state: Server = self.server.state  # type: ignore[attr-defined]
        state.received.append((self.path, self.headers))
        state.client_ports.append(self.client_address[1])
        script = state.scripts.get(self.path) or [Reply(404, b"no script")]
        reply = script.pop(0) if len(script) > 1 else script[0]
        if reply.delay_s and state.stop.wait(reply.delay_s):
            return
        try:
            self._send(reply, state.stop)
        except OSError:  # the client hung up on us, which is often the point of the test
            self.close_connection = True

    def _send(self, reply: Reply, stop: threading.Event) -> None:
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif reply.length == -1:
            self.send_header("Connection", "close")  # body ends when the connection closes
            self.close_connection = True
        elif reply.status != 304:
            length = len(reply.body) if reply.length is None else reply.length
            self.send_header("Content-Length", str(length))
            self.close_connection = length > len(reply.body)  # hang up early: truncated body
        self.end_headers()
        if reply.chunked:
            for i in range(0, len(reply.body), 64):
                piece = reply.body[i : i + 64]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif reply.trickle_s:
            for byte in reply.body:
                self.wfile.write(bytes([byte]))
                if stop.wait(reply.trickle_s):
                    return
        else:
            self.wfile.write(reply.body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-connection is what these tests do: don't print tracebacks."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.state = state  # type: ignore[attr-defined]
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield state
    state.stop.set()  # wake handlers that are stalling on purpose
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)
