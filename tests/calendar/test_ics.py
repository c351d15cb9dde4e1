"""ICS invitations: RFC 5545 text that calendar clients accept, and the Google render link."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from fxorleans import clock
from fxorleans.services.calendar import Attendee, Meeting, MeetingRequest
from fxorleans.services.calendar.ics import (
    cancel_ics,
    escape_text,
    fold,
    google_calendar_link,
    invite_ics,
)

BERLIN = ZoneInfo("Europe/Berlin")
LINK = "https://meet.example.org/FXO-AbCdEfGhIjKlMnOpQrStUvWx"
PARTNER = Attendee("ada@partners.example", "Ada Lovelace-Byron", "Europe/Berlin")
CLIENT = Attendee("zoe@client.example", "Zoë Ødegård-Łukasiewicz 王小明 🚀, CEO", "Asia/Tokyo")
MEETING = Meeting(event_id="fo123", meeting_url=LINK, status="confirmed")

# NAME *(";" param) ":" value, param values quoted or free of ";:,"
CONTENT_LINE = re.compile(
    r'^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=("[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*)'
    r'(,("[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*))*)*:[^\x00-\x08\x0a-\x1f]*$')


def request(start: datetime, *, title: str = "Consultation", booking_id: str = "bk_42",
            description: str = "Your problem: pricing") -> MeetingRequest:
    return MeetingRequest(booking_id=booking_id, title=title, description=description,
                          start=start, end=start + timedelta(hours=1), organizer=PARTNER,
                          attendees=(CLIENT, PARTNER))


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    body = text.replace("\r\n ", "").replace("\r\n\t", "")
    return body.split("\r\n")[:-1]


def props(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in unfold(text):
        name = re.split(r"[;:]", line, maxsplit=1)[0]
        out.setdefault(name, []).append(line)
    return out


def value(text: str, name: str) -> str:
    (line,) = props(text)[name]
    return line.split(":", 1)[1]


def unescape(v: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], v)


@pytest.fixture(autouse=True)
def _now() -> None:
    clock.freeze(datetime(2026, 3, 1, 9, 30, 15, tzinfo=UTC))


def test_crlf_everywhere_and_lines_fold_at_75_octets() -> None:
    long_description = "Ünïcödé → 価格戦略の相談 🚀 " * 20
    text = invite_ics(MEETING, request(datetime(2026, 12, 1, 14, tzinfo=BERLIN),
                                       description=long_description))
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert any(line.startswith(" ") for line in physical)  # something was folded
    for line in physical:
        assert len(line.encode()) <= 75, line
        line.encode().decode("utf-8")  # never cut inside a character
    assert unescape(value(text, "DESCRIPTION")).startswith(long_description.strip())


def test_fold_counts_octets_not_characters() -> None:
    line = "SUMMARY:" + "é" * 100  # 208 octets, 108 characters
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    assert fold("SHORT:x") == "SHORT:x"
    exact = "X:" + "a" * 73
    assert fold(exact) == exact


def test_text_is_escaped() -> None:
    title = "Q&A; pricing, strategy \\ next\nline"
    text = invite_ics(MEETING, request(datetime(2026, 12, 1, 14, tzinfo=BERLIN), title=title))
    assert value(text, "SUMMARY") == "Q&A\\; pricing\\, strategy \\\\ next\\nline"
    assert unescape(value(text, "SUMMARY")) == title
    assert escape_text("a\r\nb\rc") == "a\\nb\\nc"


def test_utc_times_across_the_dst_change() -> None:
    after = invite_ics(MEETING, request(datetime(2026, 3, 30, 14, 0, tzinfo=BERLIN)))
    assert value(after, "DTSTART") == "20260330T120000Z"  # CEST, UTC+2
    assert value(after, "DTEND") == "20260330T130000Z"
    before = invite_ics(MEETING, request(datetime(2026, 3, 27, 14, 0, tzinfo=BERLIN)))
    assert value(before, "DTSTART") == "20260327T130000Z"  # CET, UTC+1
    assert value(after, "DTSTAMP") == "20260301T093015Z"  # from the one clock


def test_uid_is_stable_per_booking_and_sequence_moves() -> None:
    first = invite_ics(MEETING, request(datetime(2026, 12, 1, 14, tzinfo=BERLIN)))
    moved = invite_ics(MEETING, request(datetime(2026, 12, 2, 9, tzinfo=BERLIN)), sequence=1)
    other = invite_ics(MEETING, request(datetime(2026, 12, 1, 14, tzinfo=BERLIN),
                                        booking_id="bk_43"))
    assert value(first, "UID") == value(moved, "UID") == "bk_42@fx-orleans"
    assert value(other, "UID") == "bk_43@fx-orleans"
    assert value(first, "SEQUENCE") == "0" and value(moved, "SEQUENCE") == "1"


def test_every_line_parses_back() -> None:
    text = invite_ics(MEETING, request(datetime(2026, 12, 1, 14, tzinfo=BERLIN),
                                       description="Line one\nLine two; with, punctuation"))
    lines = unfold(text)
    for line in lines:
        assert CONTENT_LINE.match(line), line
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    p = props(text)
    assert p["METHOD"] == ["METHOD:REQUEST"] and p["VERSION"] == ["VERSION:2.0"]
    assert lines.index("METHOD:REQUEST") < lines.index("BEGIN:VEVENT")
    assert value(text, "STATUS") == "CONFIRMED"
    assert value(text, "LOCATION") == LINK and value(text, "URL") == LINK
    assert LINK in unescape(value(text, "DESCRIPTION"))
    (organizer,) = p["ORGANIZER"]
    assert organizer == 'ORGANIZER;CN="Ada Lovelace-Byron":mailto:ada@partners.example'
    attendees = p["ATTENDEE"]
    assert len(attendees) == 2
    client = next(a for a in attendees if a.endswith("mailto:zoe@client.example"))
    assert 'CN="Zoë Ødegård-Łukasiewicz 王小明 🚀, CEO"' in client and "RSVP=TRUE" in client
    assert "PARTSTAT=ACCEPTED" in next(a for a in attendees if "ada@" in a)


def test_a_quote_in_a_name_cannot_break_the_parameter() -> None:
    sneaky = Attendee('eve@x.example', 'Eve "the"\r\nATTENDEE:mailto:x@y', "UTC")
    req = MeetingRequest("bk_q", "T", "D", datetime(2026, 12, 1, 14, tzinfo=UTC),
                         datetime(2026, 12, 1, 15, tzinfo=UTC), PARTNER, (sneaky,))
    text = invite_ics(MEETING, req)
    for line in unfold(text):
        assert CONTENT_LINE.match(line), line
    assert len(props(text)["ATTENDEE"]) == 1


def test_cancel() -> None:
    req = request(datetime(2026, 12, 1, 14, tzinfo=BERLIN))
    text = cancel_ics(Meeting("fo123", LINK, "cancelled"), req, sequence=3)
    assert value(text, "METHOD") == "CANCEL"
    assert value(text, "STATUS") == "CANCELLED"
    assert value(text, "SEQUENCE") == "3"
    assert value(text, "UID") == "bk_42@fx-orleans"
    with pytest.raises(ValueError):
        invite_ics(MEETING, req, method="REFRESH; X")


def test_pending_meeting_has_no_location_yet() -> None:
    text = invite_ics(Meeting("fo123", None, "pending"),
                      request(datetime(2026, 12, 1, 14, tzinfo=BERLIN)))
    assert "LOCATION" not in props(text) and "URL" not in props(text)


def test_google_calendar_link() -> None:
    req = request(datetime(2026, 3, 30, 14, 0, tzinfo=BERLIN), title="Pricing & growth #1",
                  description="Bring numbers")
    link = google_calendar_link(req, MEETING)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "calendar.google.com", "/calendar/render")
    assert " " not in link and "#" not in parts.query
    q = parse_qs(parts.query)
    assert q["action"] == ["TEMPLATE"]
    assert q["text"] == ["Pricing & growth #1"]
    assert q["dates"] == ["20260330T120000Z/20260330T130000Z"]
    assert q["location"] == [LINK]
    assert q["details"][0].startswith("Bring numbers") and LINK in q["details"][0]
