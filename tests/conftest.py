"""Shared fixtures: a migrated database (SQLite always, PostgreSQL when configured), the clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from fxorleans import clock, config
from fxorleans.store import db, migrate

POSTGRES_URL = os.environ.get("FXO_TEST_POSTGRES_URL", "")
REDIS_URL = os.environ.get("FXO_TEST_REDIS_URL", "")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


@pytest.fixture
def frozen() -> datetime:
    """The clock stopped at a Monday morning, 2026-12-07 08:00 UTC."""
    at = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    clock.freeze(at)
    return at


def _fresh_postgres(url: str) -> sa.Engine:
    engine = db.configure(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    return engine


def make_database(backend: str, tmp_path) -> sa.Engine:  # type: ignore[no-untyped-def]
    if backend == "postgres":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL test: set FXO_TEST_POSTGRES_URL (CI does)")
        engine = _fresh_postgres(POSTGRES_URL)
    else:
        engine = db.configure(f"sqlite:///{tmp_path / 'test.db'}")
    migrate.upgrade(engine)
    return engine


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path) -> Iterator[sa.Engine]:  # type: ignore[no-untyped-def]
    """A freshly migrated database on each backend; the app's code uses it through db.engine()."""
    engine = make_database(request.param, tmp_path)
    yield engine
    db.dispose_all()


@pytest.fixture
def sqlite_db(tmp_path) -> Iterator[sa.Engine]:  # type: ignore[no-untyped-def]
    engine = make_database("sqlite", tmp_path)
    yield engine
    db.dispose_all()


@pytest.fixture(autouse=True)
def _settings(monkeypatch, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Tests never read the developer's own environment for these."""
    for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET",
                 "DATABASE_URL", "REFLEX_REDIS_URL", "OPENAI_API_KEY", "SMTP_HOST", "FXO_ENV",
                 "FXO_DEMO", "FXO_TEST_CLOCK", "METRICS_TOKEN", "FXO_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'default.db'}")
    config.reload()
    yield
    get_cache_clear = config.get.cache_clear  # a test may leave unreadable values behind
    get_cache_clear()
