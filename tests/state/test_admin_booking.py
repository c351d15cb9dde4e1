"""The admin's booking page: only admins see it or refund from it (checked on the server, on
load and in the refund handlers); an admin sees the money, the provider's state and every event,
and a refund shows up once the real worker has carried it out."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from reflex.event import EventSpec
from sqlmodel import select

from fxorleans import routes
from fxorleans.accounts import service as accounts
from fxorleans.accounts.passwords import hash_password
from fxorleans.booking import uow, worker
from fxorleans.state.admin_booking import NOT_ADMIN, AdminBookingState, BookingFacts
from fxorleans.store import db
from fxorleans.store.tables import User
from tests.booking.test_closing import World, world  # noqa: F401 - the fixture
from tests.booking.test_refunds import _captured
from tests.statekit import call, make_state

PASSWORD = "correct horse battery"


def _token(email: str, password: str = PASSWORD) -> str:
    return accounts.login(email, password, "a")[0]


def _partner_token() -> str:
    # the fixture's partner has no password: give them one, as an invitation would
    with db.transaction() as s:
        row = s.exec(select(User).where(User.email == "ines@example.com")).one()
        row.password_hash = hash_password(PASSWORD)
        s.add(row)
    return _token("ines@example.com")


def _page(token: str, booking_id: str) -> AdminBookingState:
    return make_state(AdminBookingState, token=token, path=routes.admin_booking(booking_id))


def _refunded(booking_id: str) -> tuple[int, int]:
    b = uow.load(booking_id)
    assert b is not None
    return b.refund_requested, b.refunded


@pytest.fixture
def running_worker() -> Iterator[None]:
    """The worker, as the app runs it: ticking in the background."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(0.2):
            worker.tick()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()


@pytest.mark.parametrize("who", ["client", "partner"])
def test_clients_and_partners_are_refused_on_load_and_refund(world: World, who: str  # noqa: F811
                                                            ) -> None:
    booking_id = _captured(world)
    token = _token(world.client.email) if who == "client" else _partner_token()
    state = _page(token, booking_id)
    yielded = call(state, "load")
    assert any(isinstance(e, EventSpec) and "redirect" in str(e) for e in yielded)
    assert not state.found and state.events == [] and state.money.net == ""
    assert state.booking.booking_id == ""

    # a forged event: point the form at the booking and press the buttons anyway
    state.booking = BookingFacts(booking_id=booking_id)
    call(state, "open_refund", {"amount": "200.00", "reason": "I would like my money"})
    assert state.error == NOT_ADMIN and not state.confirming
    state.amount, state.reason = "200.00", "I would like my money"
    call(state, "confirm_refund")
    assert state.error == NOT_ADMIN and state.notice == ""
    assert _refunded(booking_id) == (0, 0)


def test_signed_out_callers_are_sent_to_sign_in(world: World) -> None:  # noqa: F811
    booking_id = _captured(world)
    state = _page("", booking_id)
    yielded = call(state, "load")
    assert any("/login" in str(e) for e in yielded) and not state.found
    call(state, "confirm_refund")
    assert state.error == NOT_ADMIN and _refunded(booking_id) == (0, 0)


def test_an_admin_refunds_200_of_800_and_sees_600_net(world: World,  # noqa: F811
                                                      running_worker: None) -> None:
    booking_id = _captured(world)
    state = _page(_token("root@example.com", "admin password 1"), booking_id)
    assert call(state, "load") == []
    assert state.found and state.booking.status == "Paid"
    assert (state.money.authorized, state.money.captured, state.money.refunded,
            state.money.net) == ("$800.00", "$800.00", "$0.00", "$800.00")
    assert state.amount == "800.00"  # the whole remainder by default
    assert state.provider_status == "ok" and state.provider.status == "succeeded"
    assert "PaymentCaptured" in [e.name for e in state.events]

    call(state, "open_refund", {"amount": "200.00", "reason": ""})
    assert "reason" in state.error and not state.confirming
    call(state, "open_refund", {"amount": "2O0", "reason": "Half the hour was lost"})
    assert state.error == "Enter an amount like 200.00." and not state.confirming
    call(state, "open_refund", {"amount": "200.00", "reason": "Half the hour was lost"})
    assert state.confirming and state.confirm_amount == "$200.00" and state.error == ""
    call(state, "confirm_refund")
    assert not state.confirming and not state.waiting and state.error == ""
    assert state.notice == "Refunded $200.00."
    assert state.money.net == "$600.00" and state.money.refunded == "$200.00"
    assert state.money.refundable == "$600.00" and state.amount == "600.00"
    names = [e.name for e in state.events]
    assert names[-2:] == ["RefundRequested", "PaymentRefunded"]
    asked = state.events[-2]
    assert (asked.role, asked.who) == ("admin", "Administrator (root@example.com)")
    assert asked.detail == "$200.00 · Half the hour was lost"
    assert (state.events[-1].role, state.events[-1].who) == ("system", "")  # said once

    # more than the remainder: the use case refuses, the dialog says why
    call(state, "open_refund", {"amount": "600.01", "reason": "the rest and a cent"})
    assert state.confirming
    call(state, "confirm_refund")
    assert state.confirming and state.error == "At most $600.00 can still be refunded."
    call(state, "close_dialog")
    assert not state.confirming and state.error == ""
    assert _refunded(booking_id) == (20000, 20000)


def test_an_unknown_booking_is_not_found(world: World) -> None:  # noqa: F811
    state = _page(_token("root@example.com", "admin password 1"), "0" * 32)
    assert call(state, "load") == []
    assert state.auth_checked and not state.found and state.provider_status == "none"
