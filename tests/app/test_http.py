"""/healthz and /metrics over a real HTTP connection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
        assert datetime.fromisoformat(moved.json()["now"]) >= before + timedelta(hours=1)
        assert httpx.post(f"{server.url}/api/test/clock", json={}).status_code == 400
    finally:
        server.stop()
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_live_abc")
    with pytest.raises(config.ConfigError, match="refused"):
        config.reload()
    monkeypatch.delenv("STRIPE_SECRET_KEY")


def test_the_test_clock_moves_forward_at_most_fourteen_days(sqlite_db, monkeypatch) -> None:
    from fxorleans import clock

    monkeypatch.setenv("FXO_TEST_CLOCK", "1")
    config.reload()
    clock.freeze(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    server = serve(create_api())
    url = f"{server.url}/api/test/clock"
    try:
        fortnight = 14 * 24 * 3600
        assert httpx.post(url, json={"advance_seconds": fortnight}).json()["now"] \
            == "2026-12-21T08:00:00+00:00"
        too_far = httpx.post(url, json={"advance_seconds": fortnight + 1})
        assert too_far.status_code == 400 and "14 days" in too_far.json()["error"]
        back = httpx.post(url, json={"advance_seconds": -60})
        assert back.status_code == 400 and "forward" in back.json()["error"]
        for nonsense in ("nan", "inf", "soon"):
            assert httpx.post(url, json={"advance_seconds": nonsense}).status_code == 400
        assert httpx.post(url, content=b"not json").status_code == 400
        assert clock.now() == datetime(2026, 12, 21, 8, 0, tzinfo=UTC)  # refusals moved nothing
    finally:
        server.stop()


def test_no_test_clock_and_no_sandbox_in_production(sqlite_db, monkeypatch) -> None:
    from fxorleans.http import sandbox_app

    assert sandbox_app() is not None  # development without a Stripe key: the embedded default
    monkeypatch.setenv("FXO_ENV", "production")
    monkeypatch.setenv("FXO_TEST_CLOCK", "1")
    settings = config.reload()
    assert settings.production and settings.test_clock and settings.uses_sandbox
    assert sandbox_app() is None
    server = serve(create_api())
    try:
        assert httpx.post(f"{server.url}/api/test/clock",
                          json={"advance_seconds": 60}).status_code == 404
        assert httpx.get(f"{server.url}/sandbox/stripe/v3/").status_code == 404
    finally:
        server.stop()


def test_security_headers_on_every_response(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    from fxorleans.http import security_headers

    server = serve(security_headers(create_api()))
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


def test_metrics_need_the_token_in_production_even_from_loopback(sqlite_db, monkeypatch) -> None:
    monkeypatch.setenv("FXO_ENV", "production")
    config.reload()
    server = serve(create_api())  # uvicorn on 127.0.0.1: every caller here is loopback
    try:
        assert httpx.get(f"{server.url}/metrics").status_code == 403
    finally:
        server.stop()
    monkeypatch.setenv("METRICS_TOKEN", "prod-scrape-token")
    config.reload()
    server = serve(create_api())
    try:
        assert httpx.get(f"{server.url}/metrics").status_code == 403
        assert httpx.get(f"{server.url}/metrics",
                         headers={"Authorization": "Bearer nope"}).status_code == 403
        ok = httpx.get(f"{server.url}/metrics",
                       headers={"Authorization": "Bearer prod-scrape-token"})
        assert ok.status_code == 200 and "fxo_bookings" in ok.text
    finally:
        server.stop()
    monkeypatch.delenv("FXO_ENV")
    monkeypatch.delenv("METRICS_TOKEN")
    config.reload()
    server = serve(create_api())
    try:  # development keeps loopback access without a token
        assert httpx.get(f"{server.url}/metrics").status_code == 200
    finally:
        server.stop()
