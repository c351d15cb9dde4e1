"""Closing a session from the pages: the dashboard's and the bookings page's handlers check the
role and the ownership on the server, then the real use cases run against the sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import stripe
from sqlmodel import select

from fxorleans import clock, config, routes
from fxorleans.accounts import service as accounts
from fxorleans.booking import directory, holds, payment, uow, worker
from fxorleans.domain import booking as bk
from fxorleans.sandbox.server import create_app
from fxorleans.state.bookings import BookingsState
from fxorleans.state.dashboard import DashboardState
from fxorleans.store import db
from fxorleans.store.tables import User
from tests.factories import partner_record
from tests.sandbox.conftest import Running, serve
from tests.statekit import call, make_state

INES = partner_record("ines-duarte", "Inês", "Duarte", "CISO", "SOC 2", "Europe/Lisbon")
OMAR = partner_record("omar-haddad", "Omar", "Haddad", "CTO", "AWS", "Europe/Paris")
PROBLEM = "Our biggest prospect needs a SOC 2 Type II report before signing."
MONDAY = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@dataclass
class World:
    sandbox: Running
    sdk: stripe.StripeClient
    tokens: dict[str, str]
    client_id: str


def _partner_login(partner_id: str, email: str) -> str:
    with db.transaction() as s:
        accounts.create_user(s, email, PASSWORD, role="partner", name=partner_id,
                             partner_id=partner_id, verified=True)
    return accounts.login(email, PASSWORD, "a")[0]


@pytest.fixture
def world(sqlite_db, tmp_path, monkeypatch) -> Iterator[World]:
    clock.freeze(MONDAY)
    sandbox = serve(create_app(f"sqlite:///{tmp_path / 'stripe.db'}",
                               deliver_in_background=False))
    monkeypatch.setenv("FXO_SANDBOX_API_BASE", sandbox.url)
    monkeypatch.setenv("SESSION_IDLE_HOURS", "240")  # the clock jumps past sessions' ends
    config.reload()
    directory.import_partners([INES, OMAR])
    client = accounts.register("pat@example.com", PASSWORD, "Pat Payer", "a", "America/New_York")
    with db.transaction() as s:
        row = s.exec(select(User).where(User.id == client.id)).one()
        row.email_verified_at = clock.now()
    accounts.register("bob@example.com", PASSWORD, "Bob", "a")
    tokens = {"pat": accounts.login("pat@example.com", PASSWORD, "a")[0],
              "bob": accounts.login("bob@example.com", PASSWORD, "a")[0],
              "ines": _partner_login("ines-duarte", "ines@example.com"),
              "omar": _partner_login("omar-haddad", "omar@example.com")}
    yield World(sandbox, stripe.StripeClient("sk_test_any", base_addresses={"api": sandbox.url}),
                tokens, client.id)
    sandbox.stop()


def _paid(w: World, hours_ahead: int) -> str:
    hold = holds.place_hold(client_id=w.client_id, partner_id="ines-duarte",
                            start=clock.now() + timedelta(hours=hours_ahead), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, w.client_id, "pat@example.com"))
    payment.accept_policy(hold.booking_id, w.client_id)
    w.sdk.v1.payment_intents.confirm(started.intent_id, {"payment_method": "pm_card_visa"})
    asyncio.run(payment.verify(hold.booking_id, started.intent_id,
                               uow.Actor(w.client_id, "client")))
    worker.tick()
    return hold.booking_id


def _status(booking_id: str) -> bk.Status:
    b = uow.load(booking_id)
    assert b is not None
    return b.status


def _dashboard(w: World, who: str) -> DashboardState:
    state = make_state(DashboardState, token=w.tokens[who], path=routes.DASHBOARD)
    call(state, "load")
    return state


def _bookings(w: World, who: str) -> BookingsState:
    state = make_state(BookingsState, token=w.tokens[who], path=routes.BOOKINGS)
    call(state, "load_client")
    return state


def _aim(state: DashboardState | BookingsState, action: str, booking_id: str) -> None:
    """What a forged event would do: point the dialog at any booking, skipping `open_*`."""
    state.action, state.target_id = action, booking_id


def test_a_client_cannot_use_the_partners_handlers(world: World) -> None:
    booking_id = _paid(world, 30)
    state = _dashboard(world, "pat")
    assert state.upcoming == [] and state.earnings.total == ""
    clock.advance(timedelta(hours=32))
    for action in ("complete", "no_show", "cancel"):
        _aim(state, action, booking_id)
        state.reason = "no reason"
        call(state, "confirm")
        assert state.error == "Only the session's partner can do this."
    assert _status(booking_id) == bk.Status.CONFIRMED


def test_a_partner_cannot_use_the_clients_handlers(world: World) -> None:
    booking_id = _paid(world, 30)
    state = _bookings(world, "ines")
    assert state.rows == []
    _aim(state, "cancel", booking_id)
    call(state, "fetch_quote")
    assert state.quote == "" and state.error == "Only the booking's client can do this."
    call(state, "confirm")
    assert state.error == "Only the booking's client can do this."
    assert _status(booking_id) == bk.Status.CONFIRMED


def test_a_partner_cannot_act_on_another_partners_session(world: World) -> None:
    booking_id = _paid(world, 30)
    omar = _dashboard(world, "omar")
    assert omar.upcoming == [] and omar.past == []
    call(omar, "open_action", "cancel", booking_id)  # not in Omar's list: nothing opens
    assert omar.action == ""
    _aim(omar, "cancel", booking_id)
    omar.reason = "I would like this slot back"
    call(omar, "confirm")
    assert omar.error == "This session is not one of yours."
    clock.advance(timedelta(hours=32))
    _aim(omar, "complete", booking_id)
    call(omar, "confirm")
    assert omar.error == "This session is not one of yours."
    assert _status(booking_id) == bk.Status.CONFIRMED


def test_partner_confirms_completion_and_the_dashboard_shows_the_earnings(world: World) -> None:
    booking_id = _paid(world, 30)
    ines = _dashboard(world, "ines")
    [row] = ines.upcoming
    assert (row.client, row.problem, row.status) == ("Pat Payer", PROBLEM, "Confirmed")
    assert row.can_cancel and not row.can_complete and "(Europe/Lisbon" in row.when
    assert row.meeting_url.startswith("http")
    assert (ines.earnings.pending, ines.earnings.total) == ("$640.00", "$0.00")
    assert ines.profile_href == "/partner/ines-duarte"
    clock.advance(timedelta(hours=31, minutes=5))
    call(ines, "load")
    [row] = ines.past
    assert row.can_complete and row.can_no_show and not row.can_cancel
    call(ines, "open_action", "complete", booking_id)
    call(ines, "confirm")
    assert ines.error == "" and ines.action == "" and ines.notice.startswith("Completion")
    assert _status(booking_id) == bk.Status.COMPLETED
    clock.advance(timedelta(minutes=30))
    worker.tick()
    call(ines, "load")
    assert ines.past[0].status == "Paid" and not ines.past[0].can_complete
    assert (ines.earnings.this_month, ines.earnings.total, ines.earnings.pending) == (
        "$640.00", "$640.00", "$0.00")


def test_partner_cancels_with_a_reason_only(world: World) -> None:
    booking_id = _paid(world, 30)
    ines = _dashboard(world, "ines")
    call(ines, "open_action", "cancel", booking_id)
    call(ines, "confirm")
    assert ines.error.startswith("Please give the client a reason")
    call(ines, "set_reason", "I am unwell.")
    call(ines, "confirm")
    assert ines.error == "" and _status(booking_id) in (bk.Status.CANCELLED, bk.Status.REFUNDED)


def test_client_sees_the_quote_then_cancels(world: World) -> None:
    booking_id = _paid(world, 30)
    clock.advance(timedelta(minutes=20))  # past the grace period: the policy decides
    pat = _bookings(world, "pat")
    [row] = pat.rows
    assert row.can_cancel and not row.can_report and not row.can_rate
    follow = call(pat, "open_cancel", booking_id)
    assert pat.action == "cancel" and pat.busy and follow is not None
    call(pat, "fetch_quote")
    assert (pat.quote, pat.busy) == ("$800.00 (100 %)", False)
    assert "100 %" in pat.quote_why
    call(pat, "confirm")
    assert pat.error == "" and pat.action == ""
    assert pat.rows[0].status in ("Cancelled", "Refunded") and not pat.rows[0].can_cancel
    assert pat.rows[0].refund == "Refund: $800.00" and not pat.rows[0].upcoming


def test_a_client_cannot_act_on_another_clients_booking(world: World) -> None:
    booking_id = _paid(world, 30)
    bob = _bookings(world, "bob")
    assert bob.rows == []
    call(bob, "open_cancel", booking_id)  # not in Bob's list: nothing opens
    assert bob.action == ""
    _aim(bob, "cancel", booking_id)
    call(bob, "fetch_quote")
    assert bob.quote == "" and bob.error == "We cannot find this booking."
    for action in ("cancel", "report", "rate"):
        _aim(bob, action, booking_id)
        bob.report_text, bob.stars = "The partner never joined the call.", "1"
        call(bob, "confirm")
        assert bob.error == "This booking is not one of yours."
    assert _status(booking_id) == bk.Status.CONFIRMED


def test_client_reports_a_problem_then_rates_only_after_completion(world: World) -> None:
    booking_id = _paid(world, 30)
    clock.advance(timedelta(hours=30, minutes=10))
    pat = _bookings(world, "pat")
    assert pat.rows[0].can_report and not pat.rows[0].can_rate and not pat.rows[0].can_cancel
    call(pat, "open_report", booking_id)
    call(pat, "set_report_text", "short")
    call(pat, "confirm")
    assert pat.error and _status(booking_id) == bk.Status.CONFIRMED
    call(pat, "set_report_text", "The partner never joined the call.")
    call(pat, "confirm")
    assert pat.error == "" and pat.rows[0].status == "Problem reported"
    assert not pat.rows[0].can_report


def test_client_rates_a_paid_session_and_the_partner_sees_it(world: World) -> None:
    booking_id = _paid(world, 30)
    clock.advance(timedelta(hours=31))
    ines = _dashboard(world, "ines")
    call(ines, "open_action", "complete", booking_id)
    call(ines, "confirm")
    clock.advance(timedelta(minutes=30))
    worker.tick()
    pat = _bookings(world, "pat")
    assert pat.rows[0].status == "Paid" and pat.rows[0].can_rate
    call(pat, "open_rating", booking_id)
    call(pat, "set_stars", "9")
    assert pat.stars == ""
    call(pat, "set_stars", "4")
    call(pat, "set_comment", "Clear plan for the audit.")
    call(pat, "confirm")
    assert pat.error == "" and pat.rows[0].stars == "★★★★☆" and not pat.rows[0].can_rate
    call(ines, "load")
    assert (ines.past[0].rating_label, ines.past[0].rating_comment) == (
        "Rated 4 of 5", "Clear plan for the audit.")
