"""A sliding-window counter kept in the database, so every worker sees the same count.

Count-then-record is only exact when concurrent attempts on one key take turns. On SQLite,
BEGIN IMMEDIATE already makes every writing transaction wait for the previous one. On
PostgreSQL each key gets a transaction-scoped advisory lock, taken by every function here
before it reads or writes the key's hits: a second attempt on the same key waits until the
first one's transaction ends, whichever caller (login, sign-up, reset, match) it comes from.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, delete, select

from fxorleans import clock
from fxorleans.store.tables import RateEvent

# Two-int advisory locks live in their own key space, apart from the event store's bigint one.
_LOCK_NAMESPACE = 7_331_002


def lock(session: Session, *keys: str) -> None:
    """Make concurrent transactions on these keys take turns until this one ends.

    Callers that check several keys (a login checks account and address) take them all here
    first; they are locked in one fixed order, so two such callers cannot deadlock.
    Taking a key again in the same transaction is free of effect.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for key in sorted(set(keys)):
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:ns, hashtext(:k))"),
                        {"ns": _LOCK_NAMESPACE, "k": key})


def count(session: Session, key: str, window: timedelta) -> int:
    lock(session, key)
    since = clock.now() - window
    return session.exec(
        select(sa.func.count()).select_from(RateEvent)
        .where(col(RateEvent.key) == key, col(RateEvent.at) > since)
    ).one()


def latest(session: Session, key: str, window: timedelta, limit: int) -> list[datetime]:
    """The times of the newest `limit` hits inside `window`, newest first."""
    lock(session, key)
    since = clock.now() - window
    return list(session.exec(
        select(RateEvent.at).where(col(RateEvent.key) == key, col(RateEvent.at) > since)
        .order_by(sa.desc(col(RateEvent.at))).limit(limit)
    ).all())


def hit(session: Session, key: str) -> None:
    lock(session, key)
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
    lock(session, key)
    since = clock.now() - window
    times = session.exec(
        select(RateEvent.at).where(col(RateEvent.key) == key, col(RateEvent.at) > since)
        .order_by(sa.desc(col(RateEvent.at))).limit(limit)
    ).all()
    if len(times) < limit:
        return timedelta(0)
    return max(times[-1] + window - clock.now(), timedelta(0))


def clear(session: Session, key: str) -> None:
    lock(session, key)
    session.exec(delete(RateEvent).where(col(RateEvent.key) == key))


def clear_prefix(session: Session, prefix: str) -> None:
    """Forget every key that starts with `prefix` (say, one account from every address)."""
    session.exec(delete(RateEvent).where(col(RateEvent.key).startswith(prefix, autoescape=True)))


def prune(session: Session, older_than: timedelta = timedelta(days=2)) -> None:
    session.exec(delete(RateEvent).where(col(RateEvent.at) < clock.now() - older_than))
