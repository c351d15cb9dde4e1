"""An admin refunds captured money, part or all, against the sandbox: one Stripe Refund per
request under its own key, never more than was captured, even with two admins at once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, uow, worker
from fxorleans.booking.registry import HANDLERS
from fxorleans.domain import booking as bk
from fxorleans.domain import jobs
from fxorleans.store import db
from fxorleans.store.tables import PaymentView, User
from tests.booking.test_closing import World, _paid, world  # noqa: F401 - the fixture


def _admin() -> UserDTO:
    with db.reading() as s:
        return to_dto(s.exec(select(User).where(User.role == "admin")).one())


def _captured(w: World) -> str:
    booking_id = _paid(w, 30)
    clock.advance(timedelta(hours=33))
    assert closing.confirm_completion(booking_id, w.partner) is None
    worker.tick()
    b = uow.load(booking_id)
    assert b is not None and b.status == bk.Status.PAID and b.captured == 80000
    return booking_id


def _refunds(w: World, b: bk.Booking) -> list[int]:
    assert b.intent_id
    found = w.sdk.v1.refunds.list({"payment_intent": b.intent_id})
    return sorted(int(r.amount) for r in found.data)


def test_an_admin_refunds_part_then_the_rest(world: World) -> None:  # noqa: F811
    booking_id = _captured(world)
    admin = _admin()
    assert closing.refund(booking_id, admin, "200.00", "") is not None  # a reason is needed
    assert closing.refund(booking_id, admin, "200.001", "goodwill") is not None
    assert closing.refund(booking_id, admin, "200.00", "Half the hour was lost") is None
    worker.tick()
    b = uow.load(booking_id)
    assert b is not None and (b.refunded, b.captured) == (20000, 80000)
    assert _refunds(world, b) == [20000]
    with db.reading() as s:
        view = s.get(PaymentView, booking_id)
        assert view is not None and view.status == "partially_refunded"
        assert (view.partner_share, view.platform_share) == (48000, 12000)  # of $600.00 net
    assert closing.refund(booking_id, admin, "600.01", "more") == \
        "At most $600.00 can still be refunded."
    assert closing.refund(booking_id, admin, "600.00", "the rest") is None
    worker.tick()
    b = uow.load(booking_id)
    assert b is not None and b.refunded == 80000 and _refunds(world, b) == [20000, 60000]
    # The job again: Stripe is not asked twice, nothing is recorded twice.
    HANDLERS[jobs.REFUND]({"booking_id": booking_id, "sequence": 2, "amount": 60000})
    again = uow.load(booking_id)
    assert again is not None and again.version == b.version
    assert _refunds(world, b) == [20000, 60000]


def test_only_admins_refund_and_only_captured_money(world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    admin = _admin()
    assert closing.refund(booking_id, admin, "100.00", "x") == \
        closing.refunding.NOT_CAPTURED
    clock.advance(timedelta(hours=33))
    closing.confirm_completion(booking_id, world.partner)
    worker.tick()
    assert closing.refund(booking_id, world.client, "100.00", "x") == closing.FORBIDDEN
    assert closing.refund(booking_id, world.partner, "100.00", "x") == closing.FORBIDDEN
    assert closing.refund(booking_id, admin, "0", "x") is not None
    assert closing.refund(booking_id, admin, "lots", "x") is not None


def test_two_admins_at_once_cannot_refund_more_than_was_captured(
        world: World) -> None:  # noqa: F811
    booking_id = _captured(world)
    admin = _admin()
    answers: list[str | None] = []
    barrier = threading.Barrier(2)

    def go() -> None:
        barrier.wait()
        answers.append(closing.refund(booking_id, admin, "500.00", "duplicate click"))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers.count(None) == 1 and "At most $300.00" in str(answers)
    worker.tick()
    b = uow.load(booking_id)
    assert b is not None and b.refunded == 50000 and _refunds(world, b) == [50000]
