"""Real sandbox servers (uvicorn in a thread, on a free loopback port) and the real Stripe SDK."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import stripe
from starlette.applications import Starlette

from fxorleans import clock
from fxorleans.sandbox.server import create_app
from tests.servers import Served
from tests.servers import serve as serve_app

from .helpers import SECRET_KEY


class Running(Served):
    def client(self, key: str = SECRET_KEY) -> stripe.StripeClient:
        return stripe.StripeClient(key, base_addresses={"api": self.url},
                                   max_network_retries=2)


def serve(app: Starlette) -> Running:
    return serve_app(app, Running)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    db = tmp_path_factory.mktemp("sandbox") / "stripe.db"
    running = serve(create_app(f"sqlite:///{db}", deliver_in_background=False))
    yield running
    running.stop()


@pytest.fixture
def start_sandbox(tmp_path: Path) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []

    def start(database_url: str | None = None, **kwargs) -> Running:
        running = serve(create_app(database_url or f"sqlite:///{tmp_path / 'own.db'}",
                                   **kwargs))
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def client(sandbox: Running) -> stripe.StripeClient:
    return sandbox.client()


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


@dataclass
class Receiver:
    """A tiny webhook endpoint: records every POST; answers with `statuses` in turn, then 200."""

    url: str = ""
    received: list[tuple[bytes, str]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def wait_for(self, n: int, timeout: float = 5.0) -> list[tuple[bytes, str]]:
        deadline = time.monotonic() + timeout
        while len(self.received) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.received)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            rec.received.append((body, self.headers.get("Stripe-Signature", "")))
            status = rec.statuses.pop(0) if rec.statuses else 200
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    rec.url = f"http://127.0.0.1:{server.server_address[1]}/webhook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rec
    server.shutdown()
    server.server_close()
