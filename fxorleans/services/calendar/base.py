"""What the booking code needs from a calendar: one video meeting per booking, and its invite.

Vendor types stay inside the adapters; these dataclasses are all that crosses the boundary.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

CONFIRMED = "confirmed"
PENDING = "pending"  # the event exists, its video link is not ready yet
CANCELLED = "cancelled"


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    timezone: str


@dataclass(frozen=True)
class MeetingRequest:
    booking_id: str
    title: str
    description: str
    start: datetime
    end: datetime
    organizer: Attendee  # the partner
    attendees: tuple[Attendee, ...]  # the client (and the partner)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a meeting needs aware start and end times")
        if self.end <= self.start:
            raise ValueError("a meeting must end after it starts")
        if not self.booking_id:
            raise ValueError("a meeting belongs to a booking")


@dataclass(frozen=True)
class Meeting:
    event_id: str
    meeting_url: str | None
    status: str  # CONFIRMED | PENDING | CANCELLED


class CalendarError(Exception):
    """The calendar could not be reached or refused for now: retry later."""


@runtime_checkable
class CalendarProvider(Protocol):
    name: str

    def create(self, req: MeetingRequest) -> Meeting:
        """Idempotent per booking_id: a second call returns the same event and link."""
        ...

    def get(self, event_id: str) -> Meeting: ...

    def reschedule(self, event_id: str, req: MeetingRequest) -> Meeting:
        """Move the event; the video link stays the same."""
        ...

    def cancel(self, event_id: str) -> None:
        """Idempotent."""
        ...

    def sends_invites(self) -> bool:
        """True when the provider e-mails invitations itself, so our mail must not attach an
        ICS as well (one channel only, or people get two invitations)."""
        ...


class CalendarRejected(Exception):
    """The calendar refused the request for good (bad credentials, bad data): do not retry."""


class EventNotFound(LookupError):
    """No such event in this calendar."""


def event_id_for(booking_id: str) -> str:
    """The event id of a booking's meeting: the same every time, so creating is retry-safe.

    Google accepts client-chosen ids of 5-1024 characters from a-v and 0-9 only (base32hex),
    so no "x": the prefix is "fo", then 150 bits of the booking id's SHA-256.
    """
    digest = hashlib.sha256(booking_id.encode()).digest()
    return "fo" + base64.b32hexencode(digest).decode().lower()[:30]
