"""An admin decides a reported problem against the sandbox: capture as it stands, refund
part (only the retained part is captured), or refund all (the authorization is cancelled)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from fxorleans import clock
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.domain import desk
from fxorleans.store import db
from fxorleans.store.tables import User
from tests.booking.test_closing import World, _paid, world  # noqa: F401 - the fixture


def _admin() -> UserDTO:
    with db.reading() as s:
        return to_dto(s.exec(select(User).where(User.role == "admin")).one())


def _reported(w: World) -> str:
    booking_id = _paid(w, 30)
    clock.advance(timedelta(hours=30, minutes=20))
    assert closing.report_problem(booking_id, w.client, "The partner joined 40 minutes late.") \
        is None
    return booking_id


def _state(w: World, booking_id: str) -> tuple[bk.Status, int, int, str, int]:
    b = uow.load(booking_id)
    assert b is not None and b.intent_id
    pi = w.sdk.v1.payment_intents.retrieve(b.intent_id)
    return b.status, b.captured, b.released, pi.status, int(pi.amount_received or 0)


@pytest.mark.parametrize(("refund", "expected"), [
    ("0", (bk.Status.PAID, 80000, 0, "succeeded", 80000)),
    ("300.00", (bk.Status.REFUNDED, 50000, 30000, "succeeded", 50000)),
    ("800.00", (bk.Status.REFUNDED, 0, 80000, "canceled", 0)),
])
def test_an_admin_resolves_a_reported_problem(world: World, refund: str,  # noqa: F811
                                              expected: tuple[object, ...]) -> None:
    booking_id = _reported(world)
    assert closing.decide(booking_id, _admin(), refund, "") == desk.NO_REASON
    assert closing.decide(booking_id, _admin(), "800.01", "x") is not None
    assert closing.decide(booking_id, _admin(), refund, "Checked the call log") is None
    worker.tick()
    assert _state(world, booking_id) == expected
    assert closing.decide(booking_id, _admin(), refund, "again") == desk.NOTHING_HELD


def test_only_an_admin_decides_and_nothing_is_captured_before_the_end(
        world: World) -> None:  # noqa: F811
    booking_id = _paid(world, 30)
    assert closing.decide(booking_id, _admin(), "0", "x") == desk.NOT_ENDED
    clock.advance(timedelta(hours=30, minutes=20))
    closing.report_problem(booking_id, world.client, "The partner joined 40 minutes late.")
    for caller in (world.client, world.partner):
        assert closing.decide(booking_id, caller, "0", "x") == closing.FORBIDDEN
    b = uow.load(booking_id)
    assert b is not None and b.status == bk.Status.PROBLEM
