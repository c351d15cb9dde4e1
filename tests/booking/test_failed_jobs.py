"""Failed outbox jobs on the desk: an admin retries one or dismisses it with a reason; a
dismissed payment job leaves its booking flagged until someone resolves it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, uow, worker
from fxorleans.domain import desk, jobs
from fxorleans.store import db
from fxorleans.store.tables import OutboxJob, User
from tests.booking.test_closing import World, _paid, world  # noqa: F401 - the fixture


def _admin() -> UserDTO:
    with db.reading() as s:
        return to_dto(s.exec(select(User).where(User.role == "admin")).one())


def _capture_job() -> OutboxJob:
    with db.reading() as s:
        return s.exec(select(OutboxJob).where(OutboxJob.kind == jobs.CAPTURE)).one()


def _failed_capture(w: World) -> tuple[str, int]:
    """A completed session whose authorization someone cancelled at Stripe by hand."""
    booking_id = _paid(w, 30)
    b = uow.load(booking_id)
    assert b is not None and b.intent_id
    w.sdk.v1.payment_intents.cancel(b.intent_id)
    clock.advance(timedelta(hours=33))
    assert closing.confirm_completion(booking_id, w.partner) is None
    worker.tick()
    job = _capture_job()
    assert job.status == "failed" and job.id is not None
    return booking_id, job.id


def test_an_admin_retries_a_failed_job(world: World) -> None:  # noqa: F811
    _booking_id, job_id = _failed_capture(world)
    assert closing.retry_job(job_id, world.client) == closing.FORBIDDEN
    assert closing.retry_job(job_id, _admin()) is None
    job = _capture_job()
    assert (job.status, job.attempts) == ("pending", 0)
    worker.tick()  # it fails again: the intent is gone
    assert _capture_job().status == "failed"
    assert closing.retry_job(10**9, _admin()) == "Only a failed job can be retried."


def test_a_dismissed_payment_job_flags_the_booking_until_resolved(world: World) -> None:  # noqa: F811
    booking_id, job_id = _failed_capture(world)
    admin = _admin()
    assert closing.dismiss_job(job_id, admin, " ") == desk.NO_REASON
    assert closing.dismiss_job(job_id, world.partner, "x") == closing.FORBIDDEN
    assert closing.dismiss_job(job_id, admin, "Client paid by bank transfer") is None
    job = _capture_job()
    assert job.status == "dismissed" and "Client paid by bank transfer" in (job.last_error or "")
    b = uow.load(booking_id)
    assert b is not None and b.flag == "payment.capture: Client paid by bank transfer"
    assert closing.dismiss_job(job_id, admin, "again") == "Only a failed job can be dismissed."
    assert closing.resolve_flag(booking_id, admin, "") == desk.NO_REASON
    assert closing.resolve_flag(booking_id, admin, "Transfer received") is None
    b = uow.load(booking_id)
    assert b is not None and b.flag == ""
    assert closing.resolve_flag(booking_id, admin, "again") == desk.NOT_FLAGGED
