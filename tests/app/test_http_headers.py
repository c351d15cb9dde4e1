"""The policy browsers get: CSP, HSTS and the origins we answer, from the settings alone."""

from __future__ import annotations

import httpx
import pytest

from fxorleans import config
from fxorleans.http import create_api, security_headers
from fxorleans.http_headers import allowed_origins, content_security_policy, response_headers
from tests.servers import serve


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split("; "))}


def _settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> config.Settings:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return config.reload()


def test_the_policy_locks_everything_to_our_own_origin(monkeypatch) -> None:
    csp = _directives(content_security_policy(_settings(monkeypatch), "devbox"))
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    # Reflex's prerendered inline scripts and call_script's eval, nothing from elsewhere
    assert csp["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'",
                                 "http://localhost:3000"]
    assert csp["connect-src"][:2] == ["'self'", "ws://localhost:3000"]
    assert "ws://127.0.0.1:3000" in csp["connect-src"] and "ws://devbox:3000" in csp["connect-src"]
    assert not any("stripe.com" in v for values in csp.values() for v in values)


def test_stripe_is_allowed_only_with_a_real_key(monkeypatch) -> None:
    s = _settings(monkeypatch, STRIPE_SECRET_KEY="sk_test_x", STRIPE_PUBLISHABLE_KEY="pk_test_x")
    csp = _directives(content_security_policy(s))
    assert "https://js.stripe.com" in csp["script-src"]
    assert csp["frame-src"] == ["'self'", "https://js.stripe.com", "https://*.js.stripe.com",
                                "https://hooks.stripe.com"]
    assert "https://api.stripe.com" in csp["connect-src"]
    assert "http://localhost:3000" not in csp["script-src"]  # no sandbox script any more


def test_stripe_elsewhere_and_a_sandbox_elsewhere_are_allowed_by_origin(monkeypatch) -> None:
    s = _settings(monkeypatch, STRIPE_SECRET_KEY="sk_test_x", STRIPE_PUBLISHABLE_KEY="pk_test_x",
                  STRIPE_JS_URL="http://127.0.0.1:4555/v3/",
                  STRIPE_API_BASE="http://127.0.0.1:4556")
    csp = _directives(content_security_policy(s))
    assert "http://127.0.0.1:4555" in csp["script-src"]
    assert csp["frame-src"] == ["'self'", "http://127.0.0.1:4555"]
    assert not any("stripe.com" in v for values in csp.values() for v in values)
    assert "http://127.0.0.1:4556" in csp["connect-src"]
    assert "https://api.stripe.com" not in csp["connect-src"]
    monkeypatch.delenv("STRIPE_SECRET_KEY")
    s = _settings(monkeypatch, FXO_SANDBOX_API_BASE="http://127.0.0.1:12111")
    csp = _directives(content_security_policy(s))
    assert csp["script-src"][-1] == "http://127.0.0.1:12111"
    assert "http://127.0.0.1:12111" in csp["connect-src"]


def test_hsts_only_over_https(monkeypatch) -> None:
    assert "strict-transport-security" not in dict(response_headers(_settings(monkeypatch)))
    secure = _settings(monkeypatch, PUBLIC_URL="https://book.fx-orleans.example")
    assert dict(response_headers(secure))["strict-transport-security"] == \
        "max-age=31536000; includeSubDomains"
    connect = _directives(content_security_policy(secure))["connect-src"]
    assert "wss://book.fx-orleans.example" in connect


def test_development_answers_every_local_name_production_only_public_url(monkeypatch) -> None:
    dev = _settings(monkeypatch, PUBLIC_URL="http://localhost:3000")
    assert allowed_origins(dev, "DevBox") == [
        "http://localhost:3000", "http://127.0.0.1:3000", "http://devbox:3000"]
    assert "http://evil.example" not in allowed_origins(dev, "devbox")
    prod = _settings(monkeypatch, FXO_ENV="production", PUBLIC_URL="https://fx-orleans.example/")
    assert allowed_origins(prod, "devbox") == ["https://fx-orleans.example"]
    connect = _directives(content_security_policy(prod, "devbox"))["connect-src"]
    assert "ws://devbox:3000" not in connect and "ws://127.0.0.1:3000" not in connect


def test_every_response_carries_the_policy(sqlite_db, monkeypatch) -> None:
    _settings(monkeypatch, PUBLIC_URL="https://fx-orleans.example")
    server = serve(security_headers(create_api()))
    try:
        for path in ("/healthz", "/nowhere", "/metrics"):
            reply = httpx.get(f"{server.url}{path}")
            assert reply.headers["content-security-policy"] == \
                content_security_policy(config.get(), _hostname())
            assert reply.headers["strict-transport-security"].startswith("max-age=31536000")
    finally:
        server.stop()


def _hostname() -> str:
    import socket

    return socket.gethostname()
