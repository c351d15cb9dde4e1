"""Invitations as iCalendar (RFC 5545) text, and the "add to Google Calendar" link.

Used when our own mail carries the invitation (the local calendar). When the provider sends
invitations itself (`sends_invites()`), no ICS goes out: people would get two.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote

from fxorleans import clock
from fxorleans.services.calendar.base import CANCELLED, Attendee, Meeting, MeetingRequest

PRODID = "-//FX-Orleans//Consultations//EN"
UID_DOMAIN = "fx-orleans"
MAX_LINE_OCTETS = 75
CRLF = "\r\n"

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def uid_for(booking_id: str) -> str:
    return f"{booking_id}@{UID_DOMAIN}"


def utc_stamp(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("naive datetime refused")
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return _CONTROL.sub("", value)


def _param(value: str) -> str:
    # A parameter value cannot carry a double quote or a control character at all; quoting
    # it makes ':' ';' ',' safe, so a name like "Doe, Jane" stays one value.
    return '"' + _CONTROL.sub("", value.replace("\t", " ")).replace('"', "'") + '"'


def _uri(value: str) -> str:
    # A URI is not escaped like TEXT; a stray line break would end the property, so none.
    return _CONTROL.sub("", value.replace("\t", "")).strip()


def fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets, never inside a character."""
    if len(line.encode()) <= MAX_LINE_OCTETS:
        return line
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _person(prop: str, who: Attendee, extra: str = "") -> str:
    return f"{prop};CN={_param(who.name or who.email)}{extra}:mailto:{_uri(who.email)}"


def _description(meeting: Meeting, req: MeetingRequest) -> str:
    text = req.description.strip()
    if meeting.meeting_url and meeting.status != CANCELLED:
        text = f"{text}\n\nJoin the video call: {meeting.meeting_url}".strip()
    return text


def invite_ics(meeting: Meeting, req: MeetingRequest, *, sequence: int = 0,
               method: str = "REQUEST") -> str:
    """The calendar object for `req`; the same UID for the booking's whole life, so a later
    REQUEST with a higher SEQUENCE updates the entry people already have, and CANCEL removes it.
    """
    method = method.upper()
    if method not in ("REQUEST", "CANCEL", "PUBLISH"):
        raise ValueError(f"unsupported METHOD {method!r}")
    if sequence < 0:
        raise ValueError("SEQUENCE is never negative")
    cancelled = method == "CANCEL" or meeting.status == CANCELLED
    url = _uri(meeting.meeting_url) if meeting.meeting_url else ""
    organizer = req.organizer.email.strip().lower()

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid_for(req.booking_id))}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{utc_stamp(clock.now())}",
        f"DTSTART:{utc_stamp(req.start)}",
        f"DTEND:{utc_stamp(req.end)}",
        f"SUMMARY:{escape_text(req.title)}",
    ]
    description = _description(meeting, req)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines += [f"LOCATION:{escape_text(url)}", f"URL:{url}"]
    lines.append(_person("ORGANIZER", req.organizer))
    seen: set[str] = set()
    for who in req.attendees:
        email = who.email.strip().lower()
        if email in seen:
            continue
        seen.add(email)
        partstat = "ACCEPTED" if email == organizer else "NEEDS-ACTION"
        rsvp = "FALSE" if email == organizer or cancelled else "TRUE"
        lines.append(_person("ATTENDEE", who, ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT"
                                              f";PARTSTAT={partstat};RSVP={rsvp}"))
    lines += [
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"TRANSP:{'TRANSPARENT' if cancelled else 'OPAQUE'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)


def cancel_ics(meeting: Meeting, req: MeetingRequest, *, sequence: int = 1) -> str:
    """The cancellation of an invitation sent before; its SEQUENCE must be higher than the
    last REQUEST's."""
    return invite_ics(meeting, req, sequence=sequence, method="CANCEL")


def google_calendar_link(req: MeetingRequest, meeting: Meeting) -> str:
    """An "add to Google Calendar" link with the meeting filled in, for people without ICS."""
    params = [
        ("action", "TEMPLATE"),
        ("text", req.title),
        ("dates", f"{utc_stamp(req.start)}/{utc_stamp(req.end)}"),
        ("details", _description(meeting, req)),
    ]
    if meeting.meeting_url:
        params.append(("location", meeting.meeting_url))
    query = "&".join(f"{k}={quote(v, safe='/' if k == 'dates' else '')}" for k, v in params)
    return f"https://calendar.google.com/calendar/render?{query}"
