"""Google Calendar + Meet through google-api-python-client.

Events live in the organizer's (the partner's) primary calendar, reached with a service
account's domain-wide delegation (`.with_subject(partner e-mail)`). Google e-mails the
invitations itself (sendUpdates="all"), so our mail must not attach an ICS as well.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any
from zoneinfo import ZoneInfo

import httplib2
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from fxorleans import config
from fxorleans.services.calendar.base import (
    CANCELLED,
    CONFIRMED,
    PENDING,
    CalendarError,
    CalendarRejected,
    EventNotFound,
    Meeting,
    MeetingRequest,
    event_id_for,
)

DEFAULT_API_BASE = "https://www.googleapis.com/calendar/v3/"
SCOPES = ("https://www.googleapis.com/auth/calendar.events",)
CALENDAR_ID = "primary"
TIMEOUT_SECONDS = 30
TRANSIENT_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "backendError"}


def api_base() -> str:
    """GOOGLE_CALENDAR_API_BASE, or Google's own endpoint; always ending in '/'."""
    base = config.get().google_calendar_api_base or DEFAULT_API_BASE
    return base.rstrip("/") + "/"


def _reason(exc: HttpError) -> str:
    try:
        details = exc.error_details
        if isinstance(details, list) and details and isinstance(details[0], dict):
            return str(details[0].get("reason", ""))
    except Exception:  # noqa: BLE001 - the reason only refines the message
        pass
    return ""


def _status(exc: HttpError) -> int:
    return int(getattr(exc.resp, "status", 0) or 0)


def _translate(exc: HttpError, what: str) -> Exception:
    status, reason = _status(exc), _reason(exc)
    message = f"Google Calendar {what}: HTTP {status} {reason}".strip()
    if status >= 500 or status == 429 or (status == 403 and reason in TRANSIENT_REASONS):
        return CalendarError(message)
    if status in (404, 410):
        return EventNotFound(message)
    return CalendarRejected(message)


def _meeting(event: dict[str, Any]) -> Meeting:
    conference = event.get("conferenceData") or {}
    url = event.get("hangoutLink")
    if not url:
        for entry in conference.get("entryPoints") or []:
            if entry.get("entryPointType") == "video" and entry.get("uri"):
                url = entry["uri"]
                break
    create_status = (((conference.get("createRequest") or {}).get("status") or {})
                     .get("statusCode"))
    if event.get("status") == CANCELLED:
        status = CANCELLED
    elif create_status == "pending":
        status = PENDING
    else:
        # "success", or "failure" (no link will come): the event itself stands either way.
        status = CONFIRMED
    return Meeting(event_id=str(event["id"]), meeting_url=url or None, status=status)


def _when(at: Any, tz: str) -> dict[str, str]:
    try:
        zone = ZoneInfo(tz)
    except Exception:  # noqa: BLE001 - an unknown zone name: say UTC rather than fail
        tz, zone = "UTC", ZoneInfo("UTC")
    return {"dateTime": at.astimezone(zone).isoformat(), "timeZone": tz}


def _schedule(req: MeetingRequest) -> dict[str, Any]:
    """The part of the event body a reschedule changes too."""
    attendees, seen = [], set()
    for who in (req.organizer, *req.attendees):
        email = who.email.strip()
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        entry: dict[str, Any] = {"email": email, "displayName": who.name}
        if email.lower() == req.organizer.email.strip().lower():
            entry["organizer"] = True
            entry["responseStatus"] = "accepted"
        attendees.append(entry)
    return {
        "summary": req.title,
        "description": req.description,
        "start": _when(req.start, req.organizer.timezone),
        "end": _when(req.end, req.organizer.timezone),
        "attendees": attendees,
    }


class GoogleCalendar:
    name = "google"

    def __init__(self, credentials: Any = None, *, service_account_file: str | None = None,
                 base_url: str | None = None, num_retries: int = 3,
                 default_subject: str | None = None) -> None:
        """`credentials` as given (tests: AnonymousCredentials), or a service-account key file
        used with delegation to the organizer of each event."""
        if credentials is None and not service_account_file:
            raise ValueError("GoogleCalendar needs credentials or a service-account file")
        self._credentials = credentials
        self._key_file = service_account_file
        self._base = (base_url or api_base()).rstrip("/") + "/"
        self._num_retries = num_retries
        self._default_subject = (default_subject or config.get().google_calendar_subject
                                 or None)
        # get/cancel only receive an event id; with delegation we must act as its organizer.
        self._organizers: dict[str, str] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # httplib2 is not thread-safe: one client per thread

    # -- plumbing ---------------------------------------------------------------------------

    def _creds_for(self, subject: str | None) -> Any:
        if self._credentials is not None:
            return self._credentials
        from google.oauth2 import service_account

        creds = service_account.Credentials.from_service_account_file(
            self._key_file, scopes=list(SCOPES))
        if not subject:
            raise CalendarRejected("acting for whom? the event's organizer is not known here")
        return creds.with_subject(subject)

    def _events(self, subject: str | None) -> Any:
        key = subject if self._credentials is None else ""
        services = self._local.__dict__.setdefault("services", {})
        if key not in services:
            http = AuthorizedHttp(self._creds_for(subject),
                                  http=httplib2.Http(timeout=TIMEOUT_SECONDS))
            services[key] = build("calendar", "v3", http=http, static_discovery=True,
                                  cache_discovery=False,
                                  client_options={"api_endpoint": self._base})
        return services[key].events()

    def _run(self, request: Any, what: str) -> Any:
        try:
            return request.execute(num_retries=self._num_retries)
        except HttpError as exc:
            raise _translate(exc, what) from exc
        except (OSError, httplib2.HttpLib2Error) as exc:
            raise CalendarError(f"Google Calendar {what}: {exc}") from exc

    def _organizer_of(self, event_id: str, organizer: str | None) -> str | None:
        with self._lock:
            return organizer or self._organizers.get(event_id) or self._default_subject

    def _remember(self, event_id: str, organizer: str) -> None:
        with self._lock:
            self._organizers[event_id] = organizer

    # -- the provider -----------------------------------------------------------------------

    def create(self, req: MeetingRequest) -> Meeting:
        event_id = event_id_for(req.booking_id)
        organizer = req.organizer.email.strip()
        self._remember(event_id, organizer)
        body = {
            "id": event_id,
            **_schedule(req),
            "conferenceData": {"createRequest": {
                "requestId": req.booking_id,
                "conferenceSolutionKey": {"type": "hangoutsMeet"},
            }},
            "guestsCanInviteOthers": False,
            "guestsCanModify": False,
            "reminders": {"useDefault": True},
            "extendedProperties": {"private": {"fxoBookingId": req.booking_id}},
        }
        events = self._events(organizer)
        try:
            event = events.insert(calendarId=CALENDAR_ID, body=body, conferenceDataVersion=1,
                                  sendUpdates="all").execute(num_retries=self._num_retries)
        except HttpError as exc:
            if _status(exc) != 409:
                raise _translate(exc, "create") from exc
            # The id is ours and derived from the booking: a 409 means an earlier attempt
            # (perhaps one whose answer we never got) already created it.
            return self.get(event_id, organizer=organizer)
        except (OSError, httplib2.HttpLib2Error) as exc:
            raise CalendarError(f"Google Calendar create: {exc}") from exc
        return _meeting(event)

    def get(self, event_id: str, *, organizer: str | None = None) -> Meeting:
        subject = self._organizer_of(event_id, organizer)
        return _meeting(self._run(
            self._events(subject).get(calendarId=CALENDAR_ID, eventId=event_id), "get"))

    def reschedule(self, event_id: str, req: MeetingRequest) -> Meeting:
        organizer = req.organizer.email.strip()
        self._remember(event_id, organizer)
        # No conferenceData in the patch: the event keeps its Meet link.
        request = self._events(organizer).patch(
            calendarId=CALENDAR_ID, eventId=event_id, body=_schedule(req),
            conferenceDataVersion=1, sendUpdates="all")
        return _meeting(self._run(request, "reschedule"))

    def cancel(self, event_id: str, *, organizer: str | None = None) -> None:
        subject = self._organizer_of(event_id, organizer)
        request = self._events(subject).delete(
            calendarId=CALENDAR_ID, eventId=event_id, sendUpdates="all")
        # 404 / 410: already gone, which is what we wanted.
        with contextlib.suppress(EventNotFound):
            self._run(request, "cancel")

    def sends_invites(self) -> bool:
        return True
