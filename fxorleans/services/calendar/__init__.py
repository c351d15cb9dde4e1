"""Calendar and video: Google Calendar + Meet when configured, else the embedded calendar."""

from __future__ import annotations

from fxorleans.services.calendar.base import (
    CANCELLED,
    CONFIRMED,
    PENDING,
    Attendee,
    CalendarError,
    CalendarProvider,
    CalendarRejected,
    EventNotFound,
    Meeting,
    MeetingRequest,
    event_id_for,
)
from fxorleans.services.calendar.local import LocalCalendar

__all__ = [
    "CANCELLED", "CONFIRMED", "PENDING", "Attendee", "CalendarError", "CalendarProvider",
    "CalendarRejected", "EventNotFound", "Meeting", "MeetingRequest", "event_id_for",
    "LocalCalendar",
]
