"""Every side effect the booking can ask for: its kind and its idempotency key, in one place.

A decider returns `Job`s; the outbox stores them and the worker runs the handler that
`fxorleans.booking.registry` maps to each kind. The key is what makes a retried decision
or a retried job harmless: the same key is enqueued once, and the Stripe call made by the
job carries its own key derived from the same booking and action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

SCHEDULE = "booking.schedule"
RELEASE = "payment.release"
REAUTHORIZE = "payment.reauthorize"
ALERT = "admin.alert"
CAPTURE = "payment.capture"
SETTLE = "payment.settle"
CANCEL_MEETING = "booking.cancel_meeting"
NOTIFY_CANCELLED = "booking.notify_cancelled"
DEADLINE = "payment.deadline"
REFUND = "payment.refund"
UNCOVERED = "payment.uncovered"

KINDS = frozenset({SCHEDULE, RELEASE, REAUTHORIZE, ALERT, CAPTURE, SETTLE, CANCEL_MEETING,
                   NOTIFY_CANCELLED, DEADLINE, REFUND, UNCOVERED})


@dataclass(frozen=True)
class Job:
    kind: str
    key: str  # idempotency key: the same key is enqueued once
    payload: dict[str, Any] = field(default_factory=dict)
    delay: timedelta = timedelta(0)
    max_attempts: int = 8


def schedule(booking_id: str) -> Job:
    """The calendar event, its video link and the confirmation e-mails."""
    return Job(SCHEDULE, f"booking-{booking_id}-schedule", {"booking_id": booking_id})


def release(booking_id: str, intent_id: str) -> Job:
    """Cancel an authorization the booking must not keep (one intent, released once)."""
    return Job(RELEASE, f"booking-{booking_id}-release-{intent_id}",
               {"booking_id": booking_id, "intent_id": intent_id})


def reauthorize(booking_id: str, delay: timedelta) -> Job:
    """A fresh off-session authorization, `delay` from now."""
    return Job(REAUTHORIZE, f"booking-{booking_id}-reauthorize", {"booking_id": booking_id},
               delay=max(delay, timedelta(0)))


def alert(booking_id: str, topic: str, text: str) -> Job:
    """Every admin is told once per booking and topic."""
    return Job(ALERT, f"booking-{booking_id}-alert-{topic}",
               {"booking_id": booking_id, "text": text})


def capture(booking_id: str, delay: timedelta, attempt: str = "") -> Job:
    """Take the money of a completed session, `delay` from now: once per booking, or once
    more per `attempt` an admin orders (the provider's idempotency key stays the same)."""
    key = f"booking-{booking_id}-capture" + (f"-{attempt}" if attempt else "")
    return Job(CAPTURE, key, {"booking_id": booking_id}, delay=max(delay, timedelta(0)))


def settle(booking_id: str) -> Job:
    """Move the money of a cancellation: release, capture the retained part, or refund."""
    return Job(SETTLE, f"booking-{booking_id}-settle", {"booking_id": booking_id})


def cancel_meeting(booking_id: str) -> Job:
    return Job(CANCEL_MEETING, f"booking-{booking_id}-cancel-meeting",
               {"booking_id": booking_id})


def notify_cancelled(booking_id: str) -> Job:
    """Both sides are told, once."""
    return Job(NOTIFY_CANCELLED, f"booking-{booking_id}-notify-cancelled",
               {"booking_id": booking_id})


# Admins hear of an uncaptured authorization this long before it lapses.
DEADLINE_WARNING = timedelta(hours=24)


def deadline(booking_id: str, intent_id: str, delay: timedelta) -> Job:
    """A check, shortly before this authorization lapses, that it was captured by then."""
    return Job(DEADLINE, f"booking-{booking_id}-deadline-{intent_id}",
               {"booking_id": booking_id, "intent_id": intent_id},
               delay=max(delay, timedelta(0)))


def refund(booking_id: str, sequence: int, amount: int, reason: str) -> Job:
    """Refund request `sequence` of a captured payment (each request once)."""
    return Job(REFUND, f"booking-{booking_id}-refund-{sequence}",
               {"booking_id": booking_id, "sequence": sequence, "amount": amount,
                "reason": reason})


def uncovered(booking_id: str, delay: timedelta) -> Job:
    """Shortly before a far-off session: cancel it if no authorization covers it by then."""
    return Job(UNCOVERED, f"booking-{booking_id}-uncovered", {"booking_id": booking_id},
               delay=max(delay, timedelta(0)))
