"""The `fxorleans sandbox stripe` command, and the SDK's own retries with its automatic keys."""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import stripe

from fxorleans.sandbox import cli
from tests.servers import free_port

from .helpers import NO_REDIRECTS, SECRET_KEY


def test_add_parser_registers_sandbox_stripe() -> None:
    parser = argparse.ArgumentParser(prog="fxorleans")
    cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["sandbox", "stripe", "--port", "4242", "--webhook-url",
                              "http://127.0.0.1:1/hook", "--webhook-secret", "whsec_x",
                              "--database", "sqlite:///x.db"])
    assert args.func is cli.run
    assert (args.host, args.port, args.database) == ("127.0.0.1", 4242, "sqlite:///x.db")
    assert (args.webhook_url, args.webhook_secret) == ("http://127.0.0.1:1/hook", "whsec_x")


def test_cli_serves_the_api(tmp_path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fxorleans.sandbox.cli", "sandbox", "stripe", "--port",
         str(port), "--database", f"sqlite:///{tmp_path / 'cli.db'}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                if httpx.get(f"{base}/v3/").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "CLI did not start"
            time.sleep(0.1)
        client = stripe.StripeClient(SECRET_KEY, base_addresses={"api": base})
        assert client.v1.customers.create(params={"name": "Ada"}).name == "Ada"
        assert "window.Stripe" in httpx.get(f"{base}/v3/").text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class _Flaky:
    """A proxy that forwards the first POST but hangs up before answering it."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.keys: list[str] = []
        flaky = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection")}
                resp = httpx.request(self.command, flaky.target + self.path, content=body,
                                     headers=headers)
                if self.command == "POST":
                    flaky.keys.append(self.headers.get("Idempotency-Key", ""))
                    if len(flaky.keys) == 1:
                        self.close_connection = True
                        return  # the response is lost on the way back
                self.send_response(resp.status_code)
                for k, v in resp.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection",
                                         "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(resp.content)))
                self.end_headers()
                self.wfile.write(resp.content)

            do_GET = do_POST = _forward

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def flaky(sandbox) -> Iterator[_Flaky]:
    proxy = _Flaky(sandbox.url)
    yield proxy
    proxy.server.shutdown()
    proxy.server.server_close()


def test_sdk_retry_after_a_lost_response_does_not_double_charge(flaky, client) -> None:
    retrying = stripe.StripeClient(SECRET_KEY, base_addresses={"api": flaky.url},
                                   max_network_retries=2)
    pi = retrying.v1.payment_intents.create(params={
        "amount": 80000, "currency": "usd", "capture_method": "manual",
        "payment_method": "pm_card_visa", "confirm": True,
        "automatic_payment_methods": NO_REDIRECTS, "metadata": {"booking_id": "retry"}})
    assert len(flaky.keys) == 2 and flaky.keys[0] == flaky.keys[1] != ""
    assert pi.last_response.headers["Idempotent-Replayed"] == "true"
    created = client.v1.events.list(params={"type": "payment_intent.created", "limit": 100})
    assert sum(e.data.object.metadata.to_dict().get("booking_id") == "retry"
               for e in created.data) == 1
