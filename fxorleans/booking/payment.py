"""Paying for a held booking: the intent, the server-side check, reconciling with Stripe.

The browser only tells us that something happened; what happened is always read back from
Stripe (`gateway.retrieve`) before anything is written.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from sqlmodel import Session, delete, select

from fxorleans import clock, config
from fxorleans.booking import outbox, projections, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.availability import format_slot
from fxorleans.services.payments import Authorization, PaymentError, get_gateway
from fxorleans.store import db, eventstore
from fxorleans.store.tables import PartnerRow, SlotReservation

log = logging.getLogger(__name__)

SCHEDULE_JOB = "booking.schedule"
RELEASE_JOB = "payment.release"
ALERT_JOB = "admin.alert"
# Declines allowed on one booking before it is closed: card testers try card after card.
MAX_DECLINES = 5
TOO_MANY_DECLINES = ("This booking was closed after several declined cards, and nothing was "
                     "charged. Please check with your bank, then pick a time again.")
EXPIRED_HOLD = ("Your hold on this time expired before the payment went through. Nothing was "
                "charged. Please pick a time again.")


class PaymentRefused(Exception):
    """A refusal the client can read."""


@dataclass(frozen=True)
class PaymentStart:
    intent_id: str
    client_secret: str = field(repr=False)
    publishable_key: str
    js_url: str
    is_sandbox: bool


def load(booking_id: str) -> bk.Booking | None:
    with db.reading() as session:
        stored = eventstore.read_stream(session, projections.booking_stream(booking_id))
    return bk.fold([s.event for s in stored]) if stored else None


def _partner_name(partner_id: str) -> str:
    with db.reading() as session:
        p = session.get(PartnerRow, partner_id)
        return f"{p.first_name} {p.last_name}" if p else partner_id


async def start_payment(booking_id: str, client_id: str, email: str) -> PaymentStart:
    """The intent for this booking, created once (idempotency key) while the hold is live."""
    b = await asyncio.to_thread(load, booking_id)
    if b is None or b.client_id != client_id:
        raise PaymentRefused("We cannot find this booking.")
    if b.status not in bk.OPEN:
        raise PaymentRefused(f"This booking is {b.status.value.lower()}; there is nothing to pay.")
    if not bk.is_hold_live(b, clock.now()):
        raise PaymentRefused("Your hold on this time has expired. Please pick a time again.")
    gateway = get_gateway()
    partner = await asyncio.to_thread(_partner_name, b.partner_id)
    auth = await gateway.authorize(
        booking_id=b.booking_id, client_id=b.client_id, partner_id=b.partner_id, amount=b.price,
        description=f"FX-Orleans session with {partner}, {format_slot(b.start, 'UTC')}",
        receipt_email=email)
    return PaymentStart(auth.intent_id, auth.client_secret, gateway.publishable_key,
                        gateway.js_url, gateway.is_sandbox)


def accept_policy(booking_id: str, client_id: str) -> bk.Booking:
    """Records, with the booking, the cancellation policy the client accepted."""
    policy = [list(row) for row in config.get().refund_policy]

    def decide(b: bk.Booking | None, _s: Session) -> list[ev.Event]:
        if b is None or b.client_id != client_id:
            raise PaymentRefused("We cannot find this booking.")
        if b.policy_accepted_at is not None:
            return []
        return [ev.CancellationPolicyAccepted(policy=policy, accepted_at=clock.now())]

    return uow.run(booking_id, decide, uow.Actor(client_id, "client"))


def _new_failure(b: bk.Booking, auth: Authorization) -> bool:
    """Each decline leaves its own failed charge; without one, compare what was said."""
    if auth.latest_charge_id:
        return auth.latest_charge_id != b.last_failed_charge
    return (auth.intent_id, auth.last_error.message if auth.last_error else None) != \
        (b.intent_id, b.last_error)


def _drop_reservation(session: Session, booking_id: str) -> None:
    session.exec(delete(SlotReservation).where(SlotReservation.booking_id == booking_id))


def _keep_slot(session: Session, booking_id: str) -> bool:
    """Make this booking's reservation permanent; False if it is gone."""
    row = session.exec(select(SlotReservation).where(SlotReservation.booking_id == booking_id)
                       ).first()
    if row is None:
        return False
    if row.expires_at is not None:
        row.expires_at = None
        session.add(row)
    return True


def apply_intent(booking_id: str, auth: Authorization, actor: uow.Actor) -> bk.Booking:
    """Fold what Stripe says about the intent into the booking. Idempotent."""
    refusal: list[str] = []

    def decide(b: bk.Booking | None, session: Session) -> uow.Decision:
        if b is None:
            raise PaymentRefused("We cannot find this booking.")
        if auth.metadata.get("booking_id") != booking_id:
            raise PaymentRefused("This payment does not belong to this booking.")
        now = clock.now()
        if auth.status == "requires_capture":
            if b.intent_id == auth.intent_id and b.is_authorized:
                return uow.Decision([])
            release = outbox.Job(RELEASE_JOB, f"booking-{booking_id}-release-{auth.intent_id}",
                                 {"booking_id": booking_id, "intent_id": auth.intent_id})
            if (auth.amount, auth.currency) != (b.price.amount, b.price.currency):
                refusal.append("The authorized amount does not match the price. It was released.")
                return uow.Decision([], [release])
            # Late is fine while our reservation stands; once another client took the slot
            # (which deletes our expired reservation), we must let the money go.
            if b.status not in bk.OPEN or not _keep_slot(session, booking_id):
                refusal.append(EXPIRED_HOLD)
                return uow.Decision([], [release])
            if b.policy_accepted_at is None:
                refusal.append("Please accept the cancellation policy first. Nothing was charged.")
                return uow.Decision([], [release])
            return uow.Decision(
                [ev.PaymentAuthorized(intent_id=auth.intent_id, amount=auth.amount,
                                      currency=auth.currency, authorized_at=now,
                                      capture_before=auth.capture_before)],
                [outbox.Job(SCHEDULE_JOB, f"booking-{booking_id}-schedule",
                            {"booking_id": booking_id})])
        if auth.status == "requires_payment_method" and auth.last_error is not None:
            if b.status not in bk.OPEN or not _new_failure(b, auth):
                return uow.Decision([])
            failed = ev.PaymentFailed(intent_id=auth.intent_id,
                                      code=auth.last_error.code or auth.last_error.outcome,
                                      message=auth.last_error.message, failed_at=now,
                                      charge_id=auth.latest_charge_id)
            if b.failed_attempts + 1 < MAX_DECLINES:
                return uow.Decision([failed])
            refusal.append(TOO_MANY_DECLINES)
            _drop_reservation(session, booking_id)
            return uow.Decision(
                [failed, ev.BookingCancelled(cancelled_by="system", reason="too many declines",
                                             refund_amount=0, cancelled_at=now)],
                [outbox.Job(RELEASE_JOB, f"booking-{booking_id}-release-{auth.intent_id}",
                            {"booking_id": booking_id, "intent_id": auth.intent_id})])
        if auth.status == "canceled" and b.status == bk.Status.CANCELLED and b.authorized \
                and not b.captured and b.released < b.authorized:
            return uow.Decision([ev.AuthorizationReleased(b.authorized - b.released, now)])
        if auth.status == "canceled" and b.status == bk.Status.CONFIRMED:
            log.error("authorization of booking %s was cancelled by Stripe (%s)", booking_id,
                      auth.cancellation_reason)
            return uow.Decision([], [outbox.Job(
                ALERT_JOB, f"booking-{booking_id}-alert-{auth.intent_id}-canceled",
                {"booking_id": booking_id,
                 "text": f"The card authorization {auth.intent_id} of a confirmed booking was "
                         f"cancelled by Stripe ({auth.cancellation_reason or 'no reason'}). "
                         "The session is not paid for: contact the client."})])
        return uow.Decision([])

    b = uow.run(booking_id, decide, actor)
    if refusal:
        raise PaymentRefused(refusal[0])
    return b


async def verify(booking_id: str, intent_id: str, actor: uow.Actor) -> bk.Booking:
    """After the browser's confirmation: read the intent back from Stripe and record it."""
    auth = await get_gateway().retrieve(intent_id)
    return await asyncio.to_thread(apply_intent, booking_id, auth, actor)


@outbox.handler(RELEASE_JOB)
def _release(payload: dict) -> None:
    """Cancel an authorization we must not keep (expired hold, wrong amount)."""
    try:
        asyncio.run(get_gateway().cancel(payload["intent_id"], booking_id=payload["booking_id"],
                                         reason="abandoned"))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise
        log.warning("release of %s: %s", payload["intent_id"], exc.failure.code)


@outbox.handler(ALERT_JOB)
def _alert_admins(payload: dict) -> None:
    """Problems people must act on reach every admin's inbox (stored mail by default)."""
    from fxorleans.services.mailer import Message, get_mailer
    from fxorleans.store.tables import User

    with db.transaction() as session:
        admins = session.exec(select(User.email).where(User.role == "admin")).all()
        for email in admins:
            get_mailer().send(session, Message(
                to=email, kind="admin-alert",
                subject=f"Action needed on booking {payload['booking_id']}",
                body=f"{payload['text']}\n\n{config.get().public_url}/admin/bookings\n"))
