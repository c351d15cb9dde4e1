"""Booking and match-request events: immutable, past tense, versioned."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, get_type_hints


@dataclass(frozen=True)
class Event:
    type: ClassVar[str]
    schema_version: ClassVar[int] = 1

    def to_data(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}


_REGISTRY: dict[str, type[Event]] = {}


def event(cls: type[Event]) -> type[Event]:
    cls.type = cls.__name__
    _REGISTRY[cls.type] = cls
    return cls


def from_data(type_name: str, data: dict[str, Any]) -> Event:
    try:
        cls = _REGISTRY[type_name]
    except KeyError as exc:
        raise ValueError(f"unknown event type {type_name!r}") from exc
    hints = get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if value is not None and hints[f.name] in (datetime, datetime | None):
            value = datetime.fromisoformat(value)
        kwargs[f.name] = value
    return cls(**kwargs)


# --- booking stream -------------------------------------------------------------------


@event
@dataclass(frozen=True)
class ConsultationRequested(Event):
    booking_id: str
    client_id: str
    partner_id: str
    start: datetime
    end: datetime
    amount: int
    currency: str
    problem: str
    hold_expires_at: datetime
    client_timezone: str = "UTC"
    match_request_id: str | None = None
    # A keyed hash of where the hold was placed from (never the address itself); absent from
    # events recorded before holds were limited per address.
    client_address: str | None = None


@event
@dataclass(frozen=True)
class CancellationPolicyAccepted(Event):
    policy: list[list[int]]  # [[hours before start, refund percent], ...] as shown to the client
    accepted_at: datetime


@event
@dataclass(frozen=True)
class PaymentAuthorized(Event):
    intent_id: str
    amount: int
    currency: str
    authorized_at: datetime
    capture_before: datetime | None = None
    customer_id: str = ""  # set when the card was saved for a later off-session authorization
    payment_method_id: str = ""


@event
@dataclass(frozen=True)
class PaymentReauthorized(Event):
    """A fresh off-session authorization replaced one that would expire before the session."""

    intent_id: str
    previous_intent_id: str
    authorized_at: datetime
    capture_before: datetime | None = None


@event
@dataclass(frozen=True)
class PaymentFailed(Event):
    intent_id: str
    code: str
    message: str
    failed_at: datetime
    charge_id: str = ""


@event
@dataclass(frozen=True)
class ConsultationScheduled(Event):
    calendar_event_id: str
    meeting_url: str
    scheduled_at: datetime


@event
@dataclass(frozen=True)
class ConsultationConfirmed(Event):
    confirmed_at: datetime


@event
@dataclass(frozen=True)
class SessionCompleted(Event):
    completed_at: datetime
    confirmed_by: str


@event
@dataclass(frozen=True)
class PaymentCaptured(Event):
    amount: int
    partner_share: int
    platform_share: int
    captured_at: datetime


@event
@dataclass(frozen=True)
class BookingCancelled(Event):
    cancelled_by: str  # client | partner | admin
    reason: str
    refund_amount: int
    cancelled_at: datetime


@event
@dataclass(frozen=True)
class AuthorizationReleased(Event):
    amount: int
    released_at: datetime


@event
@dataclass(frozen=True)
class PaymentRefunded(Event):
    refund_id: str
    amount: int
    refunded_at: datetime
    reason: str = ""
    sequence: int = 0  # the RefundRequested it carries out


@event
@dataclass(frozen=True)
class RefundRequested(Event):
    """An admin refunds part or all of a captured payment; the refund job carries it out."""

    sequence: int  # 1, 2, ...: each request is refunded once, under its own key
    amount: int
    reason: str
    requested_by: str
    requested_at: datetime


@event
@dataclass(frozen=True)
class HoldExpired(Event):
    expired_at: datetime


@event
@dataclass(frozen=True)
class PaymentStarted(Event):
    """The intent was created: recorded before the browser can confirm it, so every intent
    that could ever be authorized is known to its booking."""

    intent_id: str
    started_at: datetime


@event
@dataclass(frozen=True)
class ClientNoShowMarked(Event):
    """The partner says the client did not come: held as a late cancellation."""

    marked_by: str
    refund_amount: int  # the policy's last tier (none by default)
    marked_at: datetime


@event
@dataclass(frozen=True)
class ProblemReported(Event):
    """The client reports a problem: the capture waits for an admin."""

    reported_by: str
    text: str
    reported_at: datetime


@event
@dataclass(frozen=True)
class ProblemResolved(Event):
    """An admin decided a reported problem: capture as it stands, or refund (a cancellation
    by the admin follows in the same decision)."""

    outcome: str  # capture | refund
    reason: str
    resolved_by: str
    resolved_at: datetime


@event
@dataclass(frozen=True)
class SessionRated(Event):
    stars: int  # 1..5
    comment: str
    rated_at: datetime


# --- match-request stream -------------------------------------------------------------


@event
@dataclass(frozen=True)
class MatchRequested(Event):
    request_id: str
    owner: str  # "user:<id>" or "anon:<browser token>"
    problem: str
    industry: str
    urgency: str
    requested_at: datetime


@event
@dataclass(frozen=True)
class PartnersMatched(Event):
    ranking: list[dict[str, Any]]  # [{partner_id, score, reasons, matched_skills}]
    matched_at: datetime


# the desk's events live beside it; importing them here registers them with everything else
from fxorleans.domain.desk_events import (  # noqa: E402, F401 - re-exported as ev.*
    AuthorizationLapsing,
    CaptureOrdered,
    DisputeClosed,
    DisputeOpened,
    FlagResolved,
    PaymentJobDismissed,
)
