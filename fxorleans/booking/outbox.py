"""The durable outbox: side effects written with the events, executed later with retries."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from fxorleans import clock
from fxorleans.domain.jobs import Job
from fxorleans.store import db
from fxorleans.store.tables import OutboxJob

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BASE_DELAY = timedelta(seconds=10)
MAX_DELAY = timedelta(hours=1)

Handler = Callable[[dict[str, Any]], None]

__all__ = ["Handler", "Job", "PermanentError", "backoff", "dismiss", "enqueue", "failed_jobs",
           "retry", "run_due"]


class PermanentError(Exception):
    """A failure that retrying cannot fix: the job fails at once, visibly."""


def enqueue(session: Session, job: Job) -> None:
    if session.exec(select(OutboxJob.id).where(OutboxJob.idempotency_key == job.key)).first():
        return
    now = clock.now()
    session.add(OutboxJob(kind=job.kind, payload=job.payload, idempotency_key=job.key,
                          next_attempt_at=now + job.delay, created_at=now,
                          max_attempts=job.max_attempts))
    session.flush()


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s ... capped at an hour."""
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def _claim(limit: int) -> list[tuple[int, str, dict[str, Any], int]]:
    now = clock.now()
    with db.transaction() as session:
        query = (select(OutboxJob)
                 .where(col(OutboxJob.status) == "pending", col(OutboxJob.next_attempt_at) <= now)
                 .order_by(col(OutboxJob.next_attempt_at), col(OutboxJob.id)).limit(limit))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        jobs = session.exec(query).all()
        claimed = []
        for job in jobs:
            job.attempts += 1
            job.next_attempt_at = now + LEASE  # a crashed worker's job comes back after this
            session.add(job)
            assert job.id is not None
            claimed.append((job.id, job.kind, dict(job.payload), job.attempts))
        return claimed


def _finish(job_id: int, error: str | None, permanent: bool = False) -> None:
    now = clock.now()
    with db.transaction() as session:
        job = session.get(OutboxJob, job_id)
        if job is None:
            return
        if error is None:
            job.status, job.done_at, job.last_error = "done", now, None
        else:
            job.last_error = error[:2000]
            if permanent or job.attempts >= job.max_attempts:
                job.status = "failed"
                log.error("outbox job %s (%s) failed for good: %s", job.id, job.kind, error)
            else:
                job.next_attempt_at = now + backoff(job.attempts)
        session.add(job)


def run_due(handlers: Mapping[str, Handler], limit: int = 20) -> int:
    """Execute due jobs once with the handler of their kind; returns how many ran."""
    ran = 0
    for job_id, kind, payload, _attempts in _claim(limit):
        fn = handlers.get(kind)
        if fn is None:
            _finish(job_id, f"no handler for {kind!r}", permanent=True)
            continue
        try:
            fn(payload)
        except PermanentError as exc:
            _finish(job_id, f"{type(exc).__name__}: {exc}", permanent=True)
        except Exception as exc:  # noqa: BLE001 - every failure is retried, then shown to admins
            log.warning("outbox job %s (%s) attempt failed: %s", job_id, kind, exc)
            _finish(job_id, f"{type(exc).__name__}: {exc}")
        else:
            _finish(job_id, None)
        ran += 1
    return ran


def failed_jobs(session: Session) -> list[OutboxJob]:
    return list(session.exec(select(OutboxJob).where(col(OutboxJob.status) == "failed")
                             .order_by(col(OutboxJob.id).desc())).all())


def retry(job_id: int) -> OutboxJob | None:
    """A failed job runs again now, with a fresh count of attempts."""
    with db.transaction() as session:
        job = session.get(OutboxJob, job_id)
        if job is None or job.status != "failed":
            return None
        job.status, job.attempts, job.next_attempt_at = "pending", 0, clock.now()
        session.add(job)
        session.flush()
        session.expunge(job)
        return job


def dismiss(job_id: int, reason: str) -> OutboxJob | None:
    """A failed job nobody will run again; its error and the reason stay on record."""
    with db.transaction() as session:
        job = session.get(OutboxJob, job_id)
        if job is None or job.status != "failed":
            return None
        job.status, job.done_at = "dismissed", clock.now()
        job.last_error = f"dismissed: {reason}\n{job.last_error or ''}"[:2000]
        session.add(job)
        session.flush()
        session.expunge(job)
        return job
