"""Calendar and video: Google Calendar + Meet when configured, else the embedded calendar."""

from __future__ import annotations

from fxorleans import config
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
    "get_calendar",
]


def get_calendar() -> CalendarProvider:
    """Google when GOOGLE_SERVICE_ACCOUNT_FILE is set, else the local calendar."""
    key_file = config.get().google_service_account_file
    if key_file:
        from fxorleans.services.calendar import google

        return google.GoogleCalendar(service_account_file=key_file)
    return LocalCalendar(config.get().meeting_base_url)
