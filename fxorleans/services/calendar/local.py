"""The embedded calendar: events in our own database, video rooms on a Jitsi-style base URL.

Nobody else sends invitations here; our mail attaches an ICS file (see ics.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Column, Field, SQLModel

from fxorleans import clock
from fxorleans.services.calendar.base import (
    CANCELLED,
    CONFIRMED,
    CalendarError,
    EventNotFound,
    Meeting,
    MeetingRequest,
    event_id_for,
)
from fxorleans.store import db
from fxorleans.store.tables import TZ

ROOM_PREFIX = "FXO-"
ROOM_TOKEN_BYTES = 18  # 144 random bits, 24 URL-safe characters: a room nobody can guess


class CalendarEventRecord(SQLModel, table=True):
    __tablename__ = "calendar_event"
    __table_args__ = (sa.UniqueConstraint("booking_id", name="uq_calendar_event_booking_id"),)

    event_id: str = Field(primary_key=True, max_length=40)
    booking_id: str = Field(max_length=40)
    title: str = Field(sa_column=Column(sa.Text, nullable=False))
    start: datetime = Field(sa_column=Column(TZ(), nullable=False))
    end: datetime = Field(sa_column=Column(TZ(), nullable=False))
    meeting_url: str = Field(max_length=300)
    status: str = Field(max_length=20)
    sequence: int = 0
    updated_at: datetime = Field(sa_column=Column(TZ(), nullable=False))


def _meeting(row: CalendarEventRecord) -> Meeting:
    return Meeting(event_id=row.event_id, meeting_url=row.meeting_url, status=row.status)


@contextmanager
def _store_errors() -> Iterator[None]:
    # A database that is briefly unreachable is the same kind of failure as a calendar API
    # that is: the caller retries later.
    try:
        yield
    except sa.exc.OperationalError as exc:
        raise CalendarError(f"calendar store unavailable: {exc.orig or exc}") from exc


class LocalCalendar:
    name = "local"

    def __init__(self, meeting_base_url: str) -> None:
        base = meeting_base_url.strip().rstrip("/")
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"MEETING_BASE_URL must be an http(s) URL, got {meeting_base_url!r}")
        self.meeting_base_url = base

    def new_room_url(self) -> str:
        return f"{self.meeting_base_url}/{ROOM_PREFIX}{secrets.token_urlsafe(ROOM_TOKEN_BYTES)}"

    def create(self, req: MeetingRequest) -> Meeting:
        event_id = event_id_for(req.booking_id)
        try:
            with _store_errors(), db.transaction() as session:
                row = session.get(CalendarEventRecord, event_id)
                if row is None:
                    row = CalendarEventRecord(
                        event_id=event_id, booking_id=req.booking_id, title=req.title,
                        start=req.start, end=req.end, meeting_url=self.new_room_url(),
                        status=CONFIRMED, sequence=0, updated_at=clock.now())
                    session.add(row)
                return _meeting(row)
        except sa.exc.IntegrityError:
            # A concurrent create for the same booking committed first; its room is the room.
            return self.get(event_id)

    def get(self, event_id: str) -> Meeting:
        with _store_errors(), db.reading() as session:
            row = session.get(CalendarEventRecord, event_id)
            if row is None:
                raise EventNotFound(event_id)
            return _meeting(row)

    def sequence(self, event_id: str) -> int:
        """The event's revision number, for the SEQUENCE of the ICS our mail attaches."""
        with _store_errors(), db.reading() as session:
            row = session.get(CalendarEventRecord, event_id)
            if row is None:
                raise EventNotFound(event_id)
            return row.sequence

    def reschedule(self, event_id: str, req: MeetingRequest) -> Meeting:
        with _store_errors(), db.transaction() as session:
            row = session.get(CalendarEventRecord, event_id, with_for_update=True)
            if row is None:
                raise EventNotFound(event_id)
            if row.status == CANCELLED:
                raise EventNotFound(f"{event_id} is cancelled")
            if (row.start, row.end, row.title) != (req.start, req.end, req.title):
                row.start, row.end, row.title = req.start, req.end, req.title
                row.sequence += 1
                row.updated_at = clock.now()
            return _meeting(row)

    def cancel(self, event_id: str) -> None:
        with _store_errors(), db.transaction() as session:
            row = session.get(CalendarEventRecord, event_id, with_for_update=True)
            if row is None or row.status == CANCELLED:
                return
            row.status = CANCELLED
            row.sequence += 1
            row.updated_at = clock.now()

    def sends_invites(self) -> bool:
        return False
