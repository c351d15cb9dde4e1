"""Stripe webhooks: verified, de-duplicated, and reconciled by reading the intent back."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import IntegrityError

from fxorleans import bootstrap, clock
from fxorleans.booking import disputes, payment, uow
from fxorleans.services.payments import PaymentError
from fxorleans.services.payments.base import WebhookEvent
from fxorleans.store import db
from fxorleans.store.tables import WebhookEventSeen

log = logging.getLogger(__name__)

HANDLED = frozenset({
    "payment_intent.amount_capturable_updated", "payment_intent.payment_failed",
    "payment_intent.canceled", "payment_intent.succeeded", "charge.refunded", "charge.expired",
})


def _seen(event_id: str) -> bool:
    with db.reading() as session:
        return session.get(WebhookEventSeen, event_id) is not None


def _remember(event: WebhookEvent) -> None:
    try:
        with db.transaction() as session:
            session.add(WebhookEventSeen(event_id=event.id, type=event.type,
                                         received_at=clock.now()))
    except IntegrityError:
        pass  # a concurrent delivery of the same event got there first


async def handle(event: WebhookEvent) -> str:
    """Process one verified event; returns what happened (for logs and tests).

    Order and repetition do not matter: every event leads to the same step, reading the intent
    from Stripe and folding its current state into the booking.
    """
    if await asyncio.to_thread(_seen, event.id):
        return "duplicate"
    outcome = "ignored"
    if event.type in disputes.TYPES and event.intent_id:
        # the intent says whose booking it is; the dispute itself comes in the event
        auth = await bootstrap.payments().retrieve(event.intent_id)
        booking_id = auth.metadata.get("booking_id")
        if booking_id:
            await asyncio.to_thread(disputes.record, event.type, booking_id, event.object)
            outcome = "applied"
    elif event.type in HANDLED and event.intent_id:
        auth = await bootstrap.payments().retrieve(event.intent_id)
        booking_id = auth.metadata.get("booking_id")
        if booking_id:
            try:
                await asyncio.to_thread(payment.apply_intent, booking_id, auth,
                                        uow.Actor("stripe", "system"))
                outcome = "applied"
            except payment.PaymentRefused as exc:
                outcome = f"refused: {exc}"
    await asyncio.to_thread(_remember, event)
    return outcome


async def receive(payload: bytes, signature: str) -> tuple[int, str]:
    """(HTTP status, text) for a delivery: 400 if unsigned, 500 to make Stripe retry."""
    gateway = bootstrap.payments()
    try:
        event = gateway.verify_webhook(payload, signature)
    except Exception:  # noqa: BLE001 - any verification failure is the same 400
        return 400, "invalid signature"
    try:
        return 200, await handle(event)
    except PaymentError as exc:
        if exc.failure.code == "resource_missing":  # not ours (or deleted): retrying won't help
            log.warning("webhook %s: intent %s unknown to Stripe; acknowledged", event.id,
                        event.intent_id)
            return 200, "ignored: unknown intent"
        log.warning("webhook %s: Stripe unreachable (%s); asking for a retry", event.id,
                    exc.failure.outcome)
        return 500, "retry later"
