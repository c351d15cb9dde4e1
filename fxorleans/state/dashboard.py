"""The partner's dashboard: own sessions, earnings, and closing a session (completion,
no-show, cancellation). The use cases in booking/closing.py decide; this state checks the
role and the ownership again, asks, and shows the answer."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime

import reflex as rx

from fxorleans import clock, config, routes
from fxorleans.accounts.service import UserDTO
from fxorleans.booking import closing, queries
from fxorleans.domain import booking as bk
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money
from fxorleans.state.auth import AuthState, Events, allowed
from fxorleans.state.dialog import ActionDialog

ACTIONS = ("complete", "no_show", "cancel")
DONE = {"complete": "Completion confirmed. The payment is captured after the client's "
                    "review window.",
        "no_show": "No-show recorded. The session is captured as held.",
        "cancel": "Session cancelled. The client is refunded in full."}
MAX_REASON = 500
LONG_PROBLEM = 220  # characters: about three lines of the card at its widest


@dataclasses.dataclass(frozen=True)
class SessionRow:
    booking_id: str = ""
    client: str = ""
    when: str = ""
    status: str = ""
    problem: str = ""
    long_problem: bool = False  # worth a "show all" toggle
    meeting_url: str = ""
    stars: str = ""         # "★★★★☆", empty when not rated
    rating_label: str = ""  # "Rated 4 of 5"
    rating_comment: str = ""
    upcoming: bool = False
    no_show: bool = False
    can_complete: bool = False
    can_no_show: bool = False
    can_cancel: bool = False


@dataclasses.dataclass(frozen=True)
class EarningsCards:
    this_month: str = ""
    total: str = ""
    pending: str = ""


def is_partner(user: UserDTO | None) -> bool:
    return allowed(user, "partner") and bool(user and user.partner_id)


def owns(user: UserDTO, booking_id: str) -> bool:
    """The session is this partner's own (checked here, and again by the use case)."""
    detail = queries.booking_detail(booking_id) if booking_id else None
    return detail is not None and bool(user.partner_id) and detail.partner_id == user.partner_id


def zone_of(user: UserDTO) -> str:
    """The profile's zone if the partner chose one, else the zone they work in."""
    if user.timezone and user.timezone != "UTC":
        return user.timezone
    return queries.partner_zone(user.partner_id or "")


def _row(b: queries.BookingSummary, tz: str) -> SessionRow:
    now = clock.now()
    confirmed = b.status == bk.Status.CONFIRMED
    rating = b.rating or 0
    return SessionRow(
        booking_id=b.booking_id, client=b.client_name or "A client",
        when=format_slot(b.start, tz), status=b.status, problem=b.problem,
        long_problem=len(b.problem) > LONG_PROBLEM or b.problem.count("\n") > 2,
        meeting_url=b.meeting_url or "",
        stars="★" * rating + "☆" * (5 - rating) if rating else "",
        rating_label=f"Rated {rating} of 5" if rating else "",
        rating_comment=b.rating_comment, upcoming=_ahead(b, now), no_show=b.no_show,
        can_complete=confirmed and b.end <= now,
        can_no_show=confirmed and b.start <= now and not b.no_show,
        can_cancel=confirmed and b.start > now,
    )


def _ahead(b: queries.BookingSummary, now: datetime) -> bool:
    """Still to come: not over, and not cancelled."""
    return b.end > now and b.status in bk.LIVE


def _amounts(items: tuple[Money, ...]) -> str:
    return " + ".join(m.format() for m in items) or Money(0, config.get().currency).format()


def read_dashboard(user: UserDTO) -> tuple[list[SessionRow], list[SessionRow], EarningsCards]:
    """(upcoming soonest first, past most recent first, earnings) for a partner."""
    pid, tz = user.partner_id or "", zone_of(user)
    now = clock.now()
    items = [b for b in queries.sessions_of_partner(pid) if b.status != bk.Status.EXPIRED]
    upcoming = [_row(b, tz) for b in sorted((b for b in items if _ahead(b, now)),
                                            key=lambda b: b.start)]
    past = [_row(b, tz) for b in items if not _ahead(b, now)]  # the query gives newest first
    earned = queries.partner_earnings(pid, tz, now)
    return upcoming, past, EarningsCards(_amounts(earned.this_month), _amounts(earned.total),
                                         _amounts(earned.pending))


def run_action(kind: str, booking_id: str, user: UserDTO, reason: str) -> str | None:
    if kind == "complete":
        return closing.confirm_completion(booking_id, user)
    if kind == "no_show":
        return closing.mark_no_show(booking_id, user)
    return closing.cancel(booking_id, user, reason)


class DashboardState(ActionDialog, AuthState):
    upcoming: rx.Field[list[SessionRow]] = rx.field(default_factory=list)
    past: rx.Field[list[SessionRow]] = rx.field(default_factory=list)
    earnings: EarningsCards = EarningsCards()
    profile_href: str = ""
    zone: str = ""
    expanded: rx.Field[list[str]] = rx.field(default_factory=list)
    reason: str = ""  # with the dialog (state.dialog.ActionDialog)

    def _fill(self, user: UserDTO,
              read: tuple[list[SessionRow], list[SessionRow], EarningsCards]) -> None:
        self.upcoming, self.past, self.earnings = read
        self.profile_href = routes.partner(user.partner_id or "")
        self.zone = zone_of(user)

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        read = await asyncio.to_thread(read_dashboard, user) \
            if is_partner(user) and user is not None else None
        async with self:
            self._copy(user)
            self.notice = self.action = self.target_id = ""
            if read is None or user is None:
                self.upcoming, self.past, self.earnings = [], [], EarningsCards()
                denied = self._deny()
            else:
                self._fill(user, read)
                denied = None
        if denied is not None:
            yield denied

    @rx.event
    def toggle_problem(self, booking_id: str) -> None:
        if booking_id in self.expanded:
            self.expanded = [b for b in self.expanded if b != booking_id]
        else:
            self.expanded = [*self.expanded, booking_id]

    @rx.event
    def open_action(self, action: str, booking_id: str) -> None:
        row = next((r for r in self.upcoming + self.past if r.booking_id == booking_id), None)
        if action not in ACTIONS or row is None:
            return
        self.action, self.target_id = action, booking_id
        self.target_label = f"{row.client} · {row.when}"
        self.reason, self.error, self.notice, self.busy = "", "", "", False

    @rx.event
    def set_reason(self, value: str) -> None:
        self.reason = value[:MAX_REASON]

    @rx.event(background=True)
    async def confirm(self) -> None:
        async with self:
            if self.busy or self.action not in ACTIONS:
                return
            action, booking_id, reason = self.action, self.target_id, self.reason.strip()
            self.busy, self.error = True, ""
        user = await self._caller()
        if not is_partner(user) or user is None:
            refusal: str | None = "Only the session's partner can do this."
        elif not await asyncio.to_thread(owns, user, booking_id):
            refusal = "This session is not one of yours."
        elif action == "cancel" and not reason:
            refusal = "Please give the client a reason for the cancellation."
        else:
            refusal = await asyncio.to_thread(run_action, action, booking_id, user, reason)
        read = await asyncio.to_thread(read_dashboard, user) \
            if refusal is None and user is not None else None
        async with self:
            self.busy = False
            if refusal is not None:
                self.error = refusal
                return
            if read is not None and user is not None:
                self._fill(user, read)
            self.action, self.target_id, self.notice = "", "", DONE[action]
