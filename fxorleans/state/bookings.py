"""Booking lists: a client's own, a partner's own sessions, every booking for admins."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

import reflex as rx
from reflex.event import EventSpec

from fxorleans import clock, routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import queries
from fxorleans.domain import booking as bk
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money
from fxorleans.state.auth import AuthState, Events, allowed


@dataclasses.dataclass(frozen=True)
class BookingRow:
    booking_id: str
    who: str
    when: str
    status: str
    price: str
    upcoming: bool
    href: str


def _href(b: queries.BookingSummary, role: str) -> str:
    if role == "client" and b.status in bk.OPEN:
        return routes.book(b.booking_id)
    if role in ("client", "admin") and b.status != bk.Status.EXPIRED:
        return routes.confirmation(b.booking_id)
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


def _client_rows(user: UserDTO) -> list[BookingRow]:
    return _rows(queries.bookings_of_client(user.id), user.timezone, "partner", "client")


def _partner_rows(user: UserDTO) -> list[BookingRow]:
    return _rows(queries.sessions_of_partner(user.partner_id or ""), user.timezone, "client",
                 "partner")


def _admin_rows(user: UserDTO) -> list[BookingRow]:
    return _rows(queries.all_bookings(), user.timezone, "partner", "admin")


class BookingsState(AuthState):
    rows: rx.Field[list[BookingRow]] = rx.field(default_factory=list)
    list_title: str = ""

    async def _show(self, role: str, title: str, read: Callable[[UserDTO], list[BookingRow]]
                    ) -> EventSpec | None:
        """Fill the list for a caller with `role` (call outside `async with self`); else
        where to send them."""
        user = await self._caller()
        ok = allowed(user, role) and (role != "partner" or bool(user.partner_id))
        rows = await asyncio.to_thread(read, user) if ok and user is not None else []
        async with self:
            self._copy(user)
            self.rows, self.list_title = rows, title if ok else ""
            return None if ok else self._deny()

    @rx.event(background=True)
    async def load_client(self) -> Events:
        if (denied := await self._show("client", "My bookings", _client_rows)) is not None:
            yield denied

    @rx.event(background=True)
    async def load_partner(self) -> Events:
        if (denied := await self._show("partner", "My sessions", _partner_rows)) is not None:
            yield denied

    @rx.event(background=True)
    async def load_admin(self) -> Events:
        if (denied := await self._show("admin", "All bookings", _admin_rows)) is not None:
            yield denied
