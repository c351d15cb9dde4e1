"""Bodies above 1 MiB are refused with 413 on the webhook and the sandbox, over raw HTTP.

Raw sockets, because the point is what the server does before the body has arrived: a declared
Content-Length is refused with no body sent at all, a chunked body as soon as it passes the cap.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from fxorleans.http import create_api
from fxorleans.http_limits import MAX_BODY_BYTES
from fxorleans.sandbox.server import create_app
from tests.servers import Served, serve

WEBHOOK = "/api/stripe/webhook"


@pytest.fixture
def api(sqlite_db, tmp_path) -> Iterator[Served]:
    sandbox = create_app(f"sqlite:///{tmp_path / 'stripe.db'}", deliver_in_background=False)
    server = serve(create_api(sandbox))
    yield server
    server.stop()


@pytest.fixture
def standalone_sandbox(tmp_path) -> Iterator[Served]:
    server = serve(create_app(f"sqlite:///{tmp_path / 'alone.db'}", deliver_in_background=False))
    yield server
    server.stop()


def _connect(url: str) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    return sock


def _status(sock: socket.socket) -> int:
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1])


def declared_only(url: str, path: str, length: int) -> int:
    """Send the headers of a `length`-byte POST and no body; the status that comes back."""
    with _connect(url) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {length}\r\n\r\n".encode())
        return _status(sock)


def chunked(url: str, path: str, total: int, chunk: int = 64 * 1024) -> int:
    """Stream `total` bytes in chunks with no Content-Length, stopping once the server answers."""
    with _connect(url) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        sent = 0
        try:
            while sent < total:
                n = min(chunk, total - sent)
                sock.sendall(f"{n:x}\r\n".encode() + b"x" * n + b"\r\n")
                sent += n
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the end: that is the point
        return _status(sock)


def test_a_declared_oversize_body_is_refused_before_it_is_sent(api) -> None:
    assert declared_only(api.url, WEBHOOK, MAX_BODY_BYTES + 1) == 413
    assert declared_only(api.url, "/sandbox/stripe/v1/payment_intents", 5_000_000) == 413


def test_a_chunked_oversize_body_is_counted_and_refused(api) -> None:
    assert chunked(api.url, WEBHOOK, MAX_BODY_BYTES + 10) == 413
    assert chunked(api.url, "/sandbox/stripe/v1/payment_intents", MAX_BODY_BYTES * 2) == 413


def test_bodies_that_fit_reach_the_handlers(api) -> None:
    # The webhook reads the body and finds no valid signature; the sandbox asks for a key.
    assert chunked(api.url, WEBHOOK, MAX_BODY_BYTES) == 400
    assert chunked(api.url, "/sandbox/stripe/v1/payment_intents", 1000) == 401


def test_the_standalone_sandbox_has_the_same_cap(standalone_sandbox) -> None:
    assert declared_only(standalone_sandbox.url, "/v1/customers", MAX_BODY_BYTES + 1) == 413
    assert chunked(standalone_sandbox.url, "/v1/customers", MAX_BODY_BYTES + 1) == 413
    assert chunked(standalone_sandbox.url, "/v1/customers", 10) == 401
