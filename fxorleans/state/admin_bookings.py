"""The admin's booking list with its search: status, a name, e-mail or id, and a date range
in the admin's zone."""

from __future__ import annotations

import asyncio
from datetime import date

import reflex as rx

from fxorleans.booking import queries
from fxorleans.domain import booking as bk
from fxorleans.domain.display import day_bounds
from fxorleans.state.auth import Events, allowed
from fxorleans.state.bookings import BookingsState, _rows

STATUSES = [s.value for s in bk.Status]
ALL = "Any status"
BAD_DATE = "Enter dates as YYYY-MM-DD."
BACKWARDS = "The first day must come before the last."


def _day(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


class AdminBookingsState(BookingsState):
    status_filter: str = ALL
    text_filter: str = ""
    from_filter: str = ""
    to_filter: str = ""
    filter_error: str = ""

    @rx.var
    def status_options(self) -> list[str]:
        return [ALL, *STATUSES]

    @rx.event
    def set_status_filter(self, value: str) -> None:
        self.status_filter = value if value in STATUSES else ALL

    @rx.event(background=True)
    async def search(self, form: dict) -> Events:
        user = await self._caller()
        if not allowed(user, "admin") or user is None:
            async with self:
                self.rows = []
                yield self._deny()
            return
        text = str(form.get("text", ""))[:120]
        start, end = str(form.get("from", "")), str(form.get("to", ""))
        async with self:
            status = self.status_filter
            self.text_filter, self.from_filter, self.to_filter = text, start, end
        try:
            first, last = _day(start), _day(end)
        except ValueError:
            async with self:
                self.filter_error = BAD_DATE
            return
        if first and last and first > last:
            async with self:
                self.filter_error = BACKWARDS
            return
        since, until = day_bounds(first, last, user.timezone)
        wanted = queries.BookingFilter(status="" if status == ALL else status, text=text,
                                       since=since, until=until)
        rows = await asyncio.to_thread(
            lambda: _rows(queries.search_bookings(wanted), user.timezone, "both", "admin"))
        async with self:
            self.rows, self.filter_error = rows, ""

    @rx.event
    def clear(self) -> Events:
        self.status_filter, self.text_filter, self.from_filter, self.to_filter = ALL, "", "", ""
        self.filter_error = ""
        return BookingsState.load_admin
