"""The admin desk's events on a booking stream: a dismissed job, a flag resolved, a capture an
admin ordered, an authorization about to lapse, a dispute opened or closed. Re-exported by
`domain.events` (as `ev.*`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fxorleans.domain.events import Event, event


@event
@dataclass(frozen=True)
class PaymentJobDismissed(Event):
    """An admin gave up on a failed payment job: the booking stays flagged until resolved."""

    kind: str
    reason: str
    dismissed_by: str
    dismissed_at: datetime


@event
@dataclass(frozen=True)
class FlagResolved(Event):
    reason: str
    resolved_by: str
    resolved_at: datetime


@event
@dataclass(frozen=True)
class CaptureOrdered(Event):
    """An admin has the held authorization captured now (the session took place)."""

    reason: str
    ordered_by: str
    ordered_at: datetime


@event
@dataclass(frozen=True)
class AuthorizationLapsing(Event):
    """An authorization nears `capture_before` with nothing captured: flagged for admins."""

    intent_id: str
    capture_before: datetime | None
    flagged_at: datetime


@event
@dataclass(frozen=True)
class DisputeOpened(Event):
    """The client's bank disputes the charge (`charge.dispute.created`)."""

    dispute_id: str
    amount: int
    reason: str  # the provider's: fraudulent, product_not_received, …
    status: str  # needs_response, warning_needs_response, …
    evidence_due_by: datetime | None
    opened_at: datetime


@event
@dataclass(frozen=True)
class DisputeClosed(Event):
    dispute_id: str
    status: str  # won | lost | warning_closed
    closed_at: datetime
