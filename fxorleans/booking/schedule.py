"""After authorization: the calendar event with its video link, and the two e-mails."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from fxorleans import bootstrap, clock
from fxorleans.booking import notices, people, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import meeting as rules
from fxorleans.services.calendar.base import Attendee, CalendarError, Meeting, MeetingRequest
from fxorleans.services.calendar.ics import google_calendar_link, invite_ics
from fxorleans.store.tables import PartnerRow, User


class MeetingNotReady(CalendarError):
    """The provider is still creating the video link: the job retries."""


def meeting_request(b: bk.Booking, partner: PartnerRow, client: User) -> MeetingRequest:
    return MeetingRequest(
        booking_id=b.booking_id,
        title=f"FX-Orleans: {client.name or client.email} × {partner.first_name} "
              f"{partner.last_name}",
        description=f"{b.problem}\n\nBooking {b.booking_id}",
        start=b.start, end=b.end,
        organizer=Attendee(partner.email, f"{partner.first_name} {partner.last_name}",
                           partner.timezone),
        attendees=(Attendee(client.email, client.name or client.email, b.client_timezone),),
    )


def schedule(payload: dict[str, Any]) -> None:
    """The outbox job: create the meeting, record it, and mail both people."""
    booking_id = payload["booking_id"]
    b = uow.load(booking_id)
    if b is None or not rules.needs_meeting(b):
        return  # cancelled meanwhile, or already scheduled
    partner, client = people.of(b)
    req = meeting_request(b, partner, client)
    meeting = bootstrap.calendar().create(req)
    if not meeting.meeting_url:
        raise MeetingNotReady(f"video link for {booking_id} is not ready yet")
    url, add_link = meeting.meeting_url, google_calendar_link(req, meeting)

    def send(session: Session, state: bk.Booking) -> None:
        mailer = bootstrap.mailer()
        for message in notices.confirmations(state, partner, client, url, add_link):
            mailer.send(session, message)

    uow.run(booking_id, lambda state, _s: rules.scheduled(state, meeting.event_id, url,
                                                          clock.now()),
            uow.Actor.system(), after=send)


def calendar_files(booking_id: str) -> tuple[str, str] | None:
    """(ICS text, Google Calendar link) for a scheduled booking, else None."""
    b = uow.load(booking_id)
    if b is None or not b.meeting_url or not b.calendar_event_id:
        return None
    partner, client = people.of(b)
    req = meeting_request(b, partner, client)
    meeting = Meeting(event_id=b.calendar_event_id, meeting_url=b.meeting_url,
                      status="confirmed")
    return invite_ics(meeting, req), google_calendar_link(req, meeting)
