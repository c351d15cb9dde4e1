"""The confirmation page: what was booked, the video link, calendar files."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from fxorleans import routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import queries, schedule
from fxorleans.domain import booking as bk
from fxorleans.domain.display import format_slot
from fxorleans.state.auth import AuthState, Events, allowed

LINK_WAIT_SECONDS = 120
VIEWERS = ("client", "admin")


@dataclasses.dataclass(frozen=True)
class ConfirmedBooking:
    booking_id: str = ""
    partner_name: str = ""
    partner_title: str = ""
    when: str = ""
    status: str = ""
    meeting_url: str = ""
    google_link: str = ""


def _visible(user: UserDTO, booking_id: str) -> queries.BookingDetail | None:
    """The booking if `user` may see it: its client, or an admin."""
    detail = queries.booking_detail(booking_id) if booking_id else None
    if detail is None or (user.role == "client" and detail.client_id != user.id):
        return None
    return detail


def _confirmed(user: UserDTO, booking_id: str) -> ConfirmedBooking | None:
    detail = _visible(user, booking_id)
    if detail is None:
        return None
    files = schedule.calendar_files(detail.booking_id) if detail.meeting_url else None
    return ConfirmedBooking(
        booking_id=detail.booking_id, partner_name=detail.partner_name,
        partner_title=detail.partner_title,
        when=format_slot(detail.start, detail.client_timezone or user.timezone),
        status=detail.status, meeting_url=detail.meeting_url or "",
        google_link=files[1] if files else "")


def _calendar_file(user: UserDTO, booking_id: str) -> tuple[bool, str | None]:
    """(may see it, the ICS text once the meeting exists)."""
    if _visible(user, booking_id) is None:
        return False, None
    files = schedule.calendar_files(booking_id)
    return True, files[0] if files else None


class ConfirmationState(AuthState):
    found: bool = False
    booking: ConfirmedBooking = ConfirmedBooking()
    waiting: bool = False

    async def _read(self, booking_id: str) -> ConfirmedBooking | None:
        """The booking as the caller may see it now (call outside `async with self`)."""
        user = await self._caller()
        if not allowed(user, *VIEWERS):
            return None
        return await asyncio.to_thread(_confirmed, user, booking_id)

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        async with self:
            booking_id = self.booking_id
        seen = await asyncio.to_thread(_confirmed, user, booking_id) \
            if allowed(user, *VIEWERS) else None
        async with self:
            self._copy(user)
            self.found, self.waiting = seen is not None, False
            self.booking = seen or ConfirmedBooking()
            follow = None
            if user is None:
                follow = self._deny()
            elif seen is not None and seen.status in bk.OPEN:
                follow = rx.redirect(routes.book(seen.booking_id))
            elif seen is not None:
                self.waiting = not seen.meeting_url and seen.status == bk.Status.CONFIRMED
            wait = self.waiting
        if follow is not None:
            yield follow
        elif wait and seen is not None:
            await self._wait_for_link(seen.booking_id)

    async def _wait_for_link(self, booking_id: str) -> None:
        """The link is made by the worker a moment after payment: show it when it exists."""
        for attempt in range(LINK_WAIT_SECONDS * 2):
            # Usually ready within a second: look often at first, then less.
            await asyncio.sleep(0.25 if attempt < 20 else 1.0)
            seen = await self._read(booking_id)
            if seen is not None and not seen.meeting_url and seen.status == bk.Status.CONFIRMED:
                continue  # still being prepared
            async with self:
                if self.booking.booking_id == booking_id:  # still on this page
                    self.found = seen is not None
                    self.booking, self.waiting = seen or ConfirmedBooking(), False
            return
        async with self:
            self.waiting = False

    @rx.event(background=True)
    async def download_ics(self) -> Events:
        user = await self._caller()
        async with self:
            self._copy(user)
            denied, booking_id = self._deny(), self.booking.booking_id
        visible, ics = await asyncio.to_thread(_calendar_file, user, booking_id) \
            if allowed(user, *VIEWERS) else (False, None)
        if not visible:
            yield denied
        elif ics is None:
            yield rx.toast.info("The calendar file is available once the video link is ready.")
        else:
            yield rx.download(data=ics, filename="fx-orleans-session.ics",
                              mime_type="text/calendar")
