"""Engines and transactions. SQLite by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from fxorleans import config

_lock = threading.Lock()
_engines: dict[str, sa.Engine] = {}
_current: str | None = None


def normalize_url(url: str) -> str:
    """postgres:// and postgresql:// mean the psycopg 3 driver here."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: object) -> None:
            # Let SQLAlchemy own transactions, so BEGIN IMMEDIATE below takes the write lock
            # up front: two writers never deadlock upgrading a read lock.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def configure(url: str | None = None) -> sa.Engine:
    """Point the app at `url` (default: DATABASE_URL) and return its engine."""
    global _current
    url = normalize_url(url or config.get().database_url)
    with _lock:
        if url not in _engines:
            _engines[url] = _make_engine(url)
        _current = url
        return _engines[url]


def engine() -> sa.Engine:
    if _current is None:
        return configure()
    return _engines[_current]


def dispose_all() -> None:
    global _current
    with _lock:
        for eng in _engines.values():
            eng.dispose()
        _engines.clear()
        _current = None


@contextmanager
def transaction() -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error."""
    with Session(engine(), expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading() -> Iterator[Session]:
    with Session(engine(), expire_on_commit=False) as session:
        yield session


def ping() -> bool:
    try:
        with engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False
