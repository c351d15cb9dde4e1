"""A sliding-window counter kept in the database, so every worker sees the same count."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from fxorleans import clock
from fxorleans.store.tables import RateEvent


def count(session: Session, key: str, window: timedelta) -> int:
    since = clock.now() - window
    return session.exec(
        select(sa.func.count()).select_from(RateEvent)
        .where(RateEvent.key == key, RateEvent.at > since)
    ).one()


def hit(session: Session, key: str) -> None:
    session.add(RateEvent(key=key, at=clock.now()))
    session.flush()


def allow(session: Session, key: str, limit: int, window: timedelta) -> bool:
    """Record a hit for `key` unless `limit` hits already fell inside `window`."""
    if count(session, key, window) >= limit:
        return False
    hit(session, key)
    return True


def retry_after(session: Session, key: str, limit: int, window: timedelta) -> timedelta:
    """How long until the oldest counted hit leaves the window."""
    since = clock.now() - window
    times = session.exec(
        select(RateEvent.at).where(RateEvent.key == key, RateEvent.at > since)
        .order_by(sa.desc(RateEvent.at)).limit(limit)
    ).all()
    if len(times) < limit:
        return timedelta(0)
    return max(times[-1] + window - clock.now(), timedelta(0))


def clear(session: Session, key: str) -> None:
    session.exec(delete(RateEvent).where(RateEvent.key == key))


def prune(session: Session, older_than: timedelta = timedelta(days=2)) -> None:
    session.exec(delete(RateEvent).where(RateEvent.at < clock.now() - older_than))
