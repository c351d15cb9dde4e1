"""The HTTP edges of the running app (`reflex run --env prod`, pages and API on one port).

The headers must reach what Reflex serves itself (prerendered pages, the static bundle), and
the origins must be the ones `allowed_origins` names: the socket and CORS both.
"""

from __future__ import annotations

import base64
import os
import re
import socket
import uuid
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from fxorleans import config
from fxorleans.http_headers import content_security_policy

pytestmark = pytest.mark.browser


def test_pages_and_static_files_carry_the_policy(app_url, monkeypatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", app_url)  # the app's settings, as appserver.py sets them
    policy = content_security_policy(config.reload(), socket.gethostname())
    page = httpx.get(f"{app_url}/login", follow_redirects=True)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert page.headers["content-security-policy"] == policy
    assert page.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in page.headers  # PUBLIC_URL is http here
    scripts = re.findall(r'(?:src|href)="(/assets/[^"]+\.js)"', page.text)
    assert scripts, "the prerendered page names its bundle"
    bundle = httpx.get(f"{app_url}{scripts[0]}")
    assert bundle.status_code == 200
    assert bundle.headers["content-security-policy"] == policy
    sandbox_js = httpx.get(f"{app_url}/sandbox/stripe/v3/")
    assert sandbox_js.headers["content-security-policy"] == policy
    assert "script-src 'self' 'unsafe-inline' 'unsafe-eval' " in policy


def _socket_handshake(app_url: str, origin: str) -> int:
    """Open Reflex's event websocket with `origin`; the HTTP status of the handshake."""
    parts = urlsplit(app_url)
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10) as s:
        s.sendall((f"GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\n"
                   f"Host: {parts.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                   f"Origin: {origin}\r\n\r\n").encode())
        head = b""
        while b"\r\n" not in head:
            chunk = s.recv(1024)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1])


def test_the_event_socket_answers_local_origins_only(app_url) -> None:
    port = urlsplit(app_url).port
    assert _socket_handshake(app_url, app_url) == 101
    assert _socket_handshake(app_url, f"http://127.0.0.1:{port}") == 101
    assert _socket_handshake(app_url, f"http://{socket.gethostname()}:{port}") == 101
    assert _socket_handshake(app_url, "http://evil.example") != 101
    assert _socket_handshake(app_url, f"http://127.0.0.1:{port + 1}") != 101


def test_cors_answers_local_origins_only(app_url) -> None:
    port = urlsplit(app_url).port
    local = f"http://127.0.0.1:{port}"
    allowed = httpx.get(f"{app_url}/healthz", headers={"Origin": local})
    assert allowed.headers.get("access-control-allow-origin") == local
    refused = httpx.get(f"{app_url}/healthz", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in refused.headers
    preflight = httpx.options(f"{app_url}/healthz", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers


def test_the_app_works_opened_on_127_0_0_1(browser, app_url) -> None:
    loopback = app_url.replace("://localhost", "://127.0.0.1", 1)
    context = browser.new_context(base_url=loopback)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" and (
        "Content Security Policy" in m.text or "Refused to" in m.text) else None)
    try:
        page.goto("/register")
        page.get_by_label("Your name").fill("Lou Loopback")
        page.get_by_label("E-mail").fill(f"loop-{uuid.uuid4().hex[:8]}@example.com")
        page.get_by_label("Password", exact=True).fill("correct horse battery")
        page.get_by_label("Repeat the password").fill("correct horse battery")
        page.locator("#register-submit").click()  # an event over the websocket
        expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible(
            timeout=20_000)
        expect(page.get_by_text("Cannot connect to server")).to_have_count(0)
    finally:
        context.close()
    assert not refused


def test_what_a_policy_blocks_shows_on_the_console(browser, app_url) -> None:
    # The check every `page` runs (conftest.py) listens for these messages: with the inline
    # scripts of the prerendered page forbidden, the browser must report them.
    context = browser.new_context(base_url=app_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def stricter(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-security-policy": "default-src 'self'"})

    page.route(re.compile(r"/login/?$"), stricter)
    try:
        page.goto("/login")
        page.wait_for_timeout(1500)
    finally:
        context.close()
    assert any("violates the following Content Security Policy" in e for e in errors), errors
