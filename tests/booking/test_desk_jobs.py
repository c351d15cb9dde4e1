"""A job that runs out of attempts shows on the admin's desk; an admin (only) retries it or
dismisses it with a reason."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, desk_jobs, outbox
from fxorleans.domain import desk
from fxorleans.domain.jobs import Job
from fxorleans.store import db
from fxorleans.store.tables import OutboxJob, User
from tests.booking.test_closing import World, world  # noqa: F401

KIND = "test.broken"


def _broken(_payload: dict[str, Any]) -> None:
    raise RuntimeError("the provider said no " + "x" * 400)


def _failed_job(key: str, booking_id: str) -> int:
    with db.transaction() as s:
        outbox.enqueue(s, Job(KIND, key, {"booking_id": booking_id, "secret": "sk_live_nope"},
                              max_attempts=2))
    for _ in range(2):
        with db.transaction() as s:  # the backoff is over: the next attempt is due now
            row = s.exec(select(OutboxJob).where(OutboxJob.idempotency_key == key)).one()
            assert row.status == "pending"
            row.next_attempt_at = clock.now()
            s.add(row)
        outbox.run_due({KIND: _broken}, limit=100)
    found = [j for j in desk_jobs.failed() if j.kind == KIND and j.booking_id == booking_id]
    assert len(found) == 1
    return found[0].id


def test_a_failed_job_is_listed_retried_and_dismissed(world: World) -> None:  # noqa: F811
    job_id = _failed_job("test-broken-1", "bk-desk-1")
    (row,) = [j for j in desk_jobs.failed() if j.id == job_id]
    assert row.attempts == 2 and row.booking_id == "bk-desk-1"
    assert row.error.startswith("RuntimeError: the provider said no")
    assert len(row.error) <= desk_jobs.ERROR_MAX
    assert "sk_live" not in repr(row)

    assert closing.retry_job(job_id, world.client) == closing.FORBIDDEN
    assert job_id in [j.id for j in desk_jobs.failed()]
    admin = _admin()
    assert closing.retry_job(job_id, admin) is None
    assert job_id not in [j.id for j in desk_jobs.failed()]
    with db.reading() as s:
        again = s.get(OutboxJob, job_id)
        assert again is not None and again.status == "pending" and again.attempts == 0
    assert closing.retry_job(job_id, admin) == "Only a failed job can be retried."

    other = _failed_job("test-broken-2", "")
    assert closing.dismiss_job(other, world.partner, "no") == closing.FORBIDDEN
    assert closing.dismiss_job(other, admin, "   ") == desk.NO_REASON
    assert other in [j.id for j in desk_jobs.failed()]
    assert closing.dismiss_job(other, admin, "A test job: nothing to redo.") is None
    assert other not in [j.id for j in desk_jobs.failed()]
    with db.reading() as s:
        gone = s.get(OutboxJob, other)
        assert gone is not None and gone.status == "dismissed"
        assert (gone.last_error or "").startswith("dismissed: A test job")


def _admin() -> UserDTO:
    with db.reading() as s:
        return to_dto(s.exec(select(User).where(User.email == "root@example.com")).one())
