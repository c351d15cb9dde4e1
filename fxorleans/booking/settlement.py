"""Where money moves after authorization: the capture of a session and the settling of a
cancellation. The one place that calls the provider's capture and cancel for a booking, so
payouts (a destination account, an application fee) are added here and nowhere else.

Both are outbox jobs: idempotent (every call carries a key derived from the booking and the
action, and the booking is re-read first), never taking more than what is authorized.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fxorleans import bootstrap, clock
from fxorleans.booking import outbox, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import closing as rules
from fxorleans.domain import jobs, refunding
from fxorleans.domain.decision import Decision
from fxorleans.services.payments import Authorization, PaymentError

log = logging.getLogger(__name__)


def _record(booking_id: str, decide: Any) -> None:
    uow.run(booking_id, lambda state, _s: decide(state, clock.now()), uow.Actor.system())


def _alert(b: bk.Booking, topic: str, text: str) -> None:
    job = jobs.alert(b.booking_id, topic, text)
    uow.run(b.booking_id, lambda _b, _s: Decision(jobs=(job,)), uow.Actor.system())


def capture(payload: dict[str, Any]) -> None:
    """A completed session's capture, due CAPTURE_DELAY_MINUTES after its end."""
    booking_id = payload["booking_id"]
    b = uow.load(booking_id)
    if not rules.may_capture(b):
        return  # a problem was reported (an admin decides), or it is paid already
    assert b is not None and b.intent_id
    amount = rules.capture_amount(b)
    try:
        auth = asyncio.run(bootstrap.payments().capture(b.intent_id, booking_id=booking_id,
                                                        amount=amount))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise  # retried with backoff
        _alert(b, "capture-failed", f"The capture of {b.money(amount).format()} for booking "
               f"{booking_id} failed ({exc.failure.code or exc.failure.outcome}).")
        raise outbox.PermanentError(f"capture of {booking_id} failed") from exc
    _check_captured(b, auth, amount)
    _record(booking_id, rules.captured)


def _check_captured(b: bk.Booking, auth: Authorization, amount: int) -> None:
    if auth.status != "succeeded" or auth.amount_received != amount:
        _alert(b, "capture-mismatch", f"Stripe reports {auth.status} with "
               f"{auth.amount_received} received for booking {b.booking_id}; expected {amount}.")
        raise outbox.PermanentError(f"capture of {b.booking_id}: {auth.status}")


def settle(payload: dict[str, Any]) -> None:
    """A cancelled paid booking: a full refund cancels the authorization; a partial one
    captures only the retained part (the rest is released with it)."""
    booking_id = payload["booking_id"]
    b = uow.load(booking_id)
    if not rules.needs_settling(b):
        return  # never paid, or settled already (here or by the webhook)
    assert b is not None and b.intent_id
    gateway = bootstrap.payments()
    keep = rules.retained(b)
    try:
        if keep == 0:
            if asyncio.run(gateway.retrieve(b.intent_id)).status != "canceled":
                asyncio.run(gateway.cancel(b.intent_id, booking_id=booking_id,
                                           reason="requested_by_customer"))
            _record(booking_id, rules.released)  # cancelled now, or lapsed before
            return
        auth = asyncio.run(gateway.capture(b.intent_id, booking_id=booking_id, amount=keep))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise
        _alert(b, "settle-failed", f"Settling the cancellation of booking {booking_id} failed "
               f"({exc.failure.code or exc.failure.outcome}): refund it by hand.")
        raise outbox.PermanentError(f"settling {booking_id} failed") from exc
    _check_captured(b, auth, keep)
    _record(booking_id, rules.retained_captured)


def deadline(payload: dict[str, Any]) -> None:
    """Shortly before the authorization lapses: the admins hear of uncaptured money."""
    intent_id = payload["intent_id"]
    uow.run(payload["booking_id"],
            lambda b, _s: rules.deadline_nears(b, intent_id, clock.now()), uow.Actor.system())


def refund(payload: dict[str, Any]) -> None:
    """An admin's refund request: the provider's Refund, under a key of its own number."""
    booking_id, sequence = payload["booking_id"], int(payload["sequence"])
    amount = int(payload["amount"])
    b = uow.load(booking_id)
    if b is None or sequence in b.refunds_done:
        return
    assert b.intent_id
    try:
        done = asyncio.run(bootstrap.payments().refund(b.intent_id, booking_id=booking_id,
                                                       amount=amount, key_suffix=f"-{sequence}"))
    except PaymentError as exc:
        if exc.failure.outcome == "network":
            raise
        _alert(b, f"refund-{sequence}-failed", f"Refund {sequence} of "
               f"{b.money(amount).format()} for booking {booking_id} failed "
               f"({exc.failure.code or exc.failure.outcome}).")
        raise outbox.PermanentError(f"refund {sequence} of {booking_id} failed") from exc
    uow.run(booking_id, lambda state, _s: refunding.refunded(
        state, sequence, done.refund_id, done.amount, str(payload.get("reason", "")),
        clock.now()), uow.Actor.system())


def uncovered(payload: dict[str, Any]) -> None:
    """A far-off session near its start with no authorization covering it is cancelled."""
    from fxorleans.domain import payment as pay

    uow.run(payload["booking_id"], lambda b, _s: pay.cancel_uncovered(b, clock.now()),
            uow.Actor.system())
