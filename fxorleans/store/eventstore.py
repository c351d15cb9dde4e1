"""Append-only event log with optimistic concurrency per stream."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from fxorleans import clock
from fxorleans.domain import events as ev
from fxorleans.store.tables import EventRecord

# Any constant works: it only has to be the same for every writer of the log.
_APPEND_LOCK_KEY = 7_331_001


class ConcurrencyError(Exception):
    """Somebody else appended to the stream first: reload and decide again."""


@dataclass(frozen=True)
class StoredEvent:
    position: int
    stream_id: str
    version: int
    event: ev.Event
    metadata: dict[str, Any]
    recorded_at: datetime


def _stored(row: EventRecord) -> StoredEvent:
    assert row.position is not None
    return StoredEvent(
        position=row.position,
        stream_id=row.stream_id,
        version=row.version,
        event=ev.from_data(row.type, row.data),
        metadata=row.meta,
        recorded_at=row.recorded_at,
    )


def append(
    session: Session,
    stream_id: str,
    expected_version: int,
    events: Sequence[ev.Event],
    metadata: dict[str, Any] | None = None,
) -> list[StoredEvent]:
    """Append `events` after `expected_version` (0 for a new stream) in the open transaction."""
    if not events:
        return []
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        # Serialise appenders so global positions become visible in commit order: a reader
        # that has seen position N never later finds a smaller one appear.
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _APPEND_LOCK_KEY})
    current = session.exec(
        select(sa.func.max(EventRecord.version)).where(EventRecord.stream_id == stream_id)
    ).one()
    if (current or 0) != expected_version:
        raise ConcurrencyError(
            f"{stream_id}: expected version {expected_version}, found {current or 0}")
    now = clock.now()
    rows = [
        EventRecord(
            stream_id=stream_id,
            version=expected_version + i,
            type=e.type,
            schema_version=e.schema_version,
            data=e.to_data(),
            meta=dict(metadata or {}),
            recorded_at=now,
        )
        for i, e in enumerate(events, start=1)
    ]
    try:
        with session.begin_nested():
            session.add_all(rows)
            session.flush()
    except IntegrityError as exc:
        raise ConcurrencyError(f"{stream_id}: a concurrent append won") from exc
    return [_stored(r) for r in rows]


def read_stream(session: Session, stream_id: str) -> list[StoredEvent]:
    rows = session.exec(
        select(EventRecord).where(EventRecord.stream_id == stream_id)
        .order_by(col(EventRecord.version))
    ).all()
    return [_stored(r) for r in rows]


def read_all(session: Session, after: int = 0, limit: int = 1000) -> list[StoredEvent]:
    rows = session.exec(
        select(EventRecord)
        .where(col(EventRecord.position) > after)
        .order_by(col(EventRecord.position))
        .limit(limit)
    ).all()
    return [_stored(r) for r in rows]


def stream_ids(session: Session, prefix: str) -> list[str]:
    return list(session.exec(
        select(EventRecord.stream_id).where(EventRecord.stream_id.startswith(prefix)).distinct()
    ).all())
