"""The failed outbox jobs, for the admin's desk: what ran, for which booking, and why it failed.

Only the booking id is read from a payload: the other keys stay out of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fxorleans.booking import outbox
from fxorleans.store import db

ERROR_MAX = 300


@dataclass(frozen=True)
class FailedJob:
    id: int
    kind: str
    booking_id: str  # "" when the job is not about one booking
    attempts: int
    error: str  # the last error, cut to ERROR_MAX characters
    failed_at: datetime  # when its last attempt started


def _cut(text: str | None) -> str:
    text = (text or "").strip()
    return text if len(text) <= ERROR_MAX else text[:ERROR_MAX - 1].rstrip() + "…"


def failed(limit: int = 100) -> list[FailedJob]:
    """The newest failed jobs first, at most `limit`."""
    with db.reading() as session:
        jobs = outbox.failed_jobs(session)[:limit]
        # a claim leases the job for LEASE; a failed job keeps the lease of its last attempt
        return [FailedJob(job.id or 0, job.kind, str(job.payload.get("booking_id") or ""),
                          job.attempts, _cut(job.last_error),
                          job.next_attempt_at - outbox.LEASE) for job in jobs]
