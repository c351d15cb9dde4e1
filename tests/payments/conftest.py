"""The real sandbox over HTTP (uvicorn in a thread on a free loopback port) and the real SDK."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import stripe
from starlette.applications import Starlette

from fxorleans.sandbox.server import create_app
from fxorleans.services.payments import StripeGateway
from tests.servers import Served
from tests.servers import serve as serve_app

SECRET_KEY = "sk_test_payments_0123456789"
PUBLISHABLE_KEY = "pk_test_payments_0123456789"
WEBHOOK_SECRET = "whsec_payments_test"


class Sandbox(Served):
    def client(self) -> stripe.StripeClient:
        """The test's own SDK client, to act as the browser would (confirm, authenticate)."""
        return stripe.StripeClient(SECRET_KEY, base_addresses={"api": self.url})

    def gateway(self, webhook_secret: str = WEBHOOK_SECRET) -> StripeGateway:
        return StripeGateway(SECRET_KEY, PUBLISHABLE_KEY, webhook_secret, self.url,
                             f"{self.url}/v3/", is_sandbox=True)


def serve(app: Starlette) -> Sandbox:
    return serve_app(app, Sandbox)


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    db = tmp_path_factory.mktemp("payments-sandbox") / "stripe.db"
    running = serve(create_app(f"sqlite:///{db}", deliver_in_background=False))
    yield running
    running.stop()


@pytest.fixture
def start_sandbox(tmp_path: Path) -> Iterator[Callable[..., Sandbox]]:
    started: list[Sandbox] = []

    def start(**kwargs) -> Sandbox:
        running = serve(create_app(f"sqlite:///{tmp_path / 'own.db'}",
                                   deliver_in_background=False, **kwargs))
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def gateway(sandbox: Sandbox) -> StripeGateway:
    return sandbox.gateway()


@pytest.fixture
def client(sandbox: Sandbox) -> stripe.StripeClient:
    return sandbox.client()


@pytest.fixture
def booking_id() -> str:
    return f"bk_{uuid.uuid4().hex[:12]}"


@dataclass
class Receiver:
    """A tiny webhook endpoint that records every POST and answers 200."""

    url: str = ""
    received: list[tuple[bytes, str]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    rec = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            rec.received.append((body, self.headers.get("Stripe-Signature", "")))
            self.send_response(200)
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # stripe-python's HTTPX client posts its form body with `data=<str>`, which httpx deprecates.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.filterwarnings(
                "ignore:Use 'content=<...>':DeprecationWarning"))
