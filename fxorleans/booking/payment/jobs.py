"""The payment jobs the outbox runs: releasing an authorization, authorizing again."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fxorleans import bootstrap, clock
from fxorleans.booking import notices, outbox, uow
from fxorleans.booking.payment.reconcile import intent_of
from fxorleans.domain import payment as rules
from fxorleans.domain.display import format_slot
from fxorleans.services.payments import PaymentError

log = logging.getLogger(__name__)


def release(payload: dict[str, Any]) -> None:
    """Cancel an authorization we must not keep (expired hold, wrong amount, replaced)."""
    try:
        asyncio.run(bootstrap.payments().cancel(
            payload["intent_id"], booking_id=payload["booking_id"],
            reason=payload.get("reason", "abandoned")))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise
        log.warning("release of %s: %s", payload["intent_id"], exc.failure.code)


def reauthorize(payload: dict[str, Any]) -> None:
    """Days before a far-off session: a fresh authorization with the saved card."""
    booking_id = payload["booking_id"]
    b = uow.load(booking_id)
    if not rules.needs_reauthorization(b):
        return  # cancelled, or already moving on: nothing to hold any more
    assert b is not None
    if not (b.customer_id and b.payment_method_id):
        raise outbox.PermanentError(f"booking {booking_id} has no saved card to authorize")
    try:
        auth = asyncio.run(bootstrap.payments().authorize_off_session(
            booking_id=booking_id, client_id=b.client_id, partner_id=b.partner_id,
            amount=b.price, customer_id=b.customer_id, payment_method_id=b.payment_method_id,
            description=f"FX-Orleans session on {format_slot(b.start, 'UTC')}"))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise  # retried with backoff by the outbox
        notices.reauthorization_failed(b, exc.failure.message)
        return
    if auth.status != "requires_capture":
        failure = auth.last_error
        notices.reauthorization_failed(b, failure.message if failure else "not authorized")
        return
    old, fresh = b.intent_id or "", intent_of(auth)
    uow.run(booking_id, lambda state, _s: rules.reauthorized(state, old, fresh, clock.now()),
            uow.Actor.system())
