"""/healthz and /metrics over a real HTTP connection."""

from __future__ import annotations

import httpx
import pytest

from fxorleans import config
from fxorleans.http import create_api
from fxorleans.store import db
from tests.servers import serve


def test_healthz_is_200_with_the_database_and_503_without(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    server = serve(create_api())
    try:
        ok = httpx.get(f"{server.url}/healthz")
        assert ok.status_code == 200 and ok.json()["database"] == "reachable"
        metrics = httpx.get(f"{server.url}/metrics")
        assert metrics.status_code == 200 and "fxo_outbox_jobs" in metrics.text
        db.configure("postgresql+psycopg://nobody@127.0.0.1:1/none")  # nothing listens there
        down = httpx.get(f"{server.url}/healthz")
        assert down.status_code == 503 and down.json()["database"] == "unreachable"
    finally:
        server.stop()


def test_test_clock_route_exists_only_in_test_mode(sqlite_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fxorleans import clock

    server = serve(create_api())
    try:
        assert httpx.post(f"{server.url}/api/test/clock",
                          json={"advance_seconds": 60}).status_code == 404
    finally:
        server.stop()
    monkeypatch.setenv("FXO_TEST_CLOCK", "1")
    config.reload()
    server = serve(create_api())
    try:
        before = clock.now()
        moved = httpx.post(f"{server.url}/api/test/clock", json={"advance_seconds": 3600})
        assert moved.status_code == 200
        assert (clock.now() - before).total_seconds() >= 3600
        assert httpx.post(f"{server.url}/api/test/clock", json={}).status_code == 400
    finally:
        server.stop()
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_live_abc")
    with pytest.raises(RuntimeError, match="refused"):
        config.reload()
    monkeypatch.delenv("STRIPE_SECRET_KEY")


def test_security_headers_on_every_response(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    from fxorleans.http import security_headers

    server = serve(security_headers(create_api()))  # type: ignore[arg-type]
    try:
        reply = httpx.get(f"{server.url}/healthz")
        assert reply.headers["x-frame-options"] == "DENY"
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert httpx.get(f"{server.url}/nowhere").headers["x-frame-options"] == "DENY"
    finally:
        server.stop()


def test_metrics_need_the_token_when_one_is_set(sqlite_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("METRICS_TOKEN", "s3cret-scrape-token")
    config.reload()
    server = serve(create_api())
    try:
        assert httpx.get(f"{server.url}/metrics").status_code == 403
        assert httpx.get(f"{server.url}/metrics",
                         headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = httpx.get(f"{server.url}/metrics",
                       headers={"Authorization": "Bearer s3cret-scrape-token"})
        assert ok.status_code == 200 and "fxo_bookings" in ok.text
    finally:
        server.stop()
