"""The confirmation page: what was booked, the video link, calendar files."""

from __future__ import annotations

import asyncio

import reflex as rx

from fxorleans.booking import queries, schedule
from fxorleans.domain.availability import format_slot
from fxorleans.state.auth import AuthState

LINK_WAIT_SECONDS = 120


class ConfirmationState(AuthState):
    c_found: bool = False
    c_id: str = ""
    c_partner: str = ""
    c_partner_title: str = ""
    c_when: str = ""
    c_status: str = ""
    c_meeting_url: str = ""
    c_google_link: str = ""
    c_waiting: bool = False

    def _refresh(self, detail: queries.BookingDetail, tz: str) -> None:
        self.c_found, self.c_id = True, detail.booking_id
        self.c_partner, self.c_partner_title = detail.partner_name, detail.partner_title
        self.c_when = format_slot(detail.start, tz)
        self.c_status = detail.status
        self.c_meeting_url = detail.meeting_url or ""
        files = schedule.calendar_files(detail.booking_id) if detail.meeting_url else None
        self.c_google_link = files[1] if files else ""

    def _visible(self) -> queries.BookingDetail | None:
        user = self._require("client", "admin")
        if user is None:
            return None
        detail = queries.booking_detail(self.c_id)
        if detail is None or (user.role == "client" and detail.client_id != user.id):
            return None
        return detail

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        self.c_found, self.c_waiting = False, False
        self.c_id = str(self.router.url.path).rstrip("/").rsplit("/", 1)[-1]
        detail = self._visible()
        if detail is None:
            return self._deny() if not self.user_id else None
        self._refresh(detail, detail.client_timezone or self.user_timezone)
        if detail.status == "Held" or detail.status == "Awaiting payment":
            return rx.redirect(f"/book/{detail.booking_id}")
        if not self.c_meeting_url and detail.status == "Confirmed":
            self.c_waiting = True
            return ConfirmationState.wait_for_link
        return None

    @rx.event(background=True)
    async def wait_for_link(self):  # type: ignore[no-untyped-def]
        """The link is made by the worker a moment after payment: show it when it exists."""
        for attempt in range(LINK_WAIT_SECONDS * 2):
            # Usually ready within a second: look often at first, then less.
            await asyncio.sleep(0.25 if attempt < 20 else 1.0)
            async with self:
                detail = self._visible()
                if detail is None:
                    self.c_waiting = False
                    return
                if detail.meeting_url or detail.status != "Confirmed":
                    self._refresh(detail, detail.client_timezone or self.user_timezone)
                    self.c_waiting = False
                    return
        async with self:
            self.c_waiting = False

    @rx.event
    def download_ics(self) -> rx.event.EventSpec | None:
        if self._visible() is None:
            return self._deny()
        files = schedule.calendar_files(self.c_id)
        if files is None:
            return rx.toast.info("The calendar file is available once the video link is ready.")
        return rx.download(data=files[0], filename="fx-orleans-session.ics",
                           mime_type="text/calendar")
