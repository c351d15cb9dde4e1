"""Booking lists: a client's own, a partner's own sessions, every booking for admins."""

from __future__ import annotations

import dataclasses

import reflex as rx

from fxorleans import clock
from fxorleans.booking import queries
from fxorleans.domain.availability import format_slot
from fxorleans.domain.money import Money
from fxorleans.state.auth import AuthState


@dataclasses.dataclass
class BookingRow:
    booking_id: str
    who: str
    when: str
    status: str
    price: str
    upcoming: bool
    href: str


def _href(b: queries.BookingSummary, role: str) -> str:
    if role == "client" and b.status in ("Held", "Awaiting payment"):
        return f"/book/{b.booking_id}"
    if role in ("client", "admin") and b.status not in ("Expired",):
        return f"/confirmation/{b.booking_id}"
    return ""


def _rows(items: list[queries.BookingSummary], tz: str, who: str, role: str
          ) -> list[BookingRow]:
    """Upcoming soonest first, then the past, most recent first."""
    now = clock.now()
    upcoming = sorted((b for b in items if b.end > now), key=lambda b: b.start)
    past = [b for b in items if b.end <= now]
    return [
        BookingRow(b.booking_id, b.partner_name if who == "partner" else b.client_name,
                   format_slot(b.start, tz), b.status, Money(b.amount, b.currency).format(),
                   b.end > now, _href(b, role))
        for b in upcoming + past
    ]


class BookingsState(AuthState):
    rows: list[BookingRow] = []
    list_title: str = ""

    @rx.event
    def load_client(self) -> rx.event.EventSpec | None:
        self.rows = []
        user = self._require("client")
        if user is None:
            return self._deny()
        self.list_title = "My bookings"
        self.rows = _rows(queries.bookings_of_client(user.id), user.timezone, "partner",
                          "client")
        return None

    @rx.event
    def load_partner(self) -> rx.event.EventSpec | None:
        self.rows = []
        user = self._require("partner")
        if user is None or not user.partner_id:
            return self._deny()
        self.list_title = "My sessions"
        self.rows = _rows(queries.sessions_of_partner(user.partner_id), user.timezone, "client",
                          "partner")
        return None

    @rx.event
    def load_admin(self) -> rx.event.EventSpec | None:
        self.rows = []
        user = self._require("admin")
        if user is None:
            return self._deny()
        self.list_title = "All bookings"
        self.rows = _rows(queries.all_bookings(), user.timezone, "partner", "admin")
        return None
