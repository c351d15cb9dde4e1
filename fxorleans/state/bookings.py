"""Booking lists: a client's own, a partner's own sessions, every booking for admins."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from datetime import datetime

import reflex as rx
from reflex.event import EventSpec

from fxorleans import clock, routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import closing, queries
from fxorleans.domain import booking as bk
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money
from fxorleans.state.auth import AuthState, Events, allowed
from fxorleans.state.dialog import ActionDialog

REPORTABLE = (bk.Status.CONFIRMED, bk.Status.COMPLETED)
RATEABLE = (bk.Status.COMPLETED, bk.Status.PAID)
CLOSED = (bk.Status.CANCELLED, bk.Status.REFUNDED)


@dataclasses.dataclass(frozen=True)
class BookingRow:
    booking_id: str
    who: str
    when: str
    status: str
    price: str
    upcoming: bool
    href: str
    can_cancel: bool = False
    can_report: bool = False
    can_rate: bool = False
    stars: str = ""  # "★★★★☆" once rated
    rating_label: str = ""
    refund: str = ""  # "Refund: $800.00" once cancelled


def _href(b: queries.BookingSummary, role: str) -> str:
    if role == "client" and b.status in bk.OPEN:
        return routes.book(b.booking_id)
    if role == "admin":
        return routes.admin_booking(b.booking_id)
    if role == "client" and b.status != bk.Status.EXPIRED:
        return routes.confirmation(b.booking_id)
    return ""


def _row(b: queries.BookingSummary, tz: str, who: str, role: str, now: datetime) -> BookingRow:
    client = role == "client"
    rating = b.rating or 0
    names = {"partner": b.partner_name, "client": b.client_name,
             "both": f"{b.client_name or 'A client'} with {b.partner_name}"}
    return BookingRow(
        b.booking_id, names[who],
        format_slot(b.start, tz), b.status, Money(b.amount, b.currency).format(),
        _ahead(b, now), _href(b, role),
        # what to offer; the use cases in booking/closing.py decide what is allowed
        can_cancel=client and b.status == bk.Status.CONFIRMED and b.start > now,
        can_report=client and b.status in REPORTABLE and b.start <= now
        and b.problem_reported_at is None,
        can_rate=client and b.status in RATEABLE and not b.rating and not b.no_show,
        stars="★" * rating + "☆" * (5 - rating) if rating else "",
        rating_label=f"You rated it {rating} of 5" if rating else "",
        refund=f"Refund: {Money(b.refund_amount, b.currency).format()}"
        if b.status in CLOSED else "",
    )


def _rows(items: list[queries.BookingSummary], tz: str, who: str, role: str
          ) -> list[BookingRow]:
    """Upcoming soonest first, then the past, most recent first."""
    now = clock.now()
    upcoming = sorted((b for b in items if _ahead(b, now)), key=lambda b: b.start)
    past = [b for b in items if not _ahead(b, now)]
    return [_row(b, tz, who, role, now) for b in upcoming + past]


def _ahead(b: queries.BookingSummary, now: datetime) -> bool:
    """Still to come: not over, and not cancelled or lapsed."""
    return b.end > now and b.status in bk.LIVE


def _client_rows(user: UserDTO) -> list[BookingRow]:
    return _rows(queries.bookings_of_client(user.id), user.timezone, "partner", "client")


def _admin_rows(user: UserDTO) -> list[BookingRow]:
    return _rows(queries.all_bookings(), user.timezone, "both", "admin")


class BookingsState(ActionDialog, AuthState):
    rows: rx.Field[list[BookingRow]] = rx.field(default_factory=list)
    list_title: str = ""

    @rx.var
    def upcoming_rows(self) -> list[BookingRow]:
        return [r for r in self.rows if r.upcoming]

    @rx.var
    def past_rows(self) -> list[BookingRow]:
        return [r for r in self.rows if not r.upcoming]

    async def _show(self, role: str, title: str, read: Callable[[UserDTO], list[BookingRow]]
                    ) -> EventSpec | None:
        """Fill the list for a caller with `role` (call outside `async with self`); else
        where to send them."""
        user = await self._caller()
        ok = allowed(user, role)
        rows = await asyncio.to_thread(read, user) if ok and user is not None else []
        async with self:
            self._copy(user)
            self.rows, self.list_title = rows, title if ok else ""
            return None if ok else self._deny()

    @rx.event(background=True)
    async def load_client(self) -> Events:
        async with self:
            self.notice = self.action = self.target_id = ""
        if (denied := await self._show("client", "My bookings", _client_rows)) is not None:
            yield denied

    @rx.event(background=True)
    async def load_admin(self) -> Events:
        if (denied := await self._show("admin", "All bookings", _admin_rows)) is not None:
            yield denied

    # --- the client's own actions: one dialog at a time -------------------------------

    # the dialog (state.dialog.ActionDialog): action is cancel | report | rate
    quote: str = ""  # "$800.00 (100 %)"
    quote_why: str = ""
    report_text: str = ""
    stars: str = ""
    comment: str = ""

    def _open(self, action: str, booking_id: str) -> bool:
        row = next((r for r in self.rows if r.booking_id == booking_id), None)
        allowed_here = row is not None and {"cancel": row.can_cancel, "report": row.can_report,
                                            "rate": row.can_rate}.get(action, False)
        if row is None or not allowed_here:
            return False
        self.action, self.target_id, self.target_label = action, booking_id, \
            f"{row.who} · {row.when}"
        self.quote = self.quote_why = self.report_text = self.stars = self.comment = ""
        self.error = self.notice = ""
        return True

    @rx.event
    def open_report(self, booking_id: str) -> None:
        self._open("report", booking_id)

    @rx.event
    def open_rating(self, booking_id: str) -> None:
        self._open("rate", booking_id)

    @rx.event
    def open_cancel(self, booking_id: str) -> EventSpec | None:
        """The dialog opens at once; the refund it would bring is asked for meanwhile."""
        if not self._open("cancel", booking_id):
            return None
        self.busy = True
        return BookingsState.fetch_quote

    @rx.event(background=True)
    async def fetch_quote(self) -> None:
        async with self:
            booking_id = self.target_id if self.action == "cancel" else ""
        user = await self._caller()
        quote = await asyncio.to_thread(closing.quote_cancellation, booking_id, user) \
            if allowed(user, "client") and booking_id else NOT_YOURS
        async with self:
            self.busy = False
            if self.target_id != booking_id or not booking_id:
                return  # closed or moved on meanwhile
            if isinstance(quote, str):
                self.error = quote
            else:
                self.quote = f"{quote.refund.format()} ({quote.percent} %)"
                self.quote_why = quote.why

    @rx.event
    def set_report_text(self, value: str) -> None:
        self.report_text = value[:MAX_TEXT]

    @rx.event
    def set_stars(self, value: str) -> None:
        self.stars = value if value in ("1", "2", "3", "4", "5") else ""

    @rx.event
    def set_comment(self, value: str) -> None:
        self.comment = value[:MAX_TEXT]

    @rx.event(background=True)
    async def confirm(self) -> None:
        async with self:
            if self.busy or self.action not in ACTIONS:
                return
            action, booking_id = self.action, self.target_id
            text, stars, comment = self.report_text.strip(), self.stars, self.comment.strip()
            self.busy, self.error = True, ""
        user = await self._caller()
        refusal = await asyncio.to_thread(_client_action, user, action, booking_id, text,
                                          stars, comment)
        rows = await asyncio.to_thread(_client_rows, user) \
            if refusal is None and user is not None else None
        async with self:
            self.busy = False
            if refusal is not None:
                self.error = refusal
                return
            self.rows = rows or []
            self.action, self.target_id, self.notice = "", "", DONE[action]


ACTIONS = ("cancel", "report", "rate")
NOT_YOURS = "Only the booking's client can do this."
MAX_TEXT = 2000
DONE = {"cancel": "Your booking is cancelled. The refund shown goes back to your card.",
        "report": "Thank you. The payment is on hold and our team will look at it.",
        "rate": "Thank you for rating your session."}


def _client_action(user: UserDTO | None, action: str, booking_id: str, text: str, stars: str,
                   comment: str) -> str | None:
    """Check the role and that the booking is the caller's own, then ask the use case."""
    if not allowed(user, "client"):
        return NOT_YOURS
    detail = queries.booking_detail(booking_id) if booking_id else None
    if detail is None or detail.client_id != user.id:
        return "This booking is not one of yours."
    if action == "cancel":
        return closing.cancel(booking_id, user)
    if action == "report":
        if len(text) < 10:
            return "Please tell us what went wrong (at least a sentence)."
        return closing.report_problem(booking_id, user, text)
    if stars not in ("1", "2", "3", "4", "5"):
        return "Please choose from 1 to 5 stars."
    return closing.rate(booking_id, user, int(stars), comment)
