"""Paying for a held booking: the intent, the server-side check, reconciling with Stripe.

The browser only tells us that something happened; what happened is always read back from
Stripe (`gateway.retrieve`) before anything is written.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, delete, select

from fxorleans import clock, config
from fxorleans.booking import outbox, projections, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.availability import format_slot
from fxorleans.services.payments import (
    Authorization,
    PaymentError,
    failure_from_stripe_error,
    get_gateway,
)
from fxorleans.store import db, eventstore
from fxorleans.store.tables import PartnerRow, SlotReservation

log = logging.getLogger(__name__)

SCHEDULE_JOB = "booking.schedule"
RELEASE_JOB = "payment.release"
REAUTHORIZE_JOB = "payment.reauthorize"
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


def browser_error_message(code: str, decline_code: str) -> str:
    """What to tell the client about an error Stripe.js reported before reaching our server."""
    return failure_from_stripe_error(code, decline_code).message


def load(booking_id: str) -> bk.Booking | None:
    with db.reading() as session:
        stored = eventstore.read_stream(session, projections.booking_stream(booking_id))
    return bk.fold([s.event for s in stored]) if stored else None


def _partner_name(partner_id: str) -> str:
    with db.reading() as session:
        p = session.get(PartnerRow, partner_id)
        return f"{p.first_name} {p.last_name}" if p else partner_id


def beyond_authorization_window(b: bk.Booking, now: datetime) -> bool:
    """A card authorization lasts 7 days: a later session needs a fresh one closer to it."""
    return b.start - now > timedelta(days=config.get().authorization_window_days)


def reauthorize_at(b: bk.Booking) -> datetime:
    return b.start - timedelta(days=config.get().offsession_auth_lead_days)


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
    customer_id = None
    if beyond_authorization_window(b, clock.now()):
        # Save the card with this authorization, to authorize again off-session later.
        customer_id = await gateway.create_customer(client_id=b.client_id, email=email,
                                                    name=email)
    auth = await gateway.authorize(
        booking_id=b.booking_id, client_id=b.client_id, partner_id=b.partner_id, amount=b.price,
        description=f"FX-Orleans session with {partner}, {format_slot(b.start, 'UTC')}",
        receipt_email=email, customer_id=customer_id, save_card=customer_id is not None)
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
        if b.is_authorized and auth.intent_id != b.intent_id:
            return uow.Decision([])  # an authorization this booking replaced: history
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
            jobs = [outbox.Job(SCHEDULE_JOB, f"booking-{booking_id}-schedule",
                               {"booking_id": booking_id})]
            if beyond_authorization_window(b, now) and auth.customer_id:
                jobs.append(outbox.Job(REAUTHORIZE_JOB, f"booking-{booking_id}-reauthorize",
                                       {"booking_id": booking_id},
                                       delay=max(reauthorize_at(b) - now, timedelta(0))))
            return uow.Decision(
                [ev.PaymentAuthorized(intent_id=auth.intent_id, amount=auth.amount,
                                      currency=auth.currency, authorized_at=now,
                                      capture_before=auth.capture_before,
                                      customer_id=auth.customer_id or "",
                                      payment_method_id=auth.payment_method_id or "")],
                jobs)
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
                                         reason=payload.get("reason", "abandoned")))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise
        log.warning("release of %s: %s", payload["intent_id"], exc.failure.code)


def _alert(session: Session, booking_id: str, key: str, text: str) -> None:
    outbox.enqueue(session, outbox.Job(ALERT_JOB, f"booking-{booking_id}-alert-{key}",
                                       {"booking_id": booking_id, "text": text}))


@outbox.handler(REAUTHORIZE_JOB)
def _reauthorize(payload: dict) -> None:
    """Days before a far-off session: a fresh authorization with the saved card."""
    booking_id = payload["booking_id"]
    b = load(booking_id)
    if b is None or b.status != bk.Status.CONFIRMED or b.captured:
        return  # cancelled, or already moving on: nothing to hold any more
    if not (b.customer_id and b.payment_method_id):
        raise outbox.PermanentError(f"booking {booking_id} has no saved card to authorize")
    try:
        auth = asyncio.run(get_gateway().authorize_off_session(
            booking_id=booking_id, client_id=b.client_id, partner_id=b.partner_id,
            amount=b.price, customer_id=b.customer_id, payment_method_id=b.payment_method_id,
            description=f"FX-Orleans session on {format_slot(b.start, 'UTC')}"))
        failure = None if auth.status == "requires_capture" else auth.last_error
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise  # retried with backoff by the outbox
        auth, failure = None, exc.failure
    if auth is None or failure is not None or auth.status != "requires_capture":
        _reauthorization_failed(b, failure.message if failure else "not authorized")
        return
    old = b.intent_id

    def decide(state: bk.Booking | None, _s: Session) -> uow.Decision:
        if state is None or state.intent_id != old:
            return uow.Decision([])
        return uow.Decision(
            [ev.PaymentReauthorized(intent_id=auth.intent_id, previous_intent_id=old or "",
                                    authorized_at=clock.now(),
                                    capture_before=auth.capture_before)],
            [outbox.Job(RELEASE_JOB, f"booking-{booking_id}-release-{old}",
                        {"booking_id": booking_id, "intent_id": old})])

    uow.run(booking_id, decide, uow.Actor.system())


def _reauthorization_failed(b: bk.Booking, reason: str) -> None:
    """The client is told, and so are the admins: the session is not paid for yet."""
    from fxorleans.services.mailer import Message, get_mailer
    from fxorleans.store.tables import User

    site = config.get().public_url
    with db.transaction() as session:
        client = session.get(User, b.client_id)
        if client is not None:
            get_mailer().send(session, Message(
                to=client.email, kind="payment-action-needed",
                subject="Action needed: confirm the payment for your FX-Orleans session",
                body=(f"Hello {client.name or client.email},\n\nYour session on "
                      f"{format_slot(b.start, b.client_timezone)} needs a new card "
                      f"authorization, and your bank did not accept it ({reason}).\n\n"
                      f"Please reply to this e-mail or contact us so we can keep your booking: "
                      f"{site}/bookings\n")))
        _alert(session, b.booking_id, "reauthorization",
               f"The off-session authorization of booking {b.booking_id} failed ({reason}). "
               "The client was e-mailed; the old authorization expires before the session.")


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
