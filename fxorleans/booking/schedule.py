"""After authorization: the calendar event with its video link, and the two e-mails."""

from __future__ import annotations

import logging

from sqlmodel import Session

from fxorleans import clock, config
from fxorleans.booking import outbox, payment, uow
from fxorleans.domain import booking as bk
from fxorleans.domain import events as ev
from fxorleans.domain.availability import format_slot
from fxorleans.domain.money import split
from fxorleans.domain.refunds import describe
from fxorleans.services.calendar import get_calendar
from fxorleans.services.calendar.base import Attendee, CalendarError, MeetingRequest
from fxorleans.services.calendar.ics import google_calendar_link
from fxorleans.services.mailer import Message, get_mailer
from fxorleans.store import db
from fxorleans.store.tables import PartnerRow, User

log = logging.getLogger(__name__)


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


def people(b: bk.Booking) -> tuple[PartnerRow, User]:
    with db.reading() as session:
        partner = session.get(PartnerRow, b.partner_id)
        client = session.get(User, b.client_id)
    if partner is None or client is None:
        raise outbox.PermanentError(f"booking {b.booking_id}: partner or client is gone")
    return partner, client


def _mails(b: bk.Booking, partner: PartnerRow, client: User, url: str, add_link: str
           ) -> list[Message]:
    site = config.get().public_url
    payout = split(b.price).partner.format()
    partner_name = f"{partner.first_name} {partner.last_name}"
    policy = "\n".join(f"  - {line}" for line in describe(config.get().refund_policy))
    client_when = format_slot(b.start, b.client_timezone)
    partner_when = format_slot(b.start, partner.timezone)
    return [
        Message(
            to=client.email, kind="booking-confirmed",
            subject=f"Booking confirmed: {partner_name}, {client_when}",
            body=(f"Hello {client.name or client.email},\n\nYour session is booked.\n\n"
                  f"Partner: {partner_name} ({partner.title})\nWhen: {client_when}\n"
                  f"Duration: 60 minutes\nJoin: {url}\n\n"
                  f"Add it to Google Calendar: {add_link}\n"
                  f"Details and calendar file: {site}/confirmation/{b.booking_id}\n\n"
                  f"{b.price.format()} is authorized on your card, not charged. The payment is "
                  f"taken only after the session has taken place.\n\nCancellation policy:\n"
                  f"{policy}\n"),
        ),
        Message(
            to=partner.email, kind="booking-partner",
            subject=f"New session: {client.name or client.email}, {partner_when}",
            body=(f"Hello {partner.first_name},\n\n{client.name or client.email} booked a "
                  f"60-minute session with you.\n\nWhen: {partner_when}\nJoin: {url}\n"
                  f"Your payout: {payout} (80 % of {b.price.format()}), paid after you confirm "
                  f"the session took place.\n\nThe problem, in the client's words:\n\n"
                  f"{b.problem}\n\nAdd it to Google Calendar: {add_link}\n"
                  f"Your sessions: {site}/dashboard\n"),
        ),
    ]


@outbox.handler(payment.SCHEDULE_JOB)
def schedule(payload: dict) -> None:
    booking_id = payload["booking_id"]
    b = payment.load(booking_id)
    if b is None or b.status != bk.Status.CONFIRMED or b.meeting_url:
        return  # cancelled meanwhile, or already scheduled
    partner, client = people(b)
    req = meeting_request(b, partner, client)
    meeting = get_calendar().create(req)
    if not meeting.meeting_url:
        raise MeetingNotReady(f"video link for {booking_id} is not ready yet")
    url = meeting.meeting_url
    add_link = google_calendar_link(req, meeting)

    def decide(state: bk.Booking | None, _s: Session) -> list[ev.Event]:
        if state is None or state.status != bk.Status.CONFIRMED or state.meeting_url:
            return []
        now = clock.now()
        return [ev.ConsultationScheduled(calendar_event_id=meeting.event_id, meeting_url=url,
                                         scheduled_at=now),
                ev.ConsultationConfirmed(confirmed_at=now)]

    def send(session: Session, state: bk.Booking) -> None:
        mailer = get_mailer()
        for message in _mails(state, partner, client, url, add_link):
            mailer.send(session, message)

    uow.run(booking_id, decide, uow.Actor.system(), after=send)



def calendar_files(booking_id: str) -> tuple[str, str] | None:
    """(ICS text, Google Calendar link) for a scheduled booking, else None."""
    from fxorleans.services.calendar.base import Meeting
    from fxorleans.services.calendar.ics import invite_ics

    b = payment.load(booking_id)
    if b is None or not b.meeting_url or not b.calendar_event_id:
        return None
    partner, client = people(b)
    req = meeting_request(b, partner, client)
    meeting = Meeting(event_id=b.calendar_event_id, meeting_url=b.meeting_url,
                      status="confirmed")
    return invite_ics(meeting, req), google_calendar_link(req, meeting)
