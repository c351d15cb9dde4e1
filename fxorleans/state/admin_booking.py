"""The admin's booking page: the booking, its money, the provider's live state, every event, and
the refund form. Every handler checks on the server that the caller is an admin."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import reflex as rx

from fxorleans.accounts.service import UserDTO
from fxorleans.booking import closing
from fxorleans.domain.money import Money, MoneyError
from fxorleans.state.admin_booking_facts import (
    BookingFacts,
    DeskFacts,
    EventRow,
    Evidence,
    MoneyFacts,
    Page,
    ProviderFacts,
    page_of,
    provider_of,
    summary_of,
)
from fxorleans.state.auth import AuthState, Events, allowed

__all__ = ["NOT_ADMIN", "AdminBookingState", "BookingFacts", "EventRow"]

NOT_ADMIN = "Only an admin can do this."
POLL_SECONDS = 1.0
POLL_TIMES = 10
REASON_MAX = 500


def _refund(user: UserDTO | None, booking_id: str, amount: str, reason: str) -> str | None:
    if not allowed(user, "admin"):
        return NOT_ADMIN
    return closing.refund(booking_id, user, amount, reason)


class AdminBookingState(AuthState):
    found: bool = False
    booking: BookingFacts = BookingFacts()
    money: MoneyFacts = MoneyFacts()
    events: rx.Field[list[EventRow]] = rx.field(default_factory=list)
    provider: ProviderFacts = ProviderFacts()
    provider_status: str = "loading"  # loading | ok | unavailable | none
    intent_id: str = ""
    refunds_done: int = 0
    desk: DeskFacts = DeskFacts()
    evidence: Evidence = Evidence()

    amount: str = ""
    reason: str = ""
    confirming: bool = False
    confirm_amount: str = ""  # "$200.00", shown in the dialog
    busy: bool = False
    waiting: bool = False  # the refund job is on its way
    error: str = ""
    notice: str = ""

    def _show(self, page: Page | None) -> None:
        self.found = page is not None
        self.booking = page.booking if page else BookingFacts()
        self.money = page.money if page else MoneyFacts()
        self.events = page.events if page else []
        self.refunds_done = page.refunds_done if page else 0
        self.intent_id = page.intent_id if page else ""
        self.desk = page.desk if page else DeskFacts()
        self.evidence = page.evidence if page else Evidence()

    async def _read(self, user: UserDTO | None, booking_id: str) -> Page | None:
        if not allowed(user, "admin"):
            return None
        return await asyncio.to_thread(page_of, user, booking_id)

    @rx.event(background=True)
    async def load(self) -> Events:
        user = await self._caller()
        async with self:
            booking_id = self.booking_id
        page = await self._read(user, booking_id)
        async with self:
            self._copy(user)
            self._show(page)
            self.amount = page.money.refundable_amount if page else ""
            self.reason = self.error = self.notice = ""
            self.confirming = self.busy = self.waiting = self.deciding = False
            self.decide_refund = self.decide_reason = self.flag_reason = self.desk_error = ""
            self.provider, self.provider_status = ProviderFacts(), "loading" if page else "none"
            denied = None if allowed(user, "admin") else self._deny()
        if denied is not None:
            yield denied
        elif page is not None:
            await self._refresh_provider(booking_id)

    async def _refresh_provider(self, booking_id: str) -> None:
        async with self:
            intent_id = self.intent_id if self.booking.booking_id == booking_id else ""
        facts, status = await provider_of(intent_id)
        async with self:
            if self.booking.booking_id == booking_id:  # still on this booking
                self.provider, self.provider_status = facts, status

    @rx.event
    def set_amount(self, value: str) -> None:
        self.amount = value[:20]

    @rx.event
    def set_reason(self, value: str) -> None:
        self.reason = value[:REASON_MAX]

    @rx.event(background=True)
    async def open_refund(self, form: dict) -> None:
        """The "Refund" button: check the caller and the amount's form, then ask to confirm;
        how much may still be refunded is the use case's to decide."""
        user = await self._caller()
        async with self:
            self.notice = ""
            self.amount = str(form.get("amount", self.amount))[:20]
            self.reason = str(form.get("reason", self.reason))[:REASON_MAX]
            if not allowed(user, "admin"):
                self.error = NOT_ADMIN
                return
            try:
                money = Money.parse(self.amount, self.money.currency)
            except MoneyError:
                self.error = "Enter an amount like 200.00."
                return
            if money.amount <= 0:
                self.error = "Enter an amount above zero."
            elif not self.reason.strip():
                self.error = "Say why: the reason is kept with the refund."
            else:
                self.error, self.confirm_amount, self.confirming = "", money.format(), True

    @rx.event
    def dialog_changed(self, open_: bool) -> None:
        if not open_ and not self.busy:
            self.confirming, self.error = False, ""

    @rx.event
    def close_dialog(self) -> None:
        if not self.busy:
            self.confirming, self.error = False, ""

    @rx.event(background=True)
    async def confirm_refund(self) -> None:
        async with self:
            if self.busy:
                return
            booking_id, amount, reason = self.booking.booking_id, self.amount, self.reason
            before, shown = self.refunds_done, self.confirm_amount
            self.busy, self.error = True, ""
        user = await self._caller()
        refusal = await asyncio.to_thread(_refund, user, booking_id, amount, reason)
        async with self:
            self.busy = False
            if refusal is not None:
                self.error = refusal
                return
            self.confirming, self.reason, self.waiting = False, "", True
            self.notice = f"Refund of {shown} requested. It is being sent to the provider…"
        await self._wait_for_refund(user, booking_id, before, shown)

    async def _poll(self, user: UserDTO | None, booking_id: str,
                    done: Callable[[Page], bool]) -> Page | None:
        """Read the page again every POLL_SECONDS until `done` (or POLL_TIMES reads)."""
        page = None
        for _ in range(POLL_TIMES):
            await asyncio.sleep(POLL_SECONDS)
            page = await self._read(user, booking_id)
            if page is None or done(page):
                break
        return page

    async def _wait_for_refund(self, user: UserDTO | None, booking_id: str, before: int,
                               shown: str) -> None:
        """The refund runs as a job in the worker: show it once it is recorded."""
        page = await self._poll(user, booking_id, lambda p: p.refunds_done > before)
        done = page is not None and page.refunds_done > before
        async with self:
            if self.booking.booking_id != booking_id:
                return  # moved on meanwhile
            if page is not None:
                self._show(page)
                self.amount = page.money.refundable_amount
            self.waiting = False
            self.notice = f"Refunded {shown}." if done else \
                f"Refund of {shown} requested; the provider has not answered yet. " \
                "Reload the page in a moment."
        await self._refresh_provider(booking_id)


    # --- the desk: capture, release or keep part of a held authorization; clear a flag ----

    decide_refund: str = ""
    decide_reason: str = ""
    deciding: bool = False
    decide_summary: str = ""  # what the dialog asks to confirm
    desk_error: str = ""
    flag_reason: str = ""

    @rx.event
    def set_decide_refund(self, value: str) -> None:
        self.decide_refund = value[:20]

    @rx.event
    def set_decide_reason(self, value: str) -> None:
        self.decide_reason = value[:REASON_MAX]

    @rx.event
    def set_flag_reason(self, value: str) -> None:
        self.flag_reason = value[:REASON_MAX]

    @rx.event(background=True)
    async def open_decision(self, form: dict) -> None:
        """The desk's "Decide" button: what the amount means, to confirm; the use case
        decides whether it may be done."""
        user = await self._caller()
        async with self:
            self.notice = ""
            self.decide_refund = str(form.get("refund", self.decide_refund))[:20]
            self.decide_reason = str(form.get("reason", self.decide_reason))[:REASON_MAX]
            if not allowed(user, "admin"):
                self.desk_error = NOT_ADMIN
                return
            summary = summary_of(self.decide_refund, self.desk.held_amount, self.money.currency)
            if summary is None:
                self.desk_error = f"Enter an amount from 0.00 to {self.desk.held_amount}."
            elif not self.decide_reason.strip():
                self.desk_error = "Say why: the reason is kept with the decision."
            else:
                self.desk_error, self.decide_summary, self.deciding = "", summary, True

    @rx.event
    def decision_dialog_changed(self, open_: bool) -> None:
        if not open_ and not self.busy:
            self.deciding, self.desk_error = False, ""

    @rx.event(background=True)
    async def confirm_decision(self) -> None:
        async with self:
            if self.busy:
                return
            booking_id, refund, reason = (self.booking.booking_id, self.decide_refund,
                                          self.decide_reason)
            self.busy, self.desk_error = True, ""
        user = await self._caller()
        refusal = await asyncio.to_thread(_decide, user, booking_id, refund, reason)
        async with self:
            self.busy = False
            if refusal is not None:
                self.desk_error = refusal
                return
            self.deciding, self.decide_reason, self.waiting = False, "", True
            self.notice = "Decision recorded. The provider is being asked…"
        # the capture or the release runs as a job
        page = await self._poll(user, booking_id, lambda p: not p.desk.moving)
        async with self:
            if self.booking.booking_id != booking_id:
                return
            self._show(page)
            self.waiting = False
            self.notice = "Decision carried out." if page and not page.desk.moving else \
                "Decision recorded; the provider has not answered yet. Reload in a moment."
        await self._refresh_provider(booking_id)

    @rx.event(background=True)
    async def resolve_flag(self, form: dict) -> None:
        user = await self._caller()
        async with self:
            booking_id = self.booking.booking_id
            self.flag_reason = str(form.get("flag_reason", self.flag_reason))[:REASON_MAX]
            reason = self.flag_reason
        refusal = await asyncio.to_thread(_resolve_flag, user, booking_id, reason)
        page = await self._read(user, booking_id) if refusal is None else None
        async with self:
            self.desk_error = refusal or ""
            if refusal is None:
                self._show(page)
                self.flag_reason, self.notice = "", "Flag resolved."


def _decide(user: UserDTO | None, booking_id: str, refund: str, reason: str) -> str | None:
    if user is None or not allowed(user, "admin"):
        return NOT_ADMIN
    return closing.decide(booking_id, user, refund, reason)


def _resolve_flag(user: UserDTO | None, booking_id: str, reason: str) -> str | None:
    if user is None or not allowed(user, "admin"):
        return NOT_ADMIN
    return closing.resolve_flag(booking_id, user, reason)
