"""An admin settles a held authorization from the desk, against the sandbox with the test
clock: capture a session nobody confirmed once its authorization nears its lapse (which
flags the booking), release one before its start, keep part of a completed one."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.domain import desk, jobs
from fxorleans.store import db, eventstore
from fxorleans.store.tables import MailMessage, OutboxJob, User
from tests.booking.test_closing import World, _paid, world  # noqa: F401 - the fixture


def _admin() -> UserDTO:
    with db.reading() as s:
        return to_dto(s.exec(select(User).where(User.role == "admin")).one())


def _load(booking_id: str) -> bk.Booking:
    b = uow.load(booking_id)
    assert b is not None
    return b


def _events(booking_id: str) -> list[str]:
    with db.reading() as s:
        return [e.event.type for e in eventstore.read_stream(s, f"booking-{booking_id}")]


def _intent(w: World, booking_id: str) -> tuple[str, int]:
    b = _load(booking_id)
    assert b.intent_id
    pi = w.sdk.v1.payment_intents.retrieve(b.intent_id)
    return pi.status, int(pi.amount_received or 0)


def _mail_to(address: str, subject_part: str) -> list[MailMessage]:
    with db.reading() as s:
        rows = s.exec(select(MailMessage).where(MailMessage.to_addr == address)).all()
    return [m for m in rows if subject_part in m.subject]


def test_a_lapsing_authorization_is_flagged_and_the_admin_captures_it(world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    b = _load(booking_id)
    assert b.capture_before is not None
    # the partner never confirms; a day before the authorization lapses the desk is told
    clock.advance(b.capture_before - jobs.DEADLINE_WARNING - clock.now() + timedelta(minutes=1))
    worker.tick()
    b = _load(booking_id)
    assert b.flag.startswith("Authorization lapses soon") and b.captured == 0
    assert "AuthorizationLapsing" in _events(booking_id)
    worker.tick()  # the alert the deadline job left
    assert _mail_to("root@example.com", "Action needed") != []  # an e-mail besides the flag
    admin = _admin()
    assert closing.decide(booking_id, world.partner, "0", "x") == closing.FORBIDDEN
    assert closing.decide(booking_id, admin, "0", " ") == desk.NO_REASON
    assert closing.decide(booking_id, admin, "0", "Partner confirmed by phone") is None
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.captured, b.flag) == (bk.Status.PAID, 80000, "")
    assert _intent(world, booking_id) == ("succeeded", 80000)
    assert _events(booking_id)[-3:] == ["CaptureOrdered", "FlagResolved", "PaymentCaptured"]
    assert closing.decide(booking_id, admin, "0", "again") == desk.NOTHING_HELD


def test_an_admin_releases_a_held_booking_before_its_start(world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    admin = _admin()
    assert closing.decide(booking_id, admin, "0", "too early") == desk.NOT_ENDED
    assert closing.decide(booking_id, admin, "800.01", "too much") is not None
    assert closing.decide(booking_id, admin, "800.00", "Partner is ill") is None
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.captured, b.released, b.cancelled_by) == (
        bk.Status.REFUNDED, 0, 80000, "admin")
    assert _intent(world, booking_id) == ("canceled", 0)
    with db.reading() as s:
        kinds = {j.kind for j in s.exec(select(OutboxJob)).all()}
    assert {jobs.CANCEL_MEETING, jobs.NOTIFY_CANCELLED} <= kinds
    with db.reading() as s:
        told = {m.to_addr for m in s.exec(select(MailMessage)).all()
                if m.subject.startswith("Cancelled")}
    assert len(told) == 2 and world.client.email in told  # the client and the partner


def test_an_admin_keeps_part_of_a_completed_session_and_nothing_is_captured_twice(
        world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    clock.advance(timedelta(hours=31, minutes=5))
    assert closing.confirm_completion(booking_id, world.partner) is None
    assert closing.decide(booking_id, _admin(), "200.00", "Half the hour was lost") is None
    worker.tick()
    clock.advance(timedelta(hours=2))  # the capture job of the completion comes due
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.captured, b.released) == (bk.Status.REFUNDED, 60000, 20000)
    assert _intent(world, booking_id) == ("succeeded", 60000)
    assert _events(booking_id).count("PaymentCaptured") == 1
