"""Reconciling a booking with its intent. The browser only tells us that something happened;
what happened is always read back from the provider (`gateway.retrieve`) first."""

from __future__ import annotations

import asyncio

from sqlmodel import Session, col, select

from fxorleans import bootstrap, clock
from fxorleans.booking import uow
from fxorleans.booking.payment.terms import PaymentRefused, terms
from fxorleans.domain import booking as bk
from fxorleans.domain import payment as rules
from fxorleans.domain.decision import Decision
from fxorleans.services.payments import Authorization
from fxorleans.store.tables import SlotReservation


def intent_of(auth: Authorization) -> rules.Intent:
    error = auth.last_error
    return rules.Intent(
        intent_id=auth.intent_id, status=auth.status, amount=auth.amount,
        currency=auth.currency, booking_id=auth.metadata.get("booking_id", ""),
        capture_before=auth.capture_before, customer_id=auth.customer_id or "",
        payment_method_id=auth.payment_method_id or "", latest_charge_id=auth.latest_charge_id,
        error_code=(error.code or error.outcome) if error else "",
        error_message=error.message if error else "",
        cancellation_reason=auth.cancellation_reason or "")


def _slot_kept(session: Session, booking_id: str) -> bool:
    """Our reservation still stands: nobody took the slot over after the hold lapsed."""
    return session.exec(select(SlotReservation.id).where(
        col(SlotReservation.booking_id) == booking_id)).first() is not None


def apply_intent(booking_id: str, auth: Authorization, actor: uow.Actor) -> bk.Booking:
    """Fold what the provider says about the intent into the booking. Idempotent.

    Raises PaymentRefused with the reason when the booking cannot take the payment; any
    authorization it must not keep is released all the same.
    """
    intent = intent_of(auth)

    def decide(b: bk.Booking | None, session: Session) -> Decision:
        return rules.reconcile(b, intent, clock.now(), slot_kept=_slot_kept(session, booking_id),
                               terms=terms())

    outcome = uow.run(booking_id, decide, actor)
    if outcome.refusal or outcome.booking is None:
        raise PaymentRefused(outcome.refusal or rules.NOT_FOUND)
    return outcome.booking


async def verify(booking_id: str, intent_id: str, actor: uow.Actor) -> bk.Booking:
    """After the browser's confirmation: read the intent back and record it."""
    auth = await bootstrap.payments().retrieve(intent_id)
    return await asyncio.to_thread(apply_intent, booking_id, auth, actor)
