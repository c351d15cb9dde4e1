"""The embedded calendar on a real migrated database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest

from fxorleans import bootstrap
from fxorleans.services.calendar import (
    CANCELLED,
    CONFIRMED,
    Attendee,
    CalendarProvider,
    EventNotFound,
    LocalCalendar,
    MeetingRequest,
    event_id_for,
)

BASE = "https://meet.example.org/"
PARTNER = Attendee("ada@partners.example", "Ada Partner", "Europe/Berlin")
CLIENT = Attendee("cleo@client.example", "Cléo Client", "America/New_York")
START = datetime(2026, 12, 10, 14, 0, tzinfo=UTC)


def request(booking_id: str = "bk_1", start: datetime = START) -> MeetingRequest:
    return MeetingRequest(booking_id=booking_id, title="Consultation", description="Pricing",
                          start=start, end=start + timedelta(hours=1), organizer=PARTNER,
                          attendees=(CLIENT, PARTNER))


@pytest.fixture
def cal(database) -> LocalCalendar:  # type: ignore[no-untyped-def]
    return LocalCalendar(BASE)


def test_is_a_provider_that_leaves_invitations_to_our_mail(cal: LocalCalendar) -> None:
    assert isinstance(cal, CalendarProvider)
    assert cal.sends_invites() is False


def test_create_is_idempotent_per_booking(cal: LocalCalendar) -> None:
    first = cal.create(request())
    second = cal.create(request())
    assert first == second
    assert first.event_id == event_id_for("bk_1")
    assert first.status == CONFIRMED
    assert cal.get(first.event_id) == first
    assert LocalCalendar(BASE).create(request()).meeting_url == first.meeting_url


def test_event_ids_are_deterministic_and_google_safe() -> None:
    ids = {event_id_for(f"bk_{i}") for i in range(500)}
    assert len(ids) == 500
    assert all(re.fullmatch(r"[a-v0-9]{5,1024}", i) for i in ids)
    assert event_id_for("bk_1") == event_id_for("bk_1")


def test_rooms_are_distinct_and_unguessable(cal: LocalCalendar) -> None:
    links = [cal.create(request(f"bk_{i}")).meeting_url for i in range(200)]
    assert len(set(links)) == 200
    for link in links:
        assert link is not None and link.startswith("https://meet.example.org/FXO-")
        token = link.removeprefix("https://meet.example.org/FXO-")
        assert re.fullmatch(r"[A-Za-z0-9_-]{20,}", token), link


def test_concurrent_creates_agree_on_one_room(cal: LocalCalendar) -> None:
    results: list[str | None] = []
    errors: list[BaseException] = []

    def create() -> None:
        try:
            results.append(cal.create(request("bk_race")).meeting_url)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1 and len(results) == 6


def test_reschedule_keeps_the_link_and_bumps_the_sequence(cal: LocalCalendar) -> None:
    created = cal.create(request())
    assert cal.sequence(created.event_id) == 0
    moved = cal.reschedule(created.event_id, request(start=START + timedelta(days=1)))
    assert moved == created
    assert cal.sequence(created.event_id) == 1
    # Retrying the same reschedule changes nothing, so attendees see no phantom update.
    cal.reschedule(created.event_id, request(start=START + timedelta(days=1)))
    assert cal.sequence(created.event_id) == 1
    cal.reschedule(created.event_id, request(start=START + timedelta(days=2)))
    assert cal.sequence(created.event_id) == 2
    assert cal.create(request()).meeting_url == created.meeting_url


def test_cancel_is_idempotent(cal: LocalCalendar) -> None:
    created = cal.create(request())
    cal.cancel(created.event_id)
    cal.cancel(created.event_id)
    cal.cancel(event_id_for("never-created"))
    got = cal.get(created.event_id)
    assert got.status == CANCELLED and got.meeting_url == created.meeting_url
    assert cal.sequence(created.event_id) == 1
    with pytest.raises(EventNotFound):
        cal.reschedule(created.event_id, request(start=START + timedelta(days=1)))


def test_unknown_event(cal: LocalCalendar) -> None:
    with pytest.raises(EventNotFound):
        cal.get("founknown")
    with pytest.raises(EventNotFound):
        cal.reschedule("founknown", request())


def test_times_come_back_aware_utc(cal: LocalCalendar, database) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from fxorleans.services.calendar.local import CalendarEventRecord
    from fxorleans.store import db

    berlin = datetime(2026, 12, 10, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    created = cal.create(request("bk_tz", start=berlin))
    with db.reading() as session:
        row = session.get(CalendarEventRecord, created.event_id)
        assert row is not None
        assert row.start == START and row.start.tzinfo is not None
        assert row.start.utcoffset() == timedelta(0)


def test_refuses_a_base_url_that_is_not_http() -> None:
    with pytest.raises(ValueError):
        LocalCalendar("meet.example.org")
    assert LocalCalendar("https://meet.example.org///").meeting_base_url == (
        "https://meet.example.org")


def test_request_needs_aware_ordered_times() -> None:
    with pytest.raises(ValueError):
        request(start=datetime(2026, 12, 10, 14, 0))
    with pytest.raises(ValueError):
        MeetingRequest("bk", "t", "d", START, START, PARTNER, (CLIENT,))


def test_get_calendar_chooses_by_configuration(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fxorleans import config

    monkeypatch.delenv("GOOGLE_SERVICE_ACCOUNT_FILE", raising=False)
    monkeypatch.setenv("MEETING_BASE_URL", "https://rooms.example.net/x/")
    config.reload()
    cal = bootstrap.calendar()
    assert isinstance(cal, LocalCalendar) and cal.name == "local"
    assert cal.meeting_base_url == "https://rooms.example.net/x"

    monkeypatch.setenv("GOOGLE_SERVICE_ACCOUNT_FILE", "/nonexistent/key.json")
    config.reload()
    google = bootstrap.calendar()
    assert google.name == "google" and google.sends_invites() is True
