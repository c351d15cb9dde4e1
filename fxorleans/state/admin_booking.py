"""The admin's booking page: the booking, its money, the provider's live state, every event, and
the refund form. Every handler checks on the server that the caller is an admin."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from fxorleans.accounts.service import UserDTO
from fxorleans.booking import closing, history
from fxorleans.domain.display import format_slot
from fxorleans.domain.money import Money, MoneyError
from fxorleans.state.auth import AuthState, Events, allowed

NOT_ADMIN = "Only an admin can refund."
POLL_SECONDS = 1.0
POLL_TIMES = 10
REASON_MAX = 500


@dataclasses.dataclass(frozen=True)
class BookingFacts:
    booking_id: str = ""
    client: str = ""
    client_email: str = ""
    partner: str = ""
    when: str = ""
    status: str = ""


@dataclasses.dataclass(frozen=True)
class MoneyFacts:
    authorized: str = ""
    captured: str = ""
    refunded: str = ""
    net: str = ""
    refundable: str = ""  # "$600.00"
    refundable_amount: str = ""  # "600.00", what the Amount field starts with
    payment_status: str = ""
    currency: str = "USD"
    captured_any: bool = False


@dataclasses.dataclass(frozen=True)
class ProviderFacts:
    status: str = ""
    amount: str = ""
    capturable: str = ""
    received: str = ""


@dataclasses.dataclass(frozen=True)
class EventRow:
    key: str
    name: str
    role: str
    who: str
    when: str
    detail: str


@dataclasses.dataclass(frozen=True)
class Page:
    booking: BookingFacts
    money: MoneyFacts
    events: list[EventRow]
    refunds_done: int  # PaymentRefunded events so far: the poll waits for one more
    intent_id: str


def _page(user: UserDTO, booking_id: str) -> Page | None:
    """The page's facts for an admin, in the admin's zone; None if there is no such booking."""
    found = history.admin_booking(booking_id) if booking_id else None
    if found is None:
        return None
    tz, ledger = user.timezone or "UTC", found.ledger
    booking = BookingFacts(found.booking_id, found.client_name or found.client_email,
                           found.client_email if found.client_name else "", found.partner_name,
                           format_slot(found.start, tz), found.status)
    left = ledger.money(ledger.refundable)
    money = MoneyFacts(
        ledger.money(ledger.authorized).format(), ledger.money(ledger.captured).format(),
        ledger.money(ledger.refunded).format(), ledger.money(ledger.net).format(),
        left.format(), f"{left.decimal}", ledger.status.replace("_", " "), ledger.currency,
        ledger.captured > 0)
    # "system" once, not as both the role and the name
    events = [EventRow(str(e.version), e.name, e.role, "" if e.who == e.role else e.who,
                       format_slot(e.at, tz), e.detail) for e in found.entries]
    done = sum(1 for e in found.entries if e.name == "PaymentRefunded")
    return Page(booking, money, events, done, ledger.intent_id)


async def _provider(intent_id: str) -> tuple[ProviderFacts, str]:
    """(the intent's live facts, "ok" | "unavailable" | "none")."""
    if not intent_id:
        return ProviderFacts(), "none"
    live = await history.provider_state(intent_id)
    if live is None:
        return ProviderFacts(), "unavailable"
    return ProviderFacts(live.status, live.amount.format(), live.capturable.format(),
                         live.received.format()), "ok"


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

    async def _read(self, user: UserDTO | None, booking_id: str) -> Page | None:
        if not allowed(user, "admin"):
            return None
        return await asyncio.to_thread(_page, user, booking_id)

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
            self.confirming = self.busy = self.waiting = False
            self.provider, self.provider_status = ProviderFacts(), "loading" if page else "none"
            denied = None if allowed(user, "admin") else self._deny()
        if denied is not None:
            yield denied
        elif page is not None:
            await self._refresh_provider(booking_id)

    async def _refresh_provider(self, booking_id: str) -> None:
        async with self:
            intent_id = self.intent_id if self.booking.booking_id == booking_id else ""
        facts, status = await _provider(intent_id)
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

    async def _wait_for_refund(self, user: UserDTO | None, booking_id: str, before: int,
                               shown: str) -> None:
        """The refund runs as a job in the worker: show it once it is recorded."""
        page = None
        for _ in range(POLL_TIMES):
            await asyncio.sleep(POLL_SECONDS)
            page = await self._read(user, booking_id)
            if page is None or page.refunds_done > before:
                break
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

