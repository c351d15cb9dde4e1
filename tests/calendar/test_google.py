"""The Google adapter against a Calendar v3 stand-in on loopback, through the real client."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from google.auth.credentials import AnonymousCredentials

from fxorleans import bootstrap, config
from fxorleans.services.calendar import (
    CANCELLED,
    CONFIRMED,
    PENDING,
    Attendee,
    CalendarError,
    CalendarProvider,
    CalendarRejected,
    MeetingRequest,
    event_id_for,
)
from fxorleans.services.calendar.google import GoogleCalendar, api_base
from tests.calendar.fake_google import MEET_LINK, PREFIX, FakeGoogle, serve

PARTNER = Attendee("ada@partners.example", "Ada Partner", "Europe/Berlin")
CLIENT = Attendee("cleo@client.example", "Cléo Client", "America/New_York")
START = datetime(2026, 12, 10, 14, 0, tzinfo=UTC)


def request(booking_id: str = "bk_1", start: datetime = START) -> MeetingRequest:
    return MeetingRequest(booking_id=booking_id, title="Consultation: pricing",
                          description="The client's problem", start=start,
                          end=start + timedelta(hours=1), organizer=PARTNER,
                          attendees=(CLIENT, PARTNER))


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:  # type: ignore[no-untyped-def]
    """The client library's back-off between retries, recorded instead of waited."""
    slept: list[float] = []
    monkeypatch.setattr("googleapiclient.http.time.sleep", slept.append)
    return slept


@pytest.fixture
def google(sleeps) -> Iterator[FakeGoogle]:  # type: ignore[no-untyped-def]
    state, server = serve()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def cal(google: FakeGoogle) -> GoogleCalendar:
    return GoogleCalendar(AnonymousCredentials(), base_url=google.base)


def test_is_a_provider_that_sends_its_own_invitations(cal: GoogleCalendar) -> None:
    assert isinstance(cal, CalendarProvider)
    assert cal.sends_invites() is True and cal.name == "google"


def test_create_asks_for_a_meet_room_and_polls_until_it_is_ready(
        cal: GoogleCalendar, google: FakeGoogle) -> None:
    created = cal.create(request())
    assert created.event_id == event_id_for("bk_1")
    assert created.status == PENDING and created.meeting_url is None

    (insert,) = google.calls("POST")
    assert insert.path == PREFIX
    assert insert.query["conferenceDataVersion"] == "1"
    assert insert.query["sendUpdates"] == "all"
    body = insert.body
    assert body["id"] == created.event_id
    assert body["summary"] == "Consultation: pricing"
    assert body["description"] == "The client's problem"
    assert body["conferenceData"] == {"createRequest": {
        "requestId": "bk_1", "conferenceSolutionKey": {"type": "hangoutsMeet"}}}
    assert body["start"] == {"dateTime": "2026-12-10T15:00:00+01:00", "timeZone": "Europe/Berlin"}
    assert body["end"] == {"dateTime": "2026-12-10T16:00:00+01:00", "timeZone": "Europe/Berlin"}
    emails = [a["email"] for a in body["attendees"]]
    assert sorted(emails) == ["ada@partners.example", "cleo@client.example"]

    ready = cal.get(created.event_id)
    assert ready.status == CONFIRMED and ready.meeting_url == MEET_LINK
    (get,) = google.calls("GET")
    assert get.path == f"{PREFIX}/{created.event_id}"


def test_link_from_entry_points_when_there_is_no_hangout_link(
        cal: GoogleCalendar, google: FakeGoogle) -> None:
    event_id = cal.create(request()).event_id
    cal.get(event_id)
    google.events[event_id].pop("hangoutLink")
    assert cal.get(event_id).meeting_url == MEET_LINK


def test_create_twice_returns_the_same_event_and_link(
        cal: GoogleCalendar, google: FakeGoogle) -> None:
    first = cal.create(request())
    ready = cal.get(first.event_id)
    again = cal.create(request())  # the insert answers 409; the adapter fetches the event
    assert again == ready
    assert len(google.calls("POST")) == 2 and len(google.events) == 1


def test_reschedule_patches_times_and_keeps_the_room(
        cal: GoogleCalendar, google: FakeGoogle) -> None:
    event_id = cal.create(request()).event_id
    before = cal.get(event_id)
    moved = cal.reschedule(event_id, request(start=START + timedelta(days=1)))
    assert moved == before
    (patch,) = google.calls("PATCH")
    assert patch.path == f"{PREFIX}/{event_id}"
    assert patch.query["conferenceDataVersion"] == "1"
    assert patch.query["sendUpdates"] == "all"
    assert "conferenceData" not in patch.body and "id" not in patch.body
    assert patch.body["start"]["dateTime"] == "2026-12-11T15:00:00+01:00"
    assert google.events[event_id]["start"]["dateTime"] == "2026-12-11T15:00:00+01:00"


def test_cancel_is_idempotent(cal: GoogleCalendar, google: FakeGoogle) -> None:
    event_id = cal.create(request()).event_id
    cal.cancel(event_id)  # 204
    cal.cancel(event_id)  # 410 Gone: already done
    cal.cancel(event_id_for("never-created"))  # 404: nothing to do
    deletes = google.calls("DELETE")
    assert len(deletes) == 3
    assert all(d.query["sendUpdates"] == "all" for d in deletes)
    assert not google.events


def test_a_503_is_retried(cal: GoogleCalendar, google: FakeGoogle,
                          sleeps: list[float]) -> None:
    google.failures = [(503, "backendError")]
    created = cal.create(request())
    assert created.status == PENDING
    assert len(google.calls("POST")) == 2 and len(sleeps) == 1
    assert len(google.events) == 1


def test_rate_limits_are_retried(cal: GoogleCalendar, google: FakeGoogle) -> None:
    event_id = cal.create(request()).event_id
    google.failures = [(429, "rateLimitExceeded"), (403, "userRateLimitExceeded")]
    assert cal.get(event_id).meeting_url == MEET_LINK


def test_an_outage_becomes_a_transient_calendar_error(
        cal: GoogleCalendar, google: FakeGoogle, sleeps: list[float]) -> None:
    google.failures = [(503, "backendError")] * 4
    with pytest.raises(CalendarError):
        cal.create(request())
    assert len(google.calls("POST")) == 4 and len(sleeps) == 3  # execute(num_retries=3)


def test_a_refusal_is_not_retried(cal: GoogleCalendar, google: FakeGoogle) -> None:
    google.failures = [(400, "invalid")]
    with pytest.raises(CalendarRejected) as info:
        cal.create(request())
    assert not isinstance(info.value, CalendarError)
    assert len(google.calls("POST")) == 1


def test_unreachable_server_is_transient(sleeps: list[float]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cal = GoogleCalendar(AnonymousCredentials(), base_url=f"http://127.0.0.1:{port}/calendar/v3",
                         num_retries=1)
    with pytest.raises(CalendarError):
        cal.get(event_id_for("bk_1"))


def test_cancelled_event_reads_as_cancelled(cal: GoogleCalendar, google: FakeGoogle) -> None:
    event_id = cal.create(request()).event_id
    google.events[event_id]["status"] = "cancelled"
    assert cal.get(event_id).status == CANCELLED


def _service_account_file(tmp_path, token_uri: str) -> str:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    path = tmp_path / "sa.json"
    path.write_text(json.dumps({
        "type": "service_account", "project_id": "fxo-test", "private_key_id": "k1",
        "private_key": pem, "client_email": "booker@fxo-test.iam.gserviceaccount.com",
        "client_id": "1", "token_uri": token_uri}))
    return str(path)


def test_service_account_acts_as_the_partner(google: FakeGoogle, tmp_path,  # type: ignore[no-untyped-def]
                                             monkeypatch) -> None:
    monkeypatch.setenv("GOOGLE_SERVICE_ACCOUNT_FILE",
                       _service_account_file(tmp_path, google.token_uri))
    monkeypatch.setenv("GOOGLE_CALENDAR_API_BASE", google.base.rstrip("/"))
    config.reload()
    assert api_base() == google.base
    cal = bootstrap.calendar()
    assert isinstance(cal, GoogleCalendar)
    created = cal.create(request())
    cal.cancel(created.event_id)  # the organizer is remembered from create

    tokens = [r for r in google.requests if r.path == "/token"]
    assert tokens
    assertion = tokens[0].body["assertion"][0]
    claims = json.loads(base64.urlsafe_b64decode(assertion.split(".")[1] + "=="))
    assert claims["sub"] == "ada@partners.example"  # domain-wide delegation to the partner
    assert claims["iss"] == "booker@fxo-test.iam.gserviceaccount.com"
    assert "calendar" in claims["scope"]
    for call in google.calls("POST") + google.calls("DELETE"):
        assert call.headers["authorization"] == "Bearer tok-123"
