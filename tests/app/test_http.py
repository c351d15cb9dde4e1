"""/healthz and /metrics over a real HTTP connection."""

from __future__ import annotations

import httpx

from fxorleans.http import create_api
from fxorleans.store import db
from tests.payments.conftest import serve


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
