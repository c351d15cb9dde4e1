"""The sandbox's own tables (prefixed `sandbox_`) and a write transaction that serialises writers.

Stripe objects are stored as JSON documents; a few columns are lifted out for lookups. Every API
request runs in one transaction that takes the database's write lock first (SQLite `BEGIN
IMMEDIATE`, a transaction-scoped advisory lock on PostgreSQL), so a check-and-update is atomic even
when several processes serve the same database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Connection, Engine

metadata = MetaData()

objects = Table(
    "sandbox_objects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("object", String(32), nullable=False, index=True),
    Column("created", Integer, nullable=False),
    Column("position", Integer, nullable=False, index=True),  # insertion order (writes serialise)
    Column("parent", String(64), index=True),  # payment_intent of a charge/refund, customer of a pm
    Column("expires_at", Float, index=True),  # authorization deadline of an uncaptured intent
    Column("data", Text, nullable=False),
)

events = Table(
    "sandbox_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("type", String(64), nullable=False, index=True),
    Column("created", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

idempotency = Table(
    "sandbox_idempotency",
    metadata,
    Column("account", String(64), primary_key=True),  # hash of the API key
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("request_id", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created", Float, nullable=False),
)

deliveries = Table(
    "sandbox_webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("status", String(16), nullable=False, index=True),  # pending / delivered / failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False, index=True),
    Column("locked_until", Float, nullable=False, default=0.0),
    Column("last_response", Text),
)

_PG_LOCK_ID = 0x57A1B3  # arbitrary, constant: "the sandbox's write lock"


def make_engine(database_url: str | None) -> Engine:
    """An engine on `database_url`, or on a fresh temporary SQLite file; tables created."""
    if not database_url:
        fd, path = tempfile.mkstemp(prefix="fxo-stripe-sandbox-", suffix=".db")
        os.close(fd)
        database_url = f"sqlite:///{path}"
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url, connect_args={"timeout": 30, "check_same_thread": False}
        )
        _take_over_sqlite_transactions(engine)
    else:
        engine = create_engine(database_url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def _take_over_sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own BEGIN is deferred; we want the write lock up front (BEGIN IMMEDIATE).
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        dbapi_conn.execute("PRAGMA busy_timeout=30000")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One serialised read-modify-write transaction."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})
        yield conn
