"""The money cycle after authorization, against the Stripe sandbox over HTTP with the official
SDK and the test clock: completion and capture, a no-show, cancellations and their refunds,
a reported problem, a rating, an expired hold's intent."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import stripe
from sqlmodel import select

from fxorleans import clock, config
from fxorleans.accounts import service as accounts
from fxorleans.accounts.users import UserDTO, to_dto
from fxorleans.booking import closing, directory, holds, payment, uow, worker
from fxorleans.booking.registry import HANDLERS
from fxorleans.domain import booking as bk
from fxorleans.domain import jobs
from fxorleans.sandbox.server import create_app
from fxorleans.services.calendar.local import CalendarEventRecord
from fxorleans.store import db
from fxorleans.store.tables import (
    MailMessage,
    OutboxJob,
    PaymentView,
    SlotReservation,
    User,
)
from tests.factories import partner_record
from tests.sandbox.conftest import Running, serve

PARTNER = partner_record("ines-duarte", "Inês", "Duarte", "CISO", "SOC 2", "Europe/Lisbon")
OTHER = partner_record("omar-haddad", "Omar", "Haddad", "CTO", "AWS", "Europe/Paris")
PROBLEM = "Our biggest prospect needs a SOC 2 Type II report before signing."
MONDAY = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


@dataclass
class World:
    sandbox: Running
    sdk: stripe.StripeClient
    client: UserDTO
    partner: UserDTO
    other_partner: UserDTO


def _user(email: str) -> UserDTO:
    with db.transaction() as s:
        row = s.exec(select(User).where(User.email == email)).one()
        row.email_verified_at = clock.now()
        s.add(row)
        s.flush()
        return to_dto(row)


def _partner_user(partner_id: str, email: str) -> UserDTO:
    with db.transaction() as s:
        row = User(id=f"u-{partner_id}", email=email, name=partner_id, role="partner",
                   partner_id=partner_id, timezone="Europe/Lisbon", created_at=clock.now(),
                   email_verified_at=clock.now())
        s.add(row)
        s.flush()
        return to_dto(row)


@pytest.fixture
def world(database, tmp_path, monkeypatch) -> Iterator[World]:
    clock.freeze(MONDAY)
    sandbox = serve(create_app(f"sqlite:///{tmp_path / 'stripe.db'}",
                               deliver_in_background=False))
    monkeypatch.setenv("FXO_SANDBOX_API_BASE", sandbox.url)
    config.reload()
    directory.import_partners([PARTNER, OTHER])
    accounts.register("payer@example.com", "correct horse battery", "Pat", "a",
                      "America/New_York")
    accounts.create_admin("root@example.com", "admin password 1")
    yield World(sandbox, stripe.StripeClient("sk_test_any", base_addresses={"api": sandbox.url}),
                _user("payer@example.com"), _partner_user("ines-duarte", "ines@example.com"),
                _partner_user("omar-haddad", "omar@example.com"))
    sandbox.stop()


def _paid(w: World, hours_ahead: int, partner_id: str = "ines-duarte",
          card: str = "pm_card_visa") -> str:
    """A confirmed booking `hours_ahead` from now, authorized with the sandbox's test card."""
    hold = holds.place_hold(client_id=w.client.id, partner_id=partner_id,
                            start=clock.now() + timedelta(hours=hours_ahead), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, w.client.id, w.client.email))
    payment.accept_policy(hold.booking_id, w.client.id)
    w.sdk.v1.payment_intents.confirm(started.intent_id, {"payment_method": card})
    b = asyncio.run(payment.verify(hold.booking_id, started.intent_id,
                                   uow.Actor(w.client.id, "client")))
    assert b.status == bk.Status.CONFIRMED
    worker.tick()  # the calendar event and the confirmations
    return hold.booking_id


def _load(booking_id: str) -> bk.Booking:
    b = uow.load(booking_id)
    assert b is not None
    return b


def _intent(w: World, b: bk.Booking) -> stripe.PaymentIntent:
    assert b.intent_id
    return w.sdk.v1.payment_intents.retrieve(b.intent_id)


def _jobs(kind: str) -> list[OutboxJob]:
    with db.reading() as s:
        return list(s.exec(select(OutboxJob).where(OutboxJob.kind == kind)).all())


def _mails(kind: str) -> list[MailMessage]:
    with db.reading() as s:
        return list(s.exec(select(MailMessage).where(MailMessage.kind == kind)).all())


def _later(**delta: float) -> None:
    clock.advance(timedelta(**delta))


# --- completion and capture --------------------------------------------------------------


def test_completion_captures_after_the_delay_with_the_shares(world: World) -> None:
    booking_id = _paid(world, 30)
    assert closing.confirm_completion(booking_id, world.partner) == closing.rules.NOT_ENDED
    _later(hours=31, minutes=5)  # five minutes after the end
    assert closing.confirm_completion(booking_id, world.partner) is None
    assert _load(booking_id).status == bk.Status.COMPLETED
    worker.tick()
    assert _load(booking_id).captured == 0  # the client's window to report a problem
    _later(minutes=24)
    worker.tick()
    assert _load(booking_id).captured == 0
    _later(minutes=1)  # 30 minutes after the end
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.captured, b.released) == (bk.Status.PAID, 80000, 0)
    pi = _intent(world, b)
    assert (pi.status, pi.amount_received) == ("succeeded", 80000)
    with db.reading() as s:
        view = s.get(PaymentView, booking_id)
        assert view is not None and (view.partner_share, view.platform_share) == (64000, 16000)
    # Idempotent: running the job again changes nothing and captures nothing more.
    HANDLERS[jobs.CAPTURE]({"booking_id": booking_id})
    assert _load(booking_id).version == b.version
    assert _intent(world, b).amount_received == 80000


def test_a_late_confirmation_captures_at_once(world: World) -> None:
    booking_id = _paid(world, 30)
    _later(hours=40)
    assert closing.confirm_completion(booking_id, world.partner) is None
    worker.tick()
    assert _load(booking_id).status == bk.Status.PAID
    assert closing.confirm_completion(booking_id, world.partner) is None  # harmless again


def test_only_the_sessions_partner_confirms(world: World) -> None:
    booking_id = _paid(world, 30)
    _later(hours=32)
    assert closing.confirm_completion(booking_id, world.other_partner) == closing.FORBIDDEN
    assert closing.confirm_completion(booking_id, world.client) == closing.FORBIDDEN
    assert _load(booking_id).status == bk.Status.CONFIRMED


def test_a_no_show_is_the_last_tier_and_captured_the_same_way(world: World) -> None:
    booking_id = _paid(world, 30)
    assert closing.mark_no_show(booking_id, world.partner) == closing.rules.NOT_STARTED
    _later(hours=30, minutes=15)
    assert closing.mark_no_show(booking_id, world.partner) is None
    b = _load(booking_id)
    assert b.no_show and b.no_show_refund == 0
    _later(hours=2)
    worker.tick()
    assert (_load(booking_id).status, _load(booking_id).captured) == (bk.Status.PAID, 80000)
    assert closing.rate(booking_id, world.client, 1, "") == closing.rules.NO_RATING_YET


def test_a_no_show_refunds_the_last_tier_when_the_policy_has_one(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUND_POLICY", "[[24, 100], [0, 10]]")
    config.reload()
    booking_id = _paid(world, 30)
    _later(hours=31)
    assert closing.mark_no_show(booking_id, world.partner) is None
    _later(hours=1)
    worker.tick()
    b = _load(booking_id)
    assert (b.captured, b.released, b.no_show_refund) == (72000, 8000, 8000)
    assert _intent(world, b).amount_received == 72000


# --- cancellations -------------------------------------------------------------------------


def test_a_client_cancelling_30_hours_ahead_gets_everything_back(world: World) -> None:
    booking_id = _paid(world, 30)
    _later(minutes=20)  # past the grace period
    offer = closing.quote_cancellation(booking_id, world.client)
    assert isinstance(offer, closing.Quote)
    assert (offer.refund.format(), offer.percent) == ("$800.00", 100)
    assert closing.cancel(booking_id, world.client) is None
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.released, b.captured, b.cancelled_by) == (bk.Status.REFUNDED, 80000, 0,
                                                                  "client")
    assert _intent(world, b).status == "canceled"
    with db.reading() as s:
        assert s.exec(select(SlotReservation).where(
            SlotReservation.booking_id == booking_id)).first() is None  # the slot is free
        event = s.exec(select(CalendarEventRecord).where(
            CalendarEventRecord.booking_id == booking_id)).one()
        assert event.status == "cancelled"
    client_mail, = _mails("booking-cancelled")
    partner_mail, = _mails("booking-cancelled-partner")
    assert "cancelled by you" in client_mail.body
    assert "$800.00 of $800.00 goes back" in client_mail.body
    assert "cancelled by Pat" in partner_mail.body and "$0.00" in partner_mail.body
    # The settle job again: nothing moves twice.
    HANDLERS[jobs.SETTLE]({"booking_id": booking_id})
    assert _load(booking_id).version == b.version


def test_a_client_cancelling_10_hours_ahead_pays_half(world: World) -> None:
    booking_id = _paid(world, 11)
    _later(hours=1)  # 10 h before the start, the grace long gone
    offer = closing.quote_cancellation(booking_id, world.client)
    assert isinstance(offer, closing.Quote) and (offer.refund.amount, offer.percent) == (40000,
                                                                                          50)
    assert closing.cancel(booking_id, world.client, "plans changed") is None
    worker.tick()
    b = _load(booking_id)
    assert (b.status, b.captured, b.released) == (bk.Status.REFUNDED, 40000, 40000)
    pi = _intent(world, b)
    assert (pi.status, pi.amount_received) == ("succeeded", 40000)
    with db.reading() as s:
        view = s.get(PaymentView, booking_id)
        assert view is not None and (view.partner_share, view.platform_share) == (32000, 8000)


def test_within_the_grace_period_a_client_gets_everything_back(world: World) -> None:
    booking_id = _paid(world, 3)  # 25 % by the table
    _later(minutes=10)  # exactly at the grace period's edge: still inside
    offer = closing.quote_cancellation(booking_id, world.client)
    assert isinstance(offer, closing.Quote) and offer.percent == 100
    _later(seconds=1)
    offer = closing.quote_cancellation(booking_id, world.client)
    assert isinstance(offer, closing.Quote) and offer.percent == 25


def test_a_partner_cancelling_refunds_in_full_even_late(world: World) -> None:
    booking_id = _paid(world, 3)
    _later(hours=2, minutes=30)
    offer = closing.quote_cancellation(booking_id, world.partner)
    assert isinstance(offer, closing.Quote) and offer.percent == 100
    assert closing.cancel(booking_id, world.other_partner) == closing.FORBIDDEN
    assert closing.cancel(booking_id, world.partner, "Down with the flu") is None
    worker.tick()
    client_mail, = _mails("booking-cancelled")
    assert "cancelled by Inês Duarte" in client_mail.body
    assert "Their reason: Down with the flu" in client_mail.body
    b = _load(booking_id)
    assert (b.status, b.released, b.cancelled_by) == (bk.Status.REFUNDED, 80000, "partner")
    assert _intent(world, b).status == "canceled"


def test_after_the_start_a_client_reports_instead_of_cancelling(world: World) -> None:
    booking_id = _paid(world, 30)
    assert closing.report_problem(booking_id, world.client, "x" * 20) == \
        closing.rules.NO_PROBLEM_NOW
    _later(hours=30, minutes=10)
    assert closing.cancel(booking_id, world.client) == closing.rules.CLIENT_AFTER_START
    assert closing.report_problem(booking_id, world.client, "short") is not None
    assert closing.report_problem(booking_id, world.client,
                                  "The partner never joined the call.") is None
    assert _load(booking_id).status == bk.Status.PROBLEM
    _later(hours=2)
    assert closing.confirm_completion(booking_id, world.partner) == \
        closing.rules.PROBLEM_PENDING
    worker.tick()  # the admins hear of it; nothing is captured
    b = _load(booking_id)
    assert b.captured == 0 and _intent(world, b).status == "requires_capture"
    alert, = _mails("admin-alert")
    assert alert.to_addr == "root@example.com" and "never joined" in alert.body


def test_a_problem_reported_after_completion_holds_the_capture(world: World) -> None:
    booking_id = _paid(world, 30)
    _later(hours=31, minutes=1)
    assert closing.confirm_completion(booking_id, world.partner) is None
    _later(minutes=10)
    assert closing.report_problem(booking_id, world.client, "Half the hour was lost.") is None
    _later(hours=1)
    worker.tick()
    assert (_load(booking_id).status, _load(booking_id).captured) == (bk.Status.PROBLEM, 0)


def test_a_client_rates_a_session_once_after_it_took_place(world: World) -> None:
    booking_id = _paid(world, 30)
    assert closing.rate(booking_id, world.client, 5, "") == closing.rules.NO_RATING_YET
    _later(hours=31, minutes=1)
    closing.confirm_completion(booking_id, world.partner)
    assert closing.rate(booking_id, world.client, 6, "") == closing.rules.BAD_STARS
    assert closing.rate(booking_id, world.partner, 5, "") == closing.FORBIDDEN
    assert closing.rate(booking_id, world.client, 4, "  Clear and practical.  ") is None
    assert closing.rate(booking_id, world.client, 5, "") == closing.rules.ALREADY_RATED
    b = _load(booking_id)
    assert (b.rating, b.rating_comment) == (4, "Clear and practical.")


# --- holds that end before payment ------------------------------------------------------


def test_an_expired_hold_cancels_the_intent_it_started(world: World) -> None:
    hold = holds.place_hold(client_id=world.client.id, partner_id="ines-duarte",
                            start=clock.now() + timedelta(hours=30), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, world.client.id,
                                                world.client.email))
    assert _load(hold.booking_id).intent_id == started.intent_id  # known at once
    _later(minutes=16)
    holds.expire_holds()
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(started.intent_id).status == "canceled"
    with pytest.raises(stripe.InvalidRequestError):  # nobody can authorize it any more
        world.sdk.v1.payment_intents.confirm(started.intent_id,
                                             {"payment_method": "pm_card_visa"})


def test_a_released_hold_cancels_its_intent_too(world: World) -> None:
    hold = holds.place_hold(client_id=world.client.id, partner_id="ines-duarte",
                            start=clock.now() + timedelta(hours=30), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, world.client.id,
                                                world.client.email))
    holds.release_hold(hold.booking_id, world.client.id)
    worker.tick()
    assert world.sdk.v1.payment_intents.retrieve(started.intent_id).status == "canceled"


# --- concurrency -----------------------------------------------------------------------------


def test_two_cancellations_at_once_settle_once(world: World) -> None:
    """The client and the partner cancel at the same moment: one wins, one settle job."""
    import threading

    booking_id = _paid(world, 30)
    _later(minutes=20)
    answers: list[str | None] = []
    barrier = threading.Barrier(2)

    def go(caller: UserDTO) -> None:
        barrier.wait()
        answers.append(closing.cancel(booking_id, caller))

    threads = [threading.Thread(target=go, args=(c,)) for c in (world.client, world.partner)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers, key=str) == sorted([None, closing.rules.ALREADY_CLOSED], key=str)
    assert len(_jobs(jobs.SETTLE)) == 1
    worker.tick()
    assert _load(booking_id).status == bk.Status.REFUNDED
    with db.reading() as s:
        cancelled = s.exec(sa.text("SELECT count(*) FROM event WHERE type = 'BookingCancelled'")
                           ).one()[0]
    assert cancelled == 1


def test_admins_hear_of_an_uncaptured_authorization_before_it_lapses(world: World) -> None:
    unconfirmed = _paid(world, 30)
    paid = _paid(world, 32, partner_id="omar-haddad")
    b = _load(unconfirmed)
    assert b.capture_before is not None
    _later(hours=34)
    assert closing.confirm_completion(paid, world.other_partner) is None
    clock.freeze(b.capture_before - timedelta(hours=24, minutes=1))
    worker.tick()
    assert _load(paid).status == bk.Status.PAID
    assert _mails("admin-alert") == []  # not due yet
    _later(minutes=2)
    worker.tick()  # the check, which asks for the alert
    worker.tick()  # the alert's mail
    alert, = _mails("admin-alert")
    assert unconfirmed in alert.body and "nothing was captured" in alert.body


def test_a_far_session_whose_card_fails_again_is_cancelled_a_day_ahead(world: World) -> None:
    from tests.sandbox.helpers import authenticate

    hold = holds.place_hold(client_id=world.client.id, partner_id="ines-duarte",
                            start=clock.now() + timedelta(days=10), problem=PROBLEM,
                            client_timezone="America/New_York", client_address="198.51.100.4")
    started = asyncio.run(payment.start_payment(hold.booking_id, world.client.id,
                                                world.client.email))
    payment.accept_policy(hold.booking_id, world.client.id)
    # A card that authenticates on every payment: fine with the client, fails off-session.
    pi = world.sdk.v1.payment_intents.confirm(started.intent_id,
                                              {"payment_method": "pm_card_authenticationRequired"})
    assert pi.status == "requires_action"
    authenticate(world.sandbox.url, pi.id, started.client_secret, "complete")
    b = asyncio.run(payment.verify(hold.booking_id, started.intent_id,
                                   uow.Actor(world.client.id, "client")))
    assert b.status == bk.Status.CONFIRMED and b.customer_id
    worker.tick()
    clock.freeze(b.start - timedelta(days=3, minutes=-1))  # the off-session attempt
    worker.tick()
    worker.tick()
    assert _mails("payment-action-needed")  # the client was asked
    b = _load(hold.booking_id)
    assert b.status == bk.Status.CONFIRMED  # not yet: the client may still fix it
    clock.freeze(b.start - timedelta(hours=24, minutes=-1))
    worker.tick()
    worker.tick()
    b = _load(hold.booking_id)
    assert (b.status, b.cancelled_by, b.captured) == (bk.Status.REFUNDED, "system", 0)
    client_mail, = _mails("booking-cancelled")
    assert "could not be authorized again" in client_mail.body
    assert _mails("booking-cancelled-partner")
    assert world.sdk.v1.payment_intents.retrieve(started.intent_id).status == "canceled"
